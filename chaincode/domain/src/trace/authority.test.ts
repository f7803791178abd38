import { assertMayRecord, rolesForStep } from './authority';
import { collectionOf, DATA_LEVELS, mayRead, recordingLevel } from './data-levels';
import { ROLES } from './roles';

test.each([
  ['manufacturer', 'commissioning'],
  ['customs', 'sampling'],
  ['customs', 'holding'],
  ['customs', 'accepting'],
  ['logistics', 'transporting'],
  ['logistics', 'departing'],
  ['platform', 'retail_selling'],
  ['platform', 'receiving'],
] as const)('%s may record %s', (role, step) => {
  expect(() => assertMayRecord(role, step)).not.toThrow();
});

test.each([
  ['logistics', 'commissioning', 'only manufacturer may record it'],
  ['manufacturer', 'holding', 'only customs may record it'],
  ['platform', 'transporting', 'only logistics may record it'],
  ['regulator', 'retail_selling', 'only platform may record it'],
  ['customs', 'inventing', 'no role of the alliance records it'],
] as const)('%s may not record %s', (role, step, why) => {
  expect(() => assertMayRecord(role, step)).toThrow(`STEP_NOT_AUTHORISED: bizStep '${step}' is outside the authority of role '${role}': ${why}`);
});

test('the regulator records no step but reads every level', () => {
  expect(recordingLevel('regulator')).toBeUndefined();
  for (const level of Object.keys(DATA_LEVELS) as (keyof typeof DATA_LEVELS)[]) expect(mayRead('regulator', level)).toBe(true);
});

test('each recording role writes its own level and reads only the levels it is a member of', () => {
  expect(recordingLevel('manufacturer')).toBe('production');
  expect(recordingLevel('customs')).toBe('customsQc');
  expect(collectionOf('transport')).toBe('transportData');
  expect(mayRead('platform', 'transport')).toBe(true);
  expect(mayRead('logistics', 'platformTransaction')).toBe(false);
  expect(mayRead('manufacturer', 'customsQc')).toBe(false);
  for (const role of ROLES) {
    const level = recordingLevel(role);
    if (level) expect(mayRead(role, level)).toBe(true);
  }
});

test("a firm's own step (a URI) or no step is recordable by any recording role, never by the regulator", () => {
  for (const step of ['https://example.com/bizStep/inspecting', undefined]) {
    expect(() => assertMayRecord('logistics', step)).not.toThrow();
    expect(() => assertMayRecord('customs', step)).not.toThrow();
    expect(() => assertMayRecord('regulator', step)).toThrow(/^STEP_NOT_AUTHORISED: /);
  }
  expect(() => assertMayRecord('regulator', undefined)).toThrow("an event without bizStep is outside the authority of role 'regulator'");
});

test('a CBV step spelled as a URN or a GS1 web URI is the same step, with the same authority', () => {
  for (const step of ['urn:epcglobal:cbv:bizstep:commissioning', 'https://ref.gs1.org/cbv/BizStep-commissioning']) {
    expect(() => assertMayRecord('manufacturer', step)).not.toThrow();
    expect(() => assertMayRecord('logistics', step)).toThrow("STEP_NOT_AUTHORISED: bizStep 'commissioning' is outside the authority of role 'logistics'");
  }
});

test('every step some role records names only known roles', () => {
  for (const step of ['commissioning', 'shipping', 'holding', 'retail_selling']) {
    expect(rolesForStep(step).every((role) => (ROLES as readonly string[]).includes(role))).toBe(true);
  }
});
