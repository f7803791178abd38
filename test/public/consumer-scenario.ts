// What the consumer suites share: sold items with public records, written the way the platform's screening would
// (events captured on the alliance through the chaincode, then record:derive and record:publish as the seller), a
// complaint filed and answered, a recall that reaches one item; and waiting for a gateway's public read model.
import { randomBytes } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { BUYER_REFERENCE, type PublishedRecord, type ScreenedRecord } from '@crossborder-trace/domain';
import { CHAINCODE, CHANNEL, json, registerEnterprises, traceContracts, type OrgName } from '../alliance/alliance';
import type { OrgGateway } from '../gateway/gateways';
import type { TestNetwork } from '../support/test-network';
import { submitAndWait } from '../support/transactions';

export const GTIN = '09506000134352';
/** Sold, published, one complaint answered. */
export const CLEAN = `https://id.gs1.org/01/${GTIN}/21/CON1`;
/** Sold, published, then recalled and published again. */
export const RECALLED = `https://id.gs1.org/01/${GTIN}/21/CON2`;
/** Commissioned, never sold: no public record. */
export const UNSOLD = `https://id.gs1.org/01/${GTIN}/21/CON3`;
export const PUBLIC_CHANNEL = 'public';
const FACTORY = 'https://id.gs1.org/414/9506000134376';
const LOGISTICS_PARTY = 'https://id.gs1.org/417/4055555000018';
const PLATFORM_PARTY = 'https://id.gs1.org/417/6901234000016';
export const BUYER = 'b4f1c0de9b8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6b5a4938271605f4e';
export const COMPLAINT_WORDS = 'My name is Ann Example; the tea smelled of smoke.';

export const publicContract = (network: TestNetwork, org: OrgName, name: 'record' | 'complaint') =>
  network.connect(org, 'User1').gateway.getNetwork(PUBLIC_CHANNEL).getContract(PUBLIC_CHANNEL, name);

let minute = 0;
function at(): Record<string, string> {
  minute += 1;
  return { eventTime: `2026-06-01T${String(8 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00.000Z`, eventTimeZoneOffset: '+00:00' };
}

async function capture(network: TestNetwork, org: OrgName, event: Record<string, unknown>): Promise<string> {
  const context = ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld', { [BUYER_REFERENCE.prefix]: BUYER_REFERENCE.namespace }];
  const epcis = Buffer.from(JSON.stringify({ '@context': context, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-06-01T09:00:00Z', epcisBody: { eventList: [event] } }));
  const result = await traceContracts(network, org).event.submit('capture', { transientData: { epcis, salt: randomBytes(16) } });
  return json<{ ids: string[] }>(result).ids[0];
}

const observe = (epcList: string[], bizStep: string, extra: Record<string, unknown> = {}) => ({ type: 'ObjectEvent', ...at(), action: 'OBSERVE', epcList, bizStep, ...extra });

/** Derives the item's record as the seller and publishes it: what the screening module does after a sale. */
export async function publish(network: TestNetwork, epc: string): Promise<PublishedRecord> {
  const derived = json<ScreenedRecord>(await publicContract(network, 'Platform', 'record').evaluateTransaction('derive', epc));
  const committed = await submitAndWait(publicContract(network, 'Platform', 'record'), 'publish', { arguments: [epc, JSON.stringify(derived)] });
  if (!committed.status.successful) throw new Error(`the record of ${epc} was not published: ${committed.status.code}`);
  return json<PublishedRecord>(committed.result);
}

export interface Scenario {
  /** The inspecting step's alliance event id (the complaint is about it). */
  readonly inspected: string;
  readonly complaintId: string;
}

/** The items' journeys, their records, the complaint and the recall. */
export async function buildScenario(network: TestNetwork): Promise<Scenario> {
  await registerEnterprises(network);
  const product = { gtin: GTIN, name: 'Green tea 250 g', category: 'food', origin: 'CN', standards: ['GB 2763-2021', 'ISO 22000'], limits: { storageTemperature: { min: 0, max: 25 } } };
  await traceContracts(network, 'Manufacturer').product.submitTransaction('register', JSON.stringify(product));
  const items = [CLEAN, RECALLED, UNSOLD];
  await capture(network, 'Manufacturer', observe(items, 'commissioning', { action: 'ADD', disposition: 'active', bizLocation: { id: FACTORY } }));
  const inspected = await capture(network, 'Manufacturer', observe(items, 'inspecting', { disposition: 'conformant', bizLocation: { id: FACTORY } }));
  await capture(network, 'Manufacturer', observe(items, 'shipping', { destinationList: [{ type: 'possessing_party', destination: LOGISTICS_PARTY }] }));
  await capture(network, 'Logistics', observe(items, 'receiving'));
  await capture(network, 'Logistics', observe(items, 'shipping', { destinationList: [{ type: 'possessing_party', destination: PLATFORM_PARTY }] }));
  await capture(network, 'Platform', observe(items, 'receiving'));
  for (const sold of [CLEAN, RECALLED]) {
    await capture(network, 'Platform', observe([sold], 'retail_selling', { disposition: 'retail_sold', [`${BUYER_REFERENCE.prefix}:${BUYER_REFERENCE.term}`]: BUYER }));
    await publish(network, sold);
  }
  const filing = JSON.stringify({ epc: CLEAN, eventId: inspected, category: 'quality', description: COMPLAINT_WORDS });
  const filed = json<{ id: string }>(await publicContract(network, 'Platform', 'complaint').submit('file', { arguments: [filing], transientData: { buyerReference: Buffer.from(BUYER) } }));
  await publicContract(network, 'Manufacturer', 'complaint').submitTransaction('answer', filed.id, JSON.stringify({ text: 'The lot was tested again and passed.' }));
  await recall(network, 'CON2');
  await publish(network, RECALLED);
  return { inspected, complaintId: filed.id };
}

export async function recall(network: TestNetwork, serial: string): Promise<void> {
  const contract = network.connect('Regulator', 'User1').gateway.getNetwork(CHANNEL).getContract(CHAINCODE, 'recall');
  await submitAndWait(contract, 'issue', { arguments: [JSON.stringify({ gtin: GTIN, serials: [serial], reason: 'smoke taint found in the lot', severity: 'class_ii' })] });
}

/** The public channel's height at the org's peer. */
export async function publicHeight(network: TestNetwork, org: OrgName): Promise<bigint> {
  const qscc = network.connect(org).gateway.getNetwork(PUBLIC_CHANNEL).getContract('qscc');
  return BigInt(common.BlockchainInfo.deserializeBinary(await qscc.evaluateTransaction('GetChainInfo', PUBLIC_CHANNEL)).getHeight());
}

/** Waits until the gateway's public read model has applied every public block its peer has now. */
export async function publicCaughtUp(network: TestNetwork, gateway: OrgGateway, checkpointOf: (dataDir: string) => bigint | undefined): Promise<bigint> {
  const height = await publicHeight(network, gateway.org as OrgName);
  for (let i = 0; i < 1_200; i++) {
    const checkpoint = checkpointOf(gateway.options.dataDir);
    if (checkpoint !== undefined && checkpoint >= height - 1n) return checkpoint;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${gateway.org}'s public read model did not reach block ${height - 1n}`);
}
