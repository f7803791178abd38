import { summariseEvent, type SummarisableEvent } from '../trace/event-summary';
import { normalizeEvent } from './normalize';
import { parseEpcisEvent } from './validate';
import {
  aggregationEvent,
  BAD_CHECK_DIGIT,
  objectEvent,
  SGLN,
  SGLN_LINK,
  SGTIN,
  SGTIN_LINK,
  SSCC_LINK,
  transformationEvent,
  type RawEvent,
} from './test-events';
import type { EpcisEvent } from './types';
import { pathsAndCodes } from './validate-test-support';

const normalized = (event: RawEvent): RawEvent => normalizeEvent(parseEpcisEvent(event)) as unknown as RawEvent;

describe('CBV and GS1 vocabulary values become bare words', () => {
  test.each(['shipping', 'urn:epcglobal:cbv:bizstep:shipping', 'https://ref.gs1.org/cbv/BizStep-shipping', 'cbv:BizStep-shipping'])('bizStep %s', (bizStep) => {
    expect(normalized(objectEvent({ bizStep }))['bizStep']).toBe('shipping');
  });

  test('in every vocabulary field', () => {
    const event = normalized(
      objectEvent({
        disposition: 'urn:epcglobal:cbv:disp:in_transit',
        persistentDisposition: { set: ['https://ref.gs1.org/cbv/Disp-completeness_verified'], unset: ['cbv:Disp-completeness_inferred'] },
        bizTransactionList: [{ type: 'urn:epcglobal:cbv:btt:po', bizTransaction: 'urn:epcglobal:cbv:bt:4012345000009:PO-1' }],
        sourceList: [{ type: 'https://ref.gs1.org/cbv/SDT-possessing_party', source: 'urn:epc:id:pgln:4012345.00000' }],
        destinationList: [{ type: 'urn:epcglobal:cbv:sdt:location', destination: 'urn:epc:id:sgln:4012345.00011.0' }],
        errorDeclaration: { declarationTime: '2024-05-02T08:00:00Z', reason: 'https://ref.gs1.org/cbv/ER-incorrect_data' },
        sensorElementList: [{ sensorReport: [{ type: 'gs1:Temperature', exception: 'https://gs1.org/voc/ALARM_CONDITION', component: 'cbv:Comp-latitude', value: 31.2, uom: 'DD' }] }],
      }),
    );
    expect(event).toMatchObject({
      disposition: 'in_transit',
      persistentDisposition: { set: ['completeness_verified'], unset: ['completeness_inferred'] },
      bizTransactionList: [{ type: 'po', bizTransaction: 'urn:epcglobal:cbv:bt:4012345000009:PO-1' }],
      sourceList: [{ type: 'possessing_party', source: 'https://id.gs1.org/417/4012345000009' }],
      destinationList: [{ type: 'location', destination: 'https://id.gs1.org/414/4012345000115' }],
      errorDeclaration: { reason: 'incorrect_data' },
      sensorElementList: [{ sensorReport: [{ type: 'Temperature', exception: 'ALARM_CONDITION', component: 'latitude', value: 31.2, uom: 'DD' }] }],
    });
  });

  test('user-defined values stay as written', () => {
    const event = normalized(objectEvent({ bizStep: 'https://example.com/bizStep/inspecting', disposition: 'example:quarantined' }));
    expect(event).toMatchObject({ bizStep: 'https://example.com/bizStep/inspecting', disposition: 'example:quarantined' });
  });
});

describe('identifiers become canonical GS1 Digital Links', () => {
  test('objects, parents, classes and places', () => {
    expect(normalized(aggregationEvent({ bizLocation: { id: SGLN } }))).toMatchObject({ parentID: SSCC_LINK, childEPCs: [SGTIN_LINK], bizLocation: { id: SGLN_LINK } });
    expect(normalized(objectEvent({ epcList: [SGTIN, 'https://id.example.com/01/4012345123456/21/12'] }))).toMatchObject({
      epcList: [SGTIN_LINK, SGTIN_LINK],
      readPoint: { id: SGLN_LINK },
    });
    expect(normalized(transformationEvent())).toMatchObject({
      inputQuantityList: [{ epcClass: 'https://id.gs1.org/01/04012345123456/10/LOT1', quantity: 10, uom: 'KGM' }],
      outputEPCList: [SGTIN_LINK],
    });
  });

  test('other URIs stay as written', () => {
    const epcList = ['urn:uuid:5a3c2b0e-8d7f-4c1e-9b6a-1f2e3d4c5b6a', 'https://example.com/item/1'];
    expect(normalized(objectEvent({ epcList }))['epcList']).toEqual(epcList);
  });

  test('a bad identifier is refused with its path and code', () => {
    const unchecked = objectEvent({ epcList: [SGTIN, BAD_CHECK_DIGIT], readPoint: { id: 'urn:epc:id:sgln:4012345.123.0' } }) as unknown as EpcisEvent;
    expect(pathsAndCodes(() => normalizeEvent(unchecked))).toEqual([
      { path: 'epcList[1]', code: 'bad_check_digit' },
      { path: 'readPoint.id', code: 'invalid_identifier' },
    ]);
  });
});

describe('everything else is kept', () => {
  const event = objectEvent({
    'example:first': { 'example:nested': ['urn:epc:id:sgtin:4012345.012345.12'] },
    eventTime: '2005-04-03T20:33:31.116000-06:00',
    eventTimeZoneOffset: '-06:00',
    recordTime: '2005-04-03T20:40:00+02:00',
    ilmd: { 'cbvmda:lotNumber': 'LOT1', 'example:bizStep': 'urn:epcglobal:cbv:bizstep:shipping' },
    'example:last': 'shipping',
  });

  test('times, extensions and member order', () => {
    const result = normalized(event);
    expect(Object.keys(result)).toEqual(Object.keys(event));
    expect(result).toMatchObject({
      eventTime: event['eventTime'],
      recordTime: event['recordTime'],
      'example:first': event['example:first'],
      ilmd: event['ilmd'],
    });
  });

  test('the input is not changed, and the same input gives the same output', () => {
    const before = JSON.stringify(event);
    const first = JSON.stringify(normalized(event));
    expect(JSON.stringify(event)).toBe(before);
    expect(JSON.stringify(normalized(event))).toBe(first);
  });

  test('normalising twice changes nothing more', () => {
    const once = normalizeEvent(parseEpcisEvent(event));
    expect(normalizeEvent(once)).toEqual(once);
  });
});

test('a normalised event is what the alliance summary is made of', () => {
  const event: SummarisableEvent = normalizeEvent(parseEpcisEvent(objectEvent({ bizStep: 'urn:epcglobal:cbv:bizstep:inspecting', disposition: 'conformant' })));
  expect(summariseEvent('ni:///sha-256;00?ver=CBV2.0', event, 'CustomsMSP', 'customsQc')).toMatchObject({
    bizStep: 'inspecting',
    verdict: 'conformant',
    readPoint: SGLN_LINK,
    what: { epcList: [SGTIN_LINK] },
  });
});

test("a vocabulary value in a compact IRI of the document's context is that term; an unbound prefix stays a URI of its own", () => {
  const event = parseEpcisEvent({ ...objectEvent(), bizStep: 'ex:retail_selling', disposition: 'd:retail_sold' });
  const context = ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld', { ex: 'https://ref.gs1.org/cbv/BizStep-', d: 'urn:epcglobal:cbv:disp:' }];
  expect(normalizeEvent(event, context)).toMatchObject({ bizStep: 'retail_selling', disposition: 'retail_sold' });
  expect(normalizeEvent(event)).toMatchObject({ bizStep: 'ex:retail_selling' });
});
