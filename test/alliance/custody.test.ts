// An item's story is written by those who hold it: each attack of a member with valid credentials is refused with a
// stable code, and the item's state is what it was.
import { useTestNetwork } from '../support/suite';
import { captureWith, epcisDocument, json, refusalOf, registerEnterprises, traceContracts } from './alliance';

jest.setTimeout(180_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

const TEA = 'https://id.gs1.org/01/09506000134352/21';
const PLATFORM_PARTY = 'https://id.gs1.org/417/6901234000016';
let serial = 0;
let minute = 0;

function event(fields: Record<string, unknown>): Record<string, unknown> {
  minute += 1;
  return { type: 'ObjectEvent', eventTime: `2026-04-01T08:${String(minute).padStart(2, '0')}:00.000Z`, eventTimeZoneOffset: '+00:00', action: 'OBSERVE', ...fields };
}

/** A new serial of the manufacturer's tea, commissioned by it: in the factory. */
async function commissioned(): Promise<string> {
  serial += 1;
  const epc = `${TEA}/C${serial}`;
  await captureWith(traceContracts(network(), 'Manufacturer'), epcisDocument(event({ action: 'ADD', epcList: [epc], bizStep: 'commissioning', disposition: 'active' })));
  return epc;
}

const stateOf = async (epc: string) => json<{ state: Record<string, unknown> }>(await traceContracts(network(), 'Regulator').trace.evaluateTransaction('item', epc)).state;

async function expectRefused(org: string, fields: Record<string, unknown>, code: RegExp, epc: string): Promise<void> {
  const before = await stateOf(epc);
  expect(await refusalOf(captureWith(traceContracts(network(), org), epcisDocument(event(fields))))).toMatch(code);
  expect(await stateOf(epc)).toEqual(before);
}

beforeAll(() => registerEnterprises(network()));

test('the platform cannot sell an item still in the factory', async () => {
  const epc = await commissioned();
  await expectRefused('Platform', { epcList: [epc], bizStep: 'retail_selling', disposition: 'retail_sold' }, /NOT_CUSTODIAN: .* is held by ManufacturerMSP; PlatformMSP \(platform\) may not record 'retail_selling'/, epc);
});

test('logistics cannot recall or destroy goods by a disposition without its step, nor with a step of its own', async () => {
  const epc = await commissioned();
  await expectRefused('Logistics', { epcList: [epc], disposition: 'recalled' }, /DISPOSITION_NOT_AUTHORISED: disposition 'recalled' is set only by manufacturer/, epc);
  await expectRefused('Logistics', { epcList: [epc], disposition: 'destroyed' }, /DISPOSITION_NOT_AUTHORISED: disposition 'destroyed' is set only by destroying, not by an event without bizStep/, epc);
  await expectRefused('Logistics', { epcList: [epc], bizStep: 'https://logistics.example/steps/scrap', disposition: 'destroyed' }, /DISPOSITION_NOT_AUTHORISED: /, epc);
});

test("the platform's accepting cannot carry a verdict", async () => {
  const epc = await commissioned();
  await expectRefused('Platform', { epcList: [epc], bizStep: 'accepting', disposition: 'non_conformant' }, /DISPOSITION_NOT_AUTHORISED: disposition 'non_conformant' is set only by inspecting or sampling, not by 'accepting'/, epc);
});

test('an event dated in the future cannot freeze an item: refused beyond the clock skew', async () => {
  const epc = await commissioned();
  const manufacturer = traceContracts(network(), 'Manufacturer');
  for (const eventTime of ['9999-12-31T00:00:00.000Z', new Date(Date.now() + 3_600_000).toISOString()]) {
    const frozen = { ...event({ epcList: [epc], bizStep: 'inspecting', disposition: 'conformant' }), eventTime };
    expect(await refusalOf(captureWith(manufacturer, epcisDocument(frozen)))).toMatch(/EVENT_IN_FUTURE: eventTime .* is more than 5 min after the transaction's timestamp/);
  }
  // A true event recorded afterwards still becomes the item's state.
  await captureWith(manufacturer, epcisDocument(event({ epcList: [epc], bizStep: 'inspecting', disposition: 'conformant' })));
  expect(await stateOf(epc)).toMatchObject({ lastBizStep: 'inspecting', disposition: 'conformant' });
});

test("a CBV step written as a compact IRI is that step, with that step's authority", async () => {
  const epc = await commissioned();
  const curie = {
    '@context': ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld', { ex: 'https://ref.gs1.org/cbv/BizStep-' }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-04-01T09:00:00Z',
    epcisBody: { eventList: [event({ epcList: [epc], bizStep: 'ex:retail_selling', disposition: 'retail_sold' })] },
  };
  const before = await stateOf(epc);
  expect(await refusalOf(captureWith(traceContracts(network(), 'Logistics'), Buffer.from(JSON.stringify(curie))))).toMatch(
    /STEP_NOT_AUTHORISED: bizStep 'retail_selling' is outside the authority of role 'logistics'/,
  );
  expect(await stateOf(epc)).toEqual(before);
});

test('a shipment goes to the party it names: a third party cannot take it, the named one can', async () => {
  const epc = await commissioned();
  const manufacturer = traceContracts(network(), 'Manufacturer');
  await captureWith(manufacturer, epcisDocument(event({ epcList: [epc], bizStep: 'shipping', destinationList: [{ type: 'possessing_party', destination: PLATFORM_PARTY }] })));
  expect(await stateOf(epc)).toMatchObject({ custodian: 'ManufacturerMSP', inTransitTo: 'PlatformMSP' });
  await expectRefused('Logistics', { epcList: [epc], bizStep: 'receiving' }, /NOT_CUSTODIAN: .* is held by ManufacturerMSP, in transit to PlatformMSP; LogisticsMSP \(logistics\)/, epc);
  // Customs (CN) checks an import to a platform of its country; the manufacturer keeps the goods meanwhile.
  await captureWith(traceContracts(network(), 'Customs'), epcisDocument(event({ epcList: [epc], bizStep: 'inspecting', disposition: 'conformant' })));
  expect(await stateOf(epc)).toMatchObject({ custodian: 'ManufacturerMSP', inTransitTo: 'PlatformMSP', disposition: 'conformant' });
  await captureWith(traceContracts(network(), 'Platform'), epcisDocument(event({ epcList: [epc], bizStep: 'receiving' })));
  expect(await stateOf(epc)).toMatchObject({ custodian: 'PlatformMSP' });
  expect(await stateOf(epc)).not.toHaveProperty('inTransitTo');
  // Now the manufacturer no longer holds it.
  await expectRefused('Manufacturer', { epcList: [epc], bizStep: 'inspecting', disposition: 'non_conformant' }, /NOT_CUSTODIAN: .* is held by PlatformMSP; ManufacturerMSP/, epc);
});

test("customs does not act on goods outside its territory's imports", async () => {
  const epc = await commissioned();
  await expectRefused('Customs', { epcList: [epc], bizStep: 'holding' }, /NOT_CUSTODIAN: .* is held by ManufacturerMSP; CustomsMSP \(customs\) may not record 'holding'/, epc);
});

test("nobody commissions or first records the manufacturer's items but the manufacturer", async () => {
  serial += 1;
  const fresh = `${TEA}/N${serial}`;
  expect(await refusalOf(captureWith(traceContracts(network(), 'Logistics'), epcisDocument(event({ epcList: [fresh], bizStep: 'receiving' }))))).toMatch(
    /NOT_BRAND_OWNER: .* is a key of ManufacturerMSP's company prefix/,
  );
  expect(await refusalOf(traceContracts(network(), 'Regulator').trace.evaluateTransaction('item', fresh))).toMatch(/NOT_FOUND/);
});

test("customs cannot move its territory by re-registering its enterprise in the holder's country", async () => {
  const epc = await commissioned();
  const admin = traceContracts(network(), 'Customs', 'Admin').enterprise;
  const moved = admin.submitTransaction('register', JSON.stringify({ name: 'Customs Co.', country: 'DE', roles: ['customs'] }));
  expect(await refusalOf(moved)).toMatch(/INVALID_ENTERPRISE: the alliance charter places CustomsMSP in CN, not DE/);
  expect(json<{ country: string }>(await admin.evaluateTransaction('get', 'CustomsMSP')).country).toBe('CN');
  await expectRefused('Customs', { epcList: [epc], bizStep: 'inspecting', disposition: 'non_conformant' }, /NOT_CUSTODIAN: .* is held by ManufacturerMSP; CustomsMSP \(customs\)/, epc);
});
