import { canonicalTerm, readVocabularyValue, VOCABULARIES } from './vocabulary';

describe('reading a vocabulary value', () => {
  test.each([
    ['receiving', { kind: 'term', term: 'receiving' }],
    ['urn:epcglobal:cbv:bizstep:receiving', { kind: 'term', term: 'receiving' }],
    ['https://ref.gs1.org/cbv/BizStep-receiving', { kind: 'term', term: 'receiving' }],
    ['cbv:BizStep-receiving', { kind: 'term', term: 'receiving' }],
    ['https://example.com/steps/blending', { kind: 'user' }],
    ['urn:example:step:blending', { kind: 'user' }],
  ])('%s', (value, reading) => {
    expect(readVocabularyValue(VOCABULARIES.bizStep, value)).toEqual(reading);
  });

  test.each(['blending', 'urn:epcglobal:cbv:bizstep:blending', 'https://ref.gs1.org/cbv/BizStep-blending', 'urn:epcglobal:cbv:disp:receiving', ''])(
    '%j is unknown',
    (value) => {
      expect(readVocabularyValue(VOCABULARIES.bizStep, value).kind).toBe('unknown');
    },
  );

  test('each vocabulary has its own namespace', () => {
    expect(readVocabularyValue(VOCABULARIES.disposition, 'urn:epcglobal:cbv:disp:recalled')).toEqual({ kind: 'term', term: 'recalled' });
    expect(readVocabularyValue(VOCABULARIES.disposition, 'https://ref.gs1.org/cbv/BizStep-shipping')).toEqual({
      kind: 'unknown',
      problem: "'https://ref.gs1.org/cbv/BizStep-shipping' is in the namespace of the CBV 2.0 business steps, not a CBV 2.0 disposition",
    });
    expect(readVocabularyValue(VOCABULARIES.measurementType, 'https://ref.gs1.org/voc/Temperature')).toEqual({ kind: 'term', term: 'Temperature' });
    expect(readVocabularyValue(VOCABULARIES.sensorAlertType, 'gs1:Temperature').kind).toBe('unknown');
  });

  test('the steps the alliance records are CBV 2.0 steps', () => {
    for (const step of ['commissioning', 'inspecting', 'packing', 'shipping', 'transporting', 'arriving', 'sampling', 'holding', 'accepting', 'receiving', 'retail_selling']) {
      expect(readVocabularyValue(VOCABULARIES.bizStep, step).kind).toBe('term');
    }
  });
});

test('the canonical term is the bare word, or the user value as written', () => {
  expect(canonicalTerm(VOCABULARIES.sourceDestinationType, 'urn:epcglobal:cbv:sdt:owning_party')).toBe('owning_party');
  expect(canonicalTerm(VOCABULARIES.sourceDestinationType, 'cbv:my_own_party')).toBe('cbv:my_own_party');
  expect(canonicalTerm(VOCABULARIES.component, 'https://ref.gs1.org/cbv/Comp-x')).toBe('x');
});
