// Nothing private reaches the public channel: an item's journey carries a canary value in every private field of
// every data level (production, transport, customs QC, platform transactions: ILMD, extensions, business
// transactions, sources, sensor devices and readings, the buyer), the platform's gateway sells it and its
// screening module publishes the record, a complaint is filed for the buyer; then no canary is in any block of the
// public channel, in any of its chaincode events, in any answer of the public chaincode to any org, or in any
// consumer answer of a gateway (the record, each step's proof, the linkset).
import { randomBytes } from 'node:crypto';
import { traceContracts, json, refusalOf, registerEnterprises, type OrgName } from '../alliance/alliance';
import { collect } from '../support/streams';
import { useTestNetwork } from '../support/suite';
import { startOrgGateway, type OrgGateway } from '../gateway/gateways';
import { blocksOf, eventually, publishedRecord, sell, startPlatform } from '../gateway/public-channel';

jest.setTimeout(300_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

const GTIN = '09506000134352';
const ITEM = `https://id.gs1.org/01/${GTIN}/21/CANARY1`;
const PORT = 'https://id.gs1.org/414/6900001000013';
const LOGISTICS_PARTY = 'https://id.gs1.org/417/4055555000018';
const PLATFORM_PARTY = 'https://id.gs1.org/417/6901234000016';
const CONSUMER = 'canary-consumer-4711';

/** One canary per private field and level; the sale's buyer reference is added once the platform made it. */
const CANARIES: Record<string, string> = {
  productionIlmd: 'CANARY-ILMD-RECIPE',
  productionExtension: 'CANARY-PRODUCTION-NOTE',
  productionBizTransaction: 'urn:example:bt:CANARY-FACTORY-PO',
  transportSource: 'urn:example:party:CANARY-SHIPPER',
  transportDevice: 'urn:example:device:CANARY-LOGGER',
  transportReading: '7.31415',
  transportExtension: 'CANARY-TRANSPORT-NOTE',
  customsExtension: 'CANARY-CUSTOMS-NOTE',
  platformBizTransaction: 'urn:example:bt:CANARY-PLATFORM-PO',
  consumer: CONSUMER,
};

let minute = 0;
const at = () => {
  minute += 1;
  return { eventTime: `2026-07-01T08:${String(minute).padStart(2, '0')}:00.000Z`, eventTimeZoneOffset: '+00:00' };
};
const observe = (bizStep: string, extra: Record<string, unknown> = {}) => ({ type: 'ObjectEvent', ...at(), action: 'OBSERVE', epcList: [ITEM], bizStep, ...extra });

async function capture(org: OrgName, event: Record<string, unknown>): Promise<void> {
  const context = ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld', { example: 'https://example.com/epcis/' }];
  const epcis = Buffer.from(JSON.stringify({ '@context': context, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-07-01T09:00:00Z', epcisBody: { eventList: [event] } }));
  await traceContracts(network(), org).event.submit('capture', { transientData: { epcis, salt: randomBytes(16) } });
}

let platform: OrgGateway;
let customs: OrgGateway;

beforeAll(async () => {
  await registerEnterprises(network());
  const product = { gtin: GTIN, name: 'Green tea 250 g', category: 'food', origin: 'CN', standards: ['GB 2763-2021'], limits: { storageTemperature: { min: 0, max: 25 } } };
  await traceContracts(network(), 'Manufacturer').product.submitTransaction('register', JSON.stringify(product));
  await capture('Manufacturer', {
    ...observe('commissioning', { action: 'ADD', disposition: 'active' }),
    ilmd: { 'example:recipe': CANARIES.productionIlmd },
    'example:note': CANARIES.productionExtension,
  });
  await capture('Manufacturer', observe('shipping', { destinationList: [{ type: 'possessing_party', destination: LOGISTICS_PARTY }], bizTransactionList: [{ type: 'po', bizTransaction: CANARIES.productionBizTransaction }] }));
  await capture('Logistics', observe('receiving', { sourceList: [{ type: 'owning_party', source: CANARIES.transportSource }] }));
  await capture('Logistics', {
    ...observe('transporting', { disposition: 'in_transit' }),
    sensorElementList: [{ sensorMetadata: { deviceID: CANARIES.transportDevice }, sensorReport: [{ type: 'gs1:Temperature', value: Number(CANARIES.transportReading), uom: 'CEL' }] }],
    'example:note': CANARIES.transportExtension,
  });
  await capture('Logistics', observe('shipping', { destinationList: [{ type: 'possessing_party', destination: PLATFORM_PARTY }] }));
  await capture('Customs', { ...observe('inspecting', { disposition: 'conformant', bizLocation: { id: PORT } }), 'example:note': CANARIES.customsExtension });
  await capture('Platform', observe('receiving', { bizTransactionList: [{ type: 'po', bizTransaction: CANARIES.platformBizTransaction }] }));

  platform = await startPlatform(network());
  customs = await startOrgGateway(network(), 'Customs');
  const key = platform.key('User1');
  const sold = await sell(network(), platform, key, { item: ITEM, consumer: CONSUMER });
  const sale = (await sold.json()) as { eventID: string };
  if (sold.status !== 201) throw new Error(`POST /sales: ${sold.status} ${JSON.stringify(sale)}`);
  const saleId = sale.eventID;
  const detail = (await (await platform.call(key, 'GET', `/events/${encodeURIComponent(saleId)}/detail`)).json()) as { event: Record<string, string> };
  CANARIES.buyerReference = detail.event['cbt:buyerReference'];
  await eventually('the screened record', () => publishedRecord(network(), ITEM));
  const filed = await platform.call(key, 'POST', '/complaints', { body: { item: ITEM, eventId: (await publishedRecord(network(), ITEM))!.record.steps[0].eventId, category: 'quality', description: 'It tasted odd.', consumer: CONSUMER } });
  if (filed.status !== 201) throw new Error(`POST /complaints: ${filed.status} ${await filed.text()}`);
});

afterAll(async () => {
  await platform?.close();
  await customs?.close();
});

/** The canaries found in a text or bytes, by name. */
const found = (bytes: Buffer | string) => Object.entries(CANARIES).filter(([, canary]) => bytes.includes(canary)).map(([name]) => name);

test("every canary is on the alliance, in its recorder's private detail, and the record was screened from them", async () => {
  expect(CANARIES.buyerReference).toMatch(/^[0-9a-f]{64}$/);
  const journey = json<{ events: { id: string; recordedBy: string }[] }>(await traceContracts(network(), 'Customs').trace.evaluateTransaction('journey', ITEM));
  const details: Buffer[] = [];
  for (const event of journey.events) {
    const recorder = event.recordedBy.replace(/MSP$/, '') as OrgName;
    details.push(Buffer.from(await traceContracts(network(), recorder).event.evaluateTransaction('detail', event.id)));
  }
  // The consumer's account id is the one canary that never reaches the ledger at all.
  expect(new Set(details.flatMap((detail) => found(detail)))).toEqual(new Set(Object.keys(CANARIES).filter((name) => name !== 'consumer')));
  const record = (await publishedRecord(network(), ITEM))!;
  expect(record.record.steps.map((s) => s.step)).toEqual(['commissioning', 'shipping', 'receiving', 'transporting', 'shipping', 'inspecting', 'receiving', 'retail_selling']);
  expect((record.record as unknown as { coldChain: { readings: number } }).coldChain.readings).toBe(1);
});

test('no block of the public channel holds a canary, and no chaincode event', async () => {
  const blocks = await blocksOf(network(), 'public');
  expect(blocks.length).toBeGreaterThan(2);
  expect(blocks.flatMap((block) => found(block))).toEqual([]);
  const events = await network().connect('Regulator').gateway.getNetwork('public').getChaincodeEvents('public', { startBlock: 0n });
  const seen = await collect(events, (got) => got.some((e) => e.eventName === 'ComplaintChanged'));
  expect(seen.map((e) => e.eventName)).toEqual(expect.arrayContaining(['RecordPublished', 'ComplaintChanged']));
  expect(seen.flatMap((e) => found(Buffer.from(e.payload)))).toEqual([]);
});

test("no answer of the public chaincode, to any org, holds a canary", async () => {
  for (const org of ['Manufacturer', 'Platform', 'Logistics', 'Customs', 'Regulator'] as const) {
    const contract = (name: string) => network().connect(org).gateway.getNetwork('public').getContract('public', name);
    const answers = [await contract('record').evaluateTransaction('get', ITEM), await contract('complaint').evaluateTransaction('ofItem', ITEM)];
    // Deriving reads the transport detail: the regulator's reads of it are audited first, like any other.
    if (org === 'Regulator') expect(await refusalOf(contract('record').evaluateTransaction('derive', ITEM))).toMatch(/READ_NOT_RECORDED: /);
    else answers.push(await contract('record').evaluateTransaction('derive', ITEM));
    expect(answers.flatMap((answer) => found(Buffer.from(answer)))).toEqual([]);
  }
});

test("no consumer answer of a gateway holds a canary: the record, every step's proof, the linkset", async () => {
  const path = `/public/items/${encodeURIComponent(ITEM)}`;
  const item = await eventually('the public read model', async () => {
    const response = await customs.call(undefined, 'GET', path);
    return response.status === 200 ? await response.text() : undefined;
  });
  const texts = [item];
  const steps = (JSON.parse(item) as { record: { steps: unknown[] } }).record.steps;
  for (let i = 0; i < steps.length; i++) texts.push(await (await customs.call(undefined, 'GET', `${path}/steps/${i}/proof`)).text());
  texts.push(await (await customs.call(undefined, 'GET', `/01/${GTIN}/21/CANARY1?linkType=linkset`)).text());
  expect(texts).toHaveLength(steps.length + 2);
  expect(texts.flatMap((text) => found(text))).toEqual([]);
});
