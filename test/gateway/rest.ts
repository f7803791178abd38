// What the gateway's HTTP suites share: EPCIS documents, the alliance's gateways with a key per org, following
// capture jobs, reading problems, and looking at the ledger itself (through the chaincode, not a gateway) to see
// what a request did or did not change.
import { common } from '@hyperledger/fabric-protos';
import { CHANNEL, json, traceContracts } from '../alliance/alliance';
import { ORGS, USER_ROLES, type OrgName } from '../support/orgs';
import type { TestNetwork } from '../support/test-network';
import { startOrgGateway, type OrgGateway } from './gateways';

export const CONTEXT = ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld'];

/** An EPCIS 2.0 document of these events. */
export function epcisDocument(...events: Record<string, unknown>[]): Record<string, unknown> {
  return { '@context': CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-04T11:00:00Z', epcisBody: { eventList: events } };
}

/** The enterprise an org's admin registers: the charter's country and the org's own role. */
export function registrationOf(org: OrgName): Record<string, unknown> {
  return { name: `${org} Co.`, country: org === 'Manufacturer' || org === 'Logistics' ? 'DE' : 'CN', roles: [USER_ROLES[org]] };
}

export interface Alliance {
  gateway(org: OrgName): OrgGateway;
  /** The key of the org's User1, who acts in the org's role. */
  key(org: OrgName): string;
  close(): Promise<void>;
}

/** Each org's gateway on the network; each org's admin registers its enterprise through it. */
export async function startAlliance(network: TestNetwork, orgs: readonly OrgName[] = ORGS): Promise<Alliance> {
  const gateways = new Map<OrgName, OrgGateway>();
  const keys = new Map<OrgName, string>();
  for (const org of orgs) {
    const gateway = await startOrgGateway(network, org);
    gateways.set(org, gateway);
    const registered = await gateway.call(gateway.key('Admin'), 'POST', '/enterprises', { body: registrationOf(org) });
    if (registered.status !== 201) throw new Error(`${org}'s enterprise was not registered: ${registered.status} ${await registered.text()}`);
    keys.set(org, gateway.key('User1'));
  }
  return {
    gateway: (org) => gateways.get(org) ?? fail(`no gateway for ${org}`),
    key: (org) => keys.get(org) ?? fail(`no key for ${org}`),
    async close() {
      for (const gateway of gateways.values()) await gateway.close();
    },
  };
}

function fail(message: string): never {
  throw new Error(message);
}

export async function jsonOf<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export interface CaptureJob {
  readonly captureID: string;
  readonly running: boolean;
  readonly success: boolean;
  readonly captureErrorBehaviour: string;
  readonly errors: readonly { code: string; detail: string; eventIndex?: number }[];
  readonly eventIDs: readonly string[];
}

/** Polls a capture job until it has ended; a job that never ends fails the test by jest's timeout or here. */
export async function endedJob(gateway: OrgGateway, key: string, location: string, polls = 3_000): Promise<CaptureJob> {
  for (let i = 0; i < polls; i++) {
    const response = await gateway.call(key, 'GET', location);
    if (response.status !== 200) throw new Error(`GET ${location}: ${response.status} ${await response.text()}`);
    const job = await jsonOf<CaptureJob>(response);
    if (!job.running) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${location} still running after ${polls} polls`);
}

export function eventListOf(document: unknown): Record<string, unknown>[] {
  return (document as { epcisBody: { queryResults: { resultsBody: { eventList: Record<string, unknown>[] } } } }).epcisBody.queryResults.resultsBody.eventList;
}

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly instance?: string;
  readonly [member: string]: unknown;
}

/**
 * An RFC 9457 problem with this status and code, and a type: the binding's epcisException:* on EPCIS routes, the
 * project's URN elsewhere. Nothing in it may reveal the gateway's insides.
 */
export async function expectProblem(response: Response, status: number, code: string | RegExp, type: string | RegExp = /^urn:crossborder-trace:problem:/): Promise<ProblemBody> {
  const text = await response.text();
  expect({ status: response.status, text }).toMatchObject({ status });
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(text) as ProblemBody;
  const matching = (expected: string | RegExp) => (typeof expected === 'string' ? expected : expect.stringMatching(expected));
  expect(problem).toMatchObject({ status, code: matching(code), type: matching(type) });
  expect(typeof problem.title).toBe('string');
  expectNoLeak(text);
  return problem;
}

/** Stack frames, file paths, gRPC and peer addresses: what no answer may carry. */
const LEAKS = [/\n\s+at /, /\bat [\w.<>]+ \(/, /\/(?:work|tmp|home|usr|var|opt)\//, /node_modules/, /\.[jt]s:\d+/, /grpc/i, /(?:localhost|127\.0\.0\.1|\[::1?\]|0\.0\.0\.0):\d+/, /\.trace\.local/, /-----BEGIN/];

export function expectNoLeak(text: string): void {
  for (const leak of LEAKS) expect(text).not.toMatch(leak);
}

/**
 * The events the ledger holds for this query, every page, read through the chaincode as the regulator, once the
 * regulator's peer has every block another org's peer has: a write a gateway answered has committed at its own org's
 * peer, and on real Fabric the other peers commit the block a little later.
 */
export async function ledgerEvents(network: TestNetwork, query: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  await regulatorHasEveryBlock(network);
  const trace = traceContracts(network, 'Regulator').trace;
  const events: Record<string, unknown>[] = [];
  let bookmark = '';
  for (let page = 0; page < 1_000; page++) {
    const answer = json<{ events: Record<string, unknown>[]; bookmark: string }>(await trace.evaluateTransaction('events', JSON.stringify({ ...query, pageSize: 100, ...(bookmark && { bookmark }) })));
    events.push(...answer.events);
    bookmark = answer.bookmark;
    if (bookmark === '') return events;
  }
  throw new Error('the ledger query did not end');
}

/** The ids of the ledger's events about an item. */
export async function ledgerIdsOf(network: TestNetwork, epc: string): Promise<string[]> {
  return (await ledgerEvents(network, { matchEpc: [epc] })).map((e) => e.id as string);
}

async function regulatorHasEveryBlock(network: TestNetwork): Promise<void> {
  const highest = Math.max(...(await Promise.all(ORGS.map((org) => chainHeight(network, org)))));
  await peerReaches(network, 'Regulator', highest);
}

/** Waits (30 s at most) until the org's peer has the channel at least this high. */
export async function peerReaches(network: TestNetwork, org: OrgName, height: number): Promise<void> {
  for (let polls = 0; (await chainHeight(network, org)) < height; polls++) {
    if (polls >= 600) throw new Error(`${org}'s peer did not reach height ${height}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The channel's height at an org's peer: one block per transaction on the suites' networks. */
export async function chainHeight(network: TestNetwork, org: OrgName = 'Regulator'): Promise<number> {
  const qscc = network.connect(org).gateway.getNetwork(CHANNEL).getContract('qscc');
  return common.BlockchainInfo.deserializeBinary(await qscc.evaluateTransaction('GetChainInfo', CHANNEL)).getHeight();
}
