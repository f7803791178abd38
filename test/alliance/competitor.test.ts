// Two manufacturers in one alliance: the rival, with its own CA, peer and valid transactions, cannot claim the
// first's brand, make or touch its items, or read anything of its private detail.
import path from 'node:path';
import { useTestNetwork } from '../support/suite';
import { captureWith, epcisDocument, json, refusalOf, registerEnterprises, regulatorDetail, traceContracts } from './alliance';

jest.setTimeout(180_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true, description: path.resolve(__dirname, '..', 'network', 'six-orgs.yaml') });

const TEA_GTIN = '09506000134352';
const TEA = `https://id.gs1.org/01/${TEA_GTIN}/21`;
const RIVAL_GTIN = '09507000000012';
let minute = 0;

function event(fields: Record<string, unknown>): Record<string, unknown> {
  minute += 1;
  return { type: 'ObjectEvent', eventTime: `2026-04-03T08:${String(minute).padStart(2, '0')}:00.000Z`, eventTimeZoneOffset: '+00:00', action: 'OBSERVE', ...fields };
}

const product = (gtin: string) => JSON.stringify({ gtin, name: 'Green tea 250 g', category: 'food', origin: 'CN' });
const stateOf = async (epc: string) => json<{ state: Record<string, unknown> }>(await traceContracts(network(), 'Regulator').trace.evaluateTransaction('item', epc)).state;

let teaItem: string;
let teaEventId: string;

beforeAll(async () => {
  await registerEnterprises(network());
  await traceContracts(network(), 'Rival', 'Admin').enterprise.submitTransaction('register', JSON.stringify({ name: 'Rival Co.', country: 'DE', roles: ['manufacturer'] }));
  teaItem = `${TEA}/T1`;
  const commissioning = event({ action: 'ADD', epcList: [teaItem], bizStep: 'commissioning', disposition: 'active', ilmd: { 'cbvmda:lotNumber': 'L1' } });
  [teaEventId] = await captureWith(traceContracts(network(), 'Manufacturer'), epcisDocument(commissioning));
});

test("the rival cannot register the manufacturer's GTIN first; its own it can", async () => {
  const rival = traceContracts(network(), 'Rival').product;
  expect(await refusalOf(rival.submitTransaction('register', product(TEA_GTIN)))).toMatch(
    /NOT_BRAND_OWNER: GTIN 09506000134352 is not under a company prefix of RivalMSP in the alliance charter: its company prefix is ManufacturerMSP's/,
  );
  expect(await refusalOf(rival.evaluateTransaction('get', TEA_GTIN))).toMatch(/NOT_FOUND/);
  await rival.submitTransaction('register', product(RIVAL_GTIN));
  expect(json<{ brandOwner: string }>(await rival.evaluateTransaction('get', RIVAL_GTIN)).brandOwner).toBe('RivalMSP');
});

test("the rival cannot commission serials of the manufacturer's GTIN", async () => {
  const fake = `${TEA}/FAKE-1`;
  expect(await refusalOf(captureWith(traceContracts(network(), 'Rival'), epcisDocument(event({ action: 'ADD', epcList: [fake], bizStep: 'commissioning' }))))).toMatch(
    /NOT_BRAND_OWNER: https:\/\/id\.gs1\.org\/01\/09506000134352\/21\/FAKE-1 is a key of ManufacturerMSP's company prefix/,
  );
  expect(await refusalOf(traceContracts(network(), 'Regulator').trace.evaluateTransaction('item', fake))).toMatch(/NOT_FOUND/);
});

test.each([
  ['inspect it as non-conformant', { bizStep: 'inspecting', disposition: 'non_conformant' }],
  ['destroy it', { bizStep: 'destroying', disposition: 'destroyed' }],
  ['recall it', { disposition: 'recalled' }],
])("the rival cannot %s: the manufacturer's item is left as it was", async (_what, fields) => {
  const before = await stateOf(teaItem);
  expect(await refusalOf(captureWith(traceContracts(network(), 'Rival'), epcisDocument(event({ epcList: [teaItem], ...fields }))))).toMatch(
    /NOT_CUSTODIAN: .* is held by ManufacturerMSP; RivalMSP \(manufacturer\)/,
  );
  expect(await stateOf(teaItem)).toEqual(before);
});

test("the rival reads nothing of the manufacturer's production detail, and the manufacturer nothing of the rival's", async () => {
  const rival = traceContracts(network(), 'Rival').event;
  expect(await refusalOf(rival.evaluateTransaction('detail', teaEventId))).toMatch(/DETAIL_DENIED: RivalMSP \(manufacturer\) may not read ManufacturerMSP's production data/);
  const { hashId } = json<{ hashId: string }>(await traceContracts(network(), 'Manufacturer').event.evaluateTransaction('detail', teaEventId));
  // Even with the right hash ID, the rival finds nothing: it can read no collection that holds it.
  expect(await refusalOf(rival.evaluateTransaction('byHash', hashId))).toMatch(/NOT_FOUND: no event with hash ID .* in the data RivalMSP may read/);
  const [rivalEvent] = await captureWith(traceContracts(network(), 'Rival'), epcisDocument(event({ action: 'ADD', epcList: [`https://id.gs1.org/01/${RIVAL_GTIN}/21/R1`], bizStep: 'commissioning' })));
  expect(json<{ recordedBy: string; level: string }>(await rival.evaluateTransaction('get', rivalEvent))).toMatchObject({ recordedBy: 'RivalMSP', level: 'production' });
  expect(await refusalOf(traceContracts(network(), 'Manufacturer').event.evaluateTransaction('detail', rivalEvent))).toMatch(
    /DETAIL_DENIED: ManufacturerMSP \(manufacturer\) may not read RivalMSP's production data/,
  );
  expect(json<{ event: unknown }>(await regulatorDetail(network(), rivalEvent)).event).toBeDefined();
});
