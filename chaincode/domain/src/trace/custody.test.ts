import { parseCharter, type AllianceCharter } from './charter';
import { assertCustody, custodyAfter, destinationHolder, type Custody, type CustodyCheck } from './custody';
import { summariseEvent, type SummarisableEvent } from './event-summary';
import type { Role } from './roles';

const charter: AllianceCharter = {
  version: 1,
  ...parseCharter(
    JSON.stringify({
      regulator: 'RegulatorMSP',
      members: {
        ManufacturerMSP: { country: 'DE', roles: ['manufacturer'], companyPrefixes: ['9506000'] },
        RivalMSP: { country: 'DE', roles: ['manufacturer'], companyPrefixes: ['9507000'] },
        LogisticsMSP: { country: 'DE', roles: ['logistics'], companyPrefixes: ['4012345'] },
        PlatformMSP: { country: 'CN', roles: ['platform'], companyPrefixes: ['6901234'] },
        CustomsMSP: { country: 'CN', roles: ['customs'] },
        RegulatorMSP: { country: 'CN', roles: ['regulator'] },
      },
    }),
  ),
};
const ROLE_OF: Record<string, Role> = { ManufacturerMSP: 'manufacturer', RivalMSP: 'manufacturer', LogisticsMSP: 'logistics', PlatformMSP: 'platform', CustomsMSP: 'customs' };

const item = 'https://id.gs1.org/01/09506000134352/21/S1';
const pallet = 'https://id.gs1.org/00/340123450000000014';
const PLATFORM_PARTY = 'https://id.gs1.org/417/6901234000017';

function check(recorder: string, event: Partial<SummarisableEvent>, custody: Record<string, Custody> = {}, carriesIlmd = false): CustodyCheck {
  const full = { type: 'ObjectEvent', action: 'OBSERVE', eventTime: '2026-03-04T10:00:00Z', eventTimeZoneOffset: '+00:00', ...event } as SummarisableEvent;
  return {
    event: summariseEvent('e', full, recorder, 'production'),
    carriesIlmd,
    recorder: { mspId: recorder, role: ROLE_OF[recorder] },
    charter,
    custody: new Map(Object.entries(custody)),
  };
}

test("only the brand owner commissions its GTIN's items, and it then holds them", () => {
  const commissioning = { action: 'ADD', bizStep: 'commissioning', epcList: [item] };
  expect(() => assertCustody(check('RivalMSP', commissioning))).toThrow(/^NOT_BRAND_OWNER: https:\/\/id\.gs1\.org\/01\/09506000134352\/21\/S1 is a key of ManufacturerMSP's company prefix/);
  const own = check('ManufacturerMSP', commissioning);
  expect(() => assertCustody(own)).not.toThrow();
  expect(custodyAfter(own, undefined).get(item)).toEqual({ custodian: 'ManufacturerMSP' });
  // Class-level identity (ILMD on a lot) is the brand owner's too.
  const lot = { action: 'ADD', bizStep: 'creating_class_instance', quantityList: [{ epcClass: 'https://id.gs1.org/01/09506000134352/10/L1' }] };
  expect(() => assertCustody(check('RivalMSP', lot, {}, true))).toThrow(/^NOT_BRAND_OWNER: /);
});

test('an item the ledger does not know enters it only by its brand owner; a brand outside the alliance by anyone', () => {
  expect(() => assertCustody(check('PlatformMSP', { bizStep: 'receiving', epcList: [item] }))).toThrow(/^NOT_BRAND_OWNER: /);
  expect(() => assertCustody(check('PlatformMSP', { bizStep: 'receiving', epcList: ['https://id.gs1.org/01/04000000000001/21/X'] }))).not.toThrow();
});

test('nobody but the holder touches an item; the destination takes it by receiving it', () => {
  const held = { [item]: { custodian: 'ManufacturerMSP' } };
  expect(() => assertCustody(check('PlatformMSP', { bizStep: 'retail_selling', epcList: [item] }, held))).toThrow(
    "NOT_CUSTODIAN: https://id.gs1.org/01/09506000134352/21/S1 is held by ManufacturerMSP; PlatformMSP (platform) may not record 'retail_selling' on it",
  );
  const shipping = check('ManufacturerMSP', { bizStep: 'shipping', epcList: [item], destinationList: [] } as Partial<SummarisableEvent>, held);
  assertCustody(shipping);
  const shipped = custodyAfter(shipping, destinationHolder(charter, [{ type: 'possessing_party', destination: PLATFORM_PARTY }])).get(item)!;
  expect(shipped).toEqual({ custodian: 'ManufacturerMSP', inTransitTo: 'PlatformMSP' });
  // In transit, the destination may only take it; the shipper keeps it until then.
  expect(() => assertCustody(check('PlatformMSP', { bizStep: 'retail_selling', epcList: [item] }, { [item]: shipped }))).toThrow(/^NOT_CUSTODIAN: .* in transit to PlatformMSP/);
  const receiving = check('PlatformMSP', { bizStep: 'receiving', epcList: [item] }, { [item]: shipped });
  assertCustody(receiving);
  expect(custodyAfter(receiving, undefined).get(item)).toEqual({ custodian: 'PlatformMSP' });
  // A third party cannot take it by claiming to receive it.
  expect(() => assertCustody(check('LogisticsMSP', { bizStep: 'receiving', epcList: [item] }, { [item]: shipped }))).toThrow(/^NOT_CUSTODIAN: /);
});

test("customs acts on its own territory's imports, and only by its border steps", () => {
  const toChina = { [item]: { custodian: 'LogisticsMSP', inTransitTo: 'PlatformMSP' } };
  const inGermany = { [item]: { custodian: 'LogisticsMSP' } };
  expect(() => assertCustody(check('CustomsMSP', { bizStep: 'inspecting', epcList: [item] }, toChina))).not.toThrow();
  expect(() => assertCustody(check('CustomsMSP', { bizStep: 'inspecting', epcList: [item] }, inGermany))).toThrow(/^NOT_CUSTODIAN: .* held by LogisticsMSP; CustomsMSP \(customs\) may not record 'inspecting'/);
  expect(() => assertCustody(check('CustomsMSP', { bizStep: 'destroying', epcList: [item] }, toChina))).toThrow(/^NOT_CUSTODIAN: /);
  const holding = check('CustomsMSP', { bizStep: 'holding', epcList: [item] }, toChina);
  expect(custodyAfter(holding, undefined).get(item)).toEqual(toChina[item]);
});

test('the brand owner recalls its items wherever they are, and does nothing else to them', () => {
  const elsewhere = { [item]: { custodian: 'PlatformMSP' } };
  expect(() => assertCustody(check('ManufacturerMSP', { disposition: 'recalled', epcList: [item] }, elsewhere))).not.toThrow();
  expect(() => assertCustody(check('ManufacturerMSP', { bizStep: 'inspecting', disposition: 'non_conformant', epcList: [item] }, elsewhere))).toThrow(/^NOT_CUSTODIAN: /);
  expect(() => assertCustody(check('RivalMSP', { disposition: 'recalled', epcList: [item] }, elsewhere))).toThrow(/^NOT_CUSTODIAN: /);
});

test('packing puts items in a pallet, whose holder holds them; unpacking takes them out', () => {
  const packing = check('LogisticsMSP', { type: 'AggregationEvent', action: 'ADD', bizStep: 'packing', parentID: pallet, childEPCs: [item] }, { [item]: { custodian: 'LogisticsMSP' } });
  assertCustody(packing);
  const packed = custodyAfter(packing, undefined);
  expect(packed.get(item)).toEqual({ custodian: 'LogisticsMSP', containedIn: pallet });
  expect(packed.get(pallet)).toEqual({ custodian: 'LogisticsMSP' });
  const unpacking = check('PlatformMSP', { type: 'AggregationEvent', action: 'DELETE', bizStep: 'unpacking', parentID: pallet, childEPCs: [item] }, {
    [item]: { custodian: 'PlatformMSP', containedIn: pallet },
    [pallet]: { custodian: 'PlatformMSP' },
  });
  assertCustody(unpacking);
  expect(custodyAfter(unpacking, undefined).get(item)).toEqual({ custodian: 'PlatformMSP', containedIn: undefined });
});
