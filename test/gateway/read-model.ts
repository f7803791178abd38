// What the read model and alert suites share: waiting for a gateway's read model to reach the ledger's height,
// reading its alerts, and the events of an item's journey through REST.
import { openDatabase, ReadModelStore, type Alert } from '@crossborder-trace/gateway';
import { ORGS, type OrgName } from '../support/orgs';
import type { TestNetwork } from '../support/test-network';
import type { OrgGateway } from './gateways';
import { CONTEXT, chainHeight, jsonOf, peerReaches } from './rest';

/** The last block the gateway's read model applied, read from its store. */
export function checkpointOf(dataDir: string): bigint | undefined {
  const db = openDatabase(dataDir);
  try {
    return new ReadModelStore(db).checkpoint();
  } finally {
    db.close();
  }
}

/** Waits until the gateway's read model has applied every block the org's peer has now; fails after `polls`. */
export async function caughtUp(network: TestNetwork, gateway: OrgGateway, polls = 1_200): Promise<bigint> {
  const height = BigInt(await chainHeight(network, gateway.org as OrgName));
  for (let i = 0; i < polls; i++) {
    const checkpoint = checkpointOf(gateway.options.dataDir);
    if (checkpoint !== undefined && checkpoint >= height - 1n) return checkpoint;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${gateway.org}'s read model did not reach block ${height - 1n}`);
}

/** Every alert the gateway shows the key's user, oldest first. */
export async function alertsOf(gateway: OrgGateway, key: string, query = ''): Promise<Alert[]> {
  const response = await gateway.call(key, 'GET', `/alerts?limit=500${query}`);
  if (response.status !== 200) throw new Error(`GET /alerts: ${response.status} ${await response.text()}`);
  return (await jsonOf<{ alerts: Alert[] }>(response)).alerts;
}

let minute = 0;

/** An ObjectEvent OBSERVE with its @context, dated a fresh minute in the past (or at the given time). */
export function objectEvent(fields: Record<string, unknown>, eventTime?: Date): Record<string, unknown> {
  minute += 1;
  const time = eventTime ?? new Date(Date.now() - 24 * 3_600_000 + minute * 60_000);
  return { '@context': CONTEXT, type: 'ObjectEvent', eventTime: time.toISOString(), eventTimeZoneOffset: '+00:00', action: 'OBSERVE', ...fields };
}

/**
 * The height every peer must have reached before the next write. A gateway answers once its own peer has
 * committed; on real Fabric the other peers commit the block a little later, and a write that another org's peer
 * endorses before it has the block is simulated against the state before it (NOT_CUSTODIAN, say).
 */
let written = 0;

/** Notes that the org's peer committed a write: the next write waits until every peer has it. */
export async function settled(network: TestNetwork, org: OrgName): Promise<void> {
  written = Math.max(written, await chainHeight(network, org));
}

/** Waits until every peer has the last write noted by settled(). */
export async function everyPeerHasWritten(network: TestNetwork): Promise<void> {
  for (const org of ORGS) await peerReaches(network, org, written);
}

/** Posts one event through the org's gateway once every peer has the last write; answers its alliance id, failing on anything but 201. */
export async function record(network: TestNetwork, gateway: OrgGateway, key: string, event: Record<string, unknown>): Promise<string> {
  await everyPeerHasWritten(network);
  const response = await gateway.call(key, 'POST', '/events', { body: event });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`${gateway.org} POST /events: ${response.status} ${text}`);
  await settled(network, gateway.org as OrgName);
  return (JSON.parse(text) as { eventID: string }).eventID;
}
