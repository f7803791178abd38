// What the screening and complaint suites share: an item's journey to the platform through REST, sales through
// POST /sales once every peer has the last write, the platform's gateway started apart (it is closed and started
// again), and the public channel read through the chaincode itself, never through a gateway.
import { startGateway, type GatewayOptions } from '@crossborder-trace/gateway';
import pino from 'pino';
import { GatewayError } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import { json } from '../alliance/alliance';
import { tempDir } from '../support/temp-dirs';
import type { TestNetwork } from '../support/test-network';
import { gatewayOptionsFor, orgGateway, type OrgGateway } from './gateways';
import { everyPeerHasWritten, objectEvent, record, settled } from './read-model';
import { registrationOf, type Alliance } from './rest';

export const GTIN = '09506000134352';
const LOGISTICS_PARTY = 'https://id.gs1.org/417/4055555000018';
const PLATFORM_PARTY = 'https://id.gs1.org/417/6901234000016';

export const item = (serial: string) => `https://id.gs1.org/01/${GTIN}/21/${serial}`;

/** The platform's gateway on a data folder of its own (kept across a restart), with its options changed as given. */
export async function startPlatform(network: TestNetwork, dataDir = tempDir('gateway-Platform-'), change: (o: GatewayOptions) => GatewayOptions = (o) => o): Promise<OrgGateway> {
  const options = change(gatewayOptionsFor(network, 'Platform', dataDir));
  const running = await startGateway(options, { log: pino({ level: process.env.GATEWAY_LOG ?? 'silent' }) });
  return orgGateway('Platform', running.url, options, () => running.close());
}

/** Registers the platform's enterprise through its gateway and answers its User1's key. */
export async function registerPlatform(platform: OrgGateway): Promise<string> {
  const registered = await platform.call(platform.key('Admin'), 'POST', '/enterprises', { body: registrationOf('Platform') });
  if (registered.status !== 201) throw new Error(`Platform's enterprise was not registered: ${registered.status} ${await registered.text()}`);
  return platform.key('User1');
}

/**
 * The product, and its items made, inspected, carried and received by the platform. Answers the event ids by step;
 * the manufacturer's events as it sent them, by step, go into `sent` when given (to declare one erroneous later).
 */
export async function journeyToPlatform(
  network: TestNetwork,
  alliance: Alliance,
  platform: { gateway: OrgGateway; key: string },
  epcs: string[],
  sent: Record<string, Record<string, unknown>> = {},
): Promise<Record<string, string>> {
  const product = await alliance.gateway('Manufacturer').call(alliance.key('Manufacturer'), 'POST', '/products', { body: { gtin: GTIN, name: 'Green tea 250 g', category: 'food', origin: 'CN' } });
  if (product.status !== 201) throw new Error(`product: ${product.status} ${await product.text()}`);
  await settled(network, 'Manufacturer');
  const by = (org: 'Manufacturer' | 'Logistics', fields: Record<string, unknown>, step?: string) => {
    const event = objectEvent(fields);
    if (step !== undefined) sent[step] = event;
    return record(network, alliance.gateway(org), alliance.key(org), event);
  };
  return {
    commissioned: await by('Manufacturer', { action: 'ADD', epcList: epcs, bizStep: 'commissioning', disposition: 'active' }, 'commissioned'),
    inspected: await by('Manufacturer', { epcList: epcs, bizStep: 'inspecting', disposition: 'conformant' }, 'inspected'),
    shipped: await by('Manufacturer', { epcList: epcs, bizStep: 'shipping', destinationList: [{ type: 'possessing_party', destination: LOGISTICS_PARTY }] }, 'shipped'),
    carried: await by('Logistics', { epcList: epcs, bizStep: 'receiving' }),
    forwarded: await by('Logistics', { epcList: epcs, bizStep: 'shipping', destinationList: [{ type: 'possessing_party', destination: PLATFORM_PARTY }] }),
    received: await record(network, platform.gateway, platform.key, objectEvent({ epcList: epcs, bizStep: 'receiving' })),
  };
}

/** POST /sales once every peer has the last write; answers the response. */
export async function sell(network: TestNetwork, platform: OrgGateway, key: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
  // A sale is an event like any other: endorsed by peers that must already have the item's last step.
  await everyPeerHasWritten(network);
  const response = await platform.call(key, 'POST', '/sales', { body, headers });
  await settled(network, 'Platform');
  return response;
}

/** Polls until the check answers something, at most `polls` times; what a test then asserts is not timed. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, polls = 1_500): Promise<T> {
  for (let i = 0; i < polls; i++) {
    const found = await check();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: not seen after ${polls} polls`);
}

/** The screening queue's row for the item at the gateway (404: undefined). */
export async function screeningOf(gateway: OrgGateway, key: string, epc: string): Promise<Record<string, unknown> | undefined> {
  const response = await gateway.call(key, 'GET', `/screening/${encodeURIComponent(epc)}`);
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw new Error(`GET /screening: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

export interface PublishedRecord {
  readonly version: number;
  readonly publishedBy: string;
  readonly txId: string;
  readonly record: { readonly epc: string; readonly sale: { eventId: string; seller: string } | null; readonly flags: string[]; readonly steps: { eventId: string; step: string; enterprise: { mspId: string } }[] };
}

/** The item's record on the public channel, read through the chaincode; undefined before it is published. */
export async function publishedRecord(network: TestNetwork, epc: string): Promise<PublishedRecord | undefined> {
  const contract = network.connect('Customs').gateway.getNetwork('public').getContract('public', 'record');
  try {
    return json<PublishedRecord>(await contract.evaluateTransaction('get', epc));
  } catch (err) {
    if (err instanceof GatewayError && err.details.some((d) => /NOT_FOUND: /.test(d.message))) return undefined;
    throw err;
  }
}

/** Every block of the channel as the org's peer holds it, bytes and all. */
export async function blocksOf(network: TestNetwork, channel: string): Promise<Buffer[]> {
  const qscc = network.connect('Regulator').gateway.getNetwork(channel).getContract('qscc');
  const height = common.BlockchainInfo.deserializeBinary(await qscc.evaluateTransaction('GetChainInfo', channel)).getHeight();
  const blocks: Buffer[] = [];
  for (let n = 0; n < height; n++) blocks.push(Buffer.from(await qscc.evaluateTransaction('GetBlockByNumber', channel, String(n))));
  return blocks;
}
