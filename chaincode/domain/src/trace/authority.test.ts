import { assertMayRecord, assertMaySetDisposition, rolesForStep } from './authority';
import { collectionOf, DATA_LEVELS, mayReadDetail, recordingLevel } from './data-levels';
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

test('the regulator records no step but reads every enterprise at every level', () => {
  expect(recordingLevel('regulator')).toBeUndefined();
  for (const level of Object.keys(DATA_LEVELS) as (keyof typeof DATA_LEVELS)[]) {
    expect(mayReadDetail({ mspId: 'RegulatorMSP', role: 'regulator' }, level, 'ManufacturerMSP')).toBe(true);
  }
});

test('each enterprise writes its own collection; another firm of the same role reads nothing of it', () => {
  expect(recordingLevel('manufacturer')).toBe('production');
  expect(recordingLevel('customs')).toBe('customsQc');
  expect(collectionOf('transport', 'LogisticsMSP')).toBe('transportData-LogisticsMSP');
  expect(mayReadDetail({ mspId: 'PlatformMSP', role: 'platform' }, 'transport', 'LogisticsMSP')).toBe(true);
  expect(mayReadDetail({ mspId: 'Logistics2MSP', role: 'logistics' }, 'transport', 'LogisticsMSP')).toBe(false);
  expect(mayReadDetail({ mspId: 'Manufacturer2MSP', role: 'manufacturer' }, 'production', 'ManufacturerMSP')).toBe(false);
  expect(mayReadDetail({ mspId: 'LogisticsMSP', role: 'logistics' }, 'platformTransaction', 'PlatformMSP')).toBe(false);
  for (const role of ROLES) {
    const level = recordingLevel(role);
    if (level) expect(mayReadDetail({ mspId: 'X', role }, level, 'X')).toBe(true);
  }
});

test.each([
  ['platform', 'accepting', 'non_conformant', "disposition 'non_conformant' is set only by inspecting or sampling, not by 'accepting'"],
  ['logistics', undefined, 'recalled', "disposition 'recalled' is set only by manufacturer, not by role 'logistics'"],
  ['logistics', undefined, 'destroyed', "disposition 'destroyed' is set only by destroying, not by an event without bizStep"],
  ['logistics', 'https://example.com/steps/destroy', 'destroyed', "disposition 'destroyed' is set only by destroying, not by 'https://example.com/steps/destroy'"],
  ['manufacturer', 'shipping', 'retail_sold', "disposition 'retail_sold' is set only by retail_selling, not by 'shipping'"],
] as const)('%s with step %s may not set %s', (role, step, disposition, why) => {
  expect(() => assertMaySetDisposition(role, step, disposition)).toThrow(`DISPOSITION_NOT_AUTHORISED: ${why}`);
});

test.each([
  ['customs', 'inspecting', 'non_conformant'],
  ['manufacturer', 'urn:epcglobal:cbv:bizstep:sampling', 'conformant'],
  ['customs', 'destroying', 'destroyed'],
  ['platform', 'retail_selling', 'retail_sold'],
  ['manufacturer', undefined, 'recalled'],
  ['logistics', undefined, 'damaged'],
  ['logistics', 'transporting', undefined],
] as const)('%s with step %s may set %s', (role, step, disposition) => {
  expect(() => assertMaySetDisposition(role, step, disposition)).not.toThrow();
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
