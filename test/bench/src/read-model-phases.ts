// The read model's workload, on the network the other phases ran on (issue 15's figures):
// - alert latency: customs records failed inspections (inspecting, non_conformant) on items in transit, one a
//   transaction, and the Regulator's gateway (its own process) streams the alerts they raise over SSE; each alert's
//   delay is timed from its transaction's commit status at the customs client, and from the block's arrival at a
//   plain block listener on the Regulator's peer;
// - catch-up: 10,000 events captured in documents of 100 (one transaction each), then the Regulator's read model
//   built from block 0 into a store of its own (the gateway's ReadModel and ReadModelFollower, as `read-model
//   rebuild` runs them), beside raw block delivery from block 0 over the same blocks, in turns.
// Every step is bounded in count and time.
import { createPrivateKey, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, type Gateway } from '@hyperledger/fabric-gateway';
import pino from 'pino';
import type { ConnectionInfo } from '@crossborder-trace/network';
import { AlertStore, gatewayOptionsSchema, openDatabase, ReadModelStore, type Alert, type GatewayOptions } from '@crossborder-trace/gateway';
import { FabricGatewayPort } from '@crossborder-trace/gateway/dist/fabric/fabric-gateway-port';
import { ReadModel } from '@crossborder-trace/gateway/dist/services/read-model';
import { ReadModelFollower } from '@crossborder-trace/gateway/dist/services/read-model-follower';
import { benchTempDir } from './ending';
import { CONTEXT, GTIN } from './gateway-phases';
import { startBenchGateway, type BenchGateway } from './gateway-process';
import { runConcurrent, type Sample } from './stats';

export const READ_MODEL_ORG = 'Regulator';
const USER = 'User1';
const CHANNEL = 'alliance';
const CHAINCODE = 'trace';
/** Where the Manufacturer ships the items: the Platform's party GLN (company prefix 6901234, in CN). */
const PLATFORM_PARTY = 'https://id.gs1.org/417/6901234000016';

/** Concurrent customs clients, the inspections each records at most, and the phase's time budget. */
export const ALERT_CLIENTS = 10;
const ALERTS_PER_CLIENT = 20;
const ALERT_BUDGET_MS = 60_000;
/** How long the Regulator's gateway may take to catch up with the chain before the alerts are timed. */
const GATEWAY_CATCH_UP_MS = 240_000;
/** After the last commit, how long the stream is given to deliver the alerts still on their way. */
const STREAM_GRACE_MS = 15_000;

/** Documents captured for the catch-up, their events, the clients capturing them, and the time budget. */
export const CATCH_UP_DOCUMENTS = 100;
export const EVENTS_PER_DOCUMENT = 100;
const CATCH_UP_CLIENTS = 20;
const CATCH_UP_CAPTURE_BUDGET_MS = 240_000;
const CATCH_UP_ATTEMPTS = 3;
/** The rebuild's and each raw delivery's time budget: past it they stop and the blocks read so far count. */
const READ_BUDGET_MS = 240_000;
/** Rounds of (raw delivery, rebuild), in turns. */
const READ_ROUNDS = 2;

export interface AlertFigures {
  /** Inspections committed (each should raise one alert). */
  readonly committed: number;
  /** Of them, alerts the stream delivered. */
  readonly delivered: number;
  /** Delivery on the stream after the commit status reached the customs client. */
  readonly fromCommitMs: readonly number[];
  /** Delivery on the stream after the block reached a plain block listener on the Regulator's peer. */
  readonly fromBlockMs: readonly number[];
  /** The blocks the measured alerts were raised in. */
  readonly blocks: number;
  readonly firstFailure?: string;
}

/** A pass over blocks [0, height): how long the whole took, and how long the capture's range took. */
export interface ReadPass {
  /** Blocks read (all of them unless the budget ran out). */
  readonly blocks: number;
  readonly seconds: number;
  /** The capture's blocks: from the end of the block before the first to the end of the last. */
  readonly rangeSeconds: number;
}

export interface CatchUpFigures {
  readonly capture: Sample;
  readonly firstFailure?: string;
  /** The chain read: blocks [0, height), and the events in it and in the capture's range. */
  readonly height: number;
  readonly events: number;
  readonly range: { readonly first: number; readonly last: number; readonly events: number };
  readonly rebuild: ReadPass;
  readonly rawPrivate: ReadPass;
  readonly rawBlocks: ReadPass;
}

export interface ReadModelFigures {
  readonly alerts: AlertFigures;
  readonly catchUp: CatchUpFigures;
}

export async function runReadModelPhases(info: ConnectionInfo, progress: (step: string) => void): Promise<ReadModelFigures> {
  const events = new Events();
  progress(`capturing ${CATCH_UP_DOCUMENTS} documents of ${EVENTS_PER_DOCUMENT} events for the read model's catch-up (${CATCH_UP_CLIENTS} clients)`);
  const captured = await captureForCatchUp(info, events);
  const alerts = await measureAlerts(info, events, progress);
  const catchUp = await measureCatchUp(info, captured, progress);
  return { alerts, catchUp };
}

/** A client of the org's peer as the gateway's port opens one: blocks of 100-event documents exceed gRPC's 4 MiB default. */
function connectPeer(info: ConnectionInfo, orgName: string, userName = USER): { gateway: Gateway; close(): void } {
  const org = info.orgs.find((o) => o.name === orgName);
  const user = org?.users.find((u) => u.name === userName);
  if (!org || !user) throw new Error(`the network has no user ${userName} of ${orgName}`);
  const client = new grpc.Client(org.peer.endpoint, grpc.credentials.createSsl(readFileSync(org.peer.tlsCaCertPath)), {
    'grpc.ssl_target_name_override': org.peer.hostname,
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
    'grpc.max_send_message_length': 16 * 1024 * 1024,
  });
  const gateway = connect({
    client,
    identity: { mspId: org.mspId, credentials: readFileSync(user.certPath) },
    signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(user.keyPath))),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + 30_000 }),
    endorseOptions: () => ({ deadline: Date.now() + 60_000 }),
    submitOptions: () => ({ deadline: Date.now() + 30_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 90_000 }),
  });
  return {
    gateway,
    close() {
      gateway.close();
      client.close();
    },
  };
}

/** Captures the document as one transaction; answers its id and the block it committed in, once committed. */
async function captureDocument(gateway: Gateway, document: Buffer): Promise<{ txId: string; block: bigint; committedAt: number }> {
  const contract = gateway.getNetwork(CHANNEL).getContract(CHAINCODE, 'event');
  const commit = await contract.submitAsync('capture', { transientData: { epcis: document, salt: randomBytes(16) } });
  const status = await commit.getStatus();
  const committedAt = performance.now();
  if (!status.successful) throw new InvalidCommit(status.transactionId, status.code);
  return { txId: status.transactionId, block: status.blockNumber, committedAt };
}

class InvalidCommit extends Error {
  constructor(txId: string, code: number) {
    super(`capture ${txId} committed as invalid (code ${code})`);
  }
}

/** The capture's blocks, as the commit statuses named them. */
interface Captured {
  readonly sample: Sample;
  readonly firstFailure?: string;
  readonly first: bigint;
  readonly last: bigint;
}

async function captureForCatchUp(info: ConnectionInfo, events: Events): Promise<Captured> {
  const connections = Array.from({ length: CATCH_UP_CLIENTS }, () => connectPeer(info, 'Manufacturer'));
  const blocks: bigint[] = [];
  let firstFailure: string | undefined;
  try {
    const perClient = Math.ceil(CATCH_UP_DOCUMENTS / CATCH_UP_CLIENTS);
    const sample = await runConcurrent(CATCH_UP_CLIENTS, perClient, CATCH_UP_CAPTURE_BUDGET_MS, async (c, i) => {
      try {
        const serials = Array.from({ length: EVENTS_PER_DOCUMENT }, (_, k) => `${events.tag}RM${c}-${i}-${k}`);
        const document = events.document(serials.map((s) => events.commissioning(s)));
        // Documents committed together may conflict (MVCC_READ_CONFLICT): such a one is sent again, a bounded number of times.
        for (let attempt = 1; ; attempt++) {
          try {
            blocks.push((await captureDocument(connections[c].gateway, document)).block);
            return;
          } catch (err) {
            if (!(err instanceof InvalidCommit) || attempt >= CATCH_UP_ATTEMPTS) throw err;
          }
        }
      } catch (err) {
        firstFailure ??= (err as Error).message;
        throw err;
      }
    });
    if (blocks.length === 0) throw new Error(`no document of the catch-up was captured: ${firstFailure ?? 'none tried'}`);
    const sorted = [...blocks].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return { sample, first: sorted[0], last: sorted[sorted.length - 1], ...(firstFailure !== undefined && { firstFailure }) };
  } finally {
    for (const c of connections) c.close();
  }
}

async function measureAlerts(info: ConnectionInfo, events: Events, progress: (step: string) => void): Promise<AlertFigures> {
  const items = ALERT_CLIENTS * ALERTS_PER_CLIENT;
  const warmUp = ALERT_CLIENTS;
  progress(`commissioning and shipping ${items + warmUp} items for the alerts`);
  const manufacturer = connectPeer(info, 'Manufacturer');
  const serial = (k: number) => `${events.tag}AL-${k}`;
  try {
    for (let from = 0; from < items + warmUp; from += EVENTS_PER_DOCUMENT) {
      const serials = Array.from({ length: Math.min(EVENTS_PER_DOCUMENT, items + warmUp - from) }, (_, k) => serial(from + k));
      await captureDocument(manufacturer.gateway, events.document(serials.map((s) => events.commissioning(s))));
      await captureDocument(manufacturer.gateway, events.document(serials.map((s) => events.shipping(s))));
    }
  } finally {
    manufacturer.close();
  }

  progress(`starting ${READ_MODEL_ORG}'s gateway (its own process) and waiting until its read model has caught up`);
  const gateway = await startBenchGateway(info, READ_MODEL_ORG, USER);
  const customs = Array.from({ length: ALERT_CLIENTS }, () => connectPeer(info, 'Customs'));
  const listener = connectPeer(info, READ_MODEL_ORG);
  const stream = new AlertStream(gateway);
  const blockArrivals = new Map<bigint, number>();
  let blockEvents: { close(): void } | undefined;
  try {
    const inspect = async (k: number) => {
      const document = events.document([events.failedInspection(serial(k))]);
      return captureDocument(customs[k % ALERT_CLIENTS].gateway, document);
    };
    // Each warm-up inspection waits for its alert: the first one also waits for the gateway's catch-up.
    for (let k = items; k < items + warmUp; k++) {
      const { txId } = await inspect(k);
      await stream.waitFor(txId, k === items ? GATEWAY_CATCH_UP_MS : STREAM_GRACE_MS);
    }

    const network = listener.gateway.getNetwork(CHANNEL);
    const height = await chainHeight(info);
    const blockFeed = await network.getBlockEvents({ startBlock: height });
    blockEvents = blockFeed;
    void (async () => {
      for await (const block of blockFeed) blockArrivals.set(BigInt(block.getHeader()?.getNumber() ?? -1), performance.now());
    })().catch(() => undefined);

    progress(`failed inspections: ${ALERT_CLIENTS} customs clients, one a transaction; ${READ_MODEL_ORG}'s gateway streams the alerts`);
    const commits = new Map<string, number>();
    let firstFailure: string | undefined;
    await runConcurrent(ALERT_CLIENTS, ALERTS_PER_CLIENT, ALERT_BUDGET_MS, async (c, i) => {
      try {
        const { txId, committedAt } = await inspect(c * ALERTS_PER_CLIENT + i);
        commits.set(txId, committedAt);
      } catch (err) {
        firstFailure ??= (err as Error).message;
        throw err;
      }
    });
    await stream.waitForAll([...commits.keys()], STREAM_GRACE_MS);
    const fromCommitMs: number[] = [];
    const fromBlockMs: number[] = [];
    let delivered = 0;
    for (const [txId, committedAt] of commits) {
      const arrival = stream.arrivals.get(txId);
      if (!arrival) continue;
      delivered++;
      fromCommitMs.push(arrival.at - committedAt);
      const blockAt = blockArrivals.get(BigInt(arrival.block));
      if (blockAt !== undefined) fromBlockMs.push(arrival.at - blockAt);
    }
    const blocks = new Set([...stream.arrivals.values()].filter((a) => commits.has(a.txId)).map((a) => a.block)).size;
    return { committed: commits.size, delivered, fromCommitMs, fromBlockMs, blocks, ...(firstFailure !== undefined && { firstFailure }) };
  } finally {
    stream.close();
    blockEvents?.close();
    listener.close();
    for (const c of customs) c.close();
    await gateway.stop();
  }
}

/** The Regulator's gateway options for a store in the folder: what its port and read model need. */
function regulatorOptions(info: ConnectionInfo, dataDir: string): GatewayOptions {
  const org = info.orgs.find((o) => o.name === READ_MODEL_ORG);
  const user = org?.users.find((u) => u.name === USER);
  if (!org || !user) throw new Error(`the network has no user ${USER} of ${READ_MODEL_ORG}`);
  return gatewayOptionsSchema.parse({ org: org.name, mspId: org.mspId, peer: org.peer, users: [{ name: user.name, certPath: user.certPath, keyPath: user.keyPath }], dataDir, host: '127.0.0.1', port: 0 });
}

/** The Regulator's peer's height: the number of the next block. */
async function chainHeight(info: ConnectionInfo): Promise<bigint> {
  const port = new FabricGatewayPort(regulatorOptions(info, tmpdir()));
  try {
    return await port.height();
  } finally {
    port.close();
  }
}

/** The gateway's GET /alerts/stream, read as it arrives: when each alert (by its first transaction) came. */
class AlertStream {
  readonly arrivals = new Map<string, { txId: string; block: number; at: number }>();
  readonly #abort = new AbortController();
  readonly #waiters = new Set<() => void>();
  #error: Error | undefined;

  constructor(gateway: BenchGateway) {
    void this.#read(gateway).catch((err: Error) => {
      if (!this.#abort.signal.aborted) this.#error = err;
      this.#wake();
    });
  }

  /** Waits until the alert raised by the transaction has come, failing after the time given. */
  async waitFor(txId: string, withinMs: number): Promise<void> {
    await this.waitForAll([txId], withinMs);
    if (!this.arrivals.has(txId)) throw new Error(`the ${READ_MODEL_ORG}'s stream gave no alert for transaction ${txId} within ${withinMs / 1000} s${this.#error ? `: ${this.#error.message}` : ''}`);
  }

  /** Waits until every transaction's alert has come, or the time given is out. */
  async waitForAll(txIds: readonly string[], withinMs: number): Promise<void> {
    const deadline = Date.now() + withinMs;
    while (!txIds.every((t) => this.arrivals.has(t)) && Date.now() < deadline && !this.#error) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.#waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.#abort.abort();
    this.#wake();
  }

  #wake(): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const w of waiters) w();
  }

  async #read(gateway: BenchGateway): Promise<void> {
    const response = await fetch(`${gateway.url}/alerts/stream`, { headers: { authorization: `Bearer ${gateway.key}`, accept: 'text/event-stream' }, signal: this.#abort.signal });
    if (response.status !== 200 || !response.body) throw new Error(`GET /alerts/stream answered ${response.status}`);
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of response.body) {
      const at = performance.now();
      buffered += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const message = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = message
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trimStart())
          .join('\n');
        if (!data) continue;
        const alert = JSON.parse(data) as Alert;
        const txId = alert.evidence.txIds[0];
        if (txId && !this.arrivals.has(txId)) this.arrivals.set(txId, { txId, block: alert.block, at });
      }
      this.#wake();
    }
  }
}

async function measureCatchUp(info: ConnectionInfo, captured: Captured, progress: (step: string) => void): Promise<CatchUpFigures> {
  const height = Number(await chainHeight(info));
  const range = { first: Number(captured.first), last: Number(captured.last) };
  const rawPrivate: ReadPass[] = [];
  const rawBlocks: ReadPass[] = [];
  const rebuilds: { pass: ReadPass; events: number; rangeEvents: number }[] = [];
  for (let round = 1; round <= READ_ROUNDS; round++) {
    progress(`round ${round} of ${READ_ROUNDS}: raw block delivery from block 0 to ${height - 1} (getBlockEvents, then getBlockAndPrivateDataEvents) as ${READ_MODEL_ORG}`);
    rawBlocks.push(await rawDelivery(info, 'blocks', height, range));
    rawPrivate.push(await rawDelivery(info, 'private', height, range));
    progress(`round ${round} of ${READ_ROUNDS}: ${READ_MODEL_ORG}'s read model built from block 0 to ${height - 1} in a store of its own`);
    rebuilds.push(await rebuild(info, height, range));
  }
  const fastest = (passes: readonly ReadPass[]) => passes.reduce((a, b) => (b.rangeSeconds < a.rangeSeconds ? b : a));
  const best = rebuilds.reduce((a, b) => (b.pass.rangeSeconds < a.pass.rangeSeconds ? b : a));
  return {
    capture: captured.sample,
    ...(captured.firstFailure !== undefined && { firstFailure: captured.firstFailure }),
    height,
    events: best.events,
    range: { ...range, events: best.rangeEvents },
    rebuild: best.pass,
    rawPrivate: fastest(rawPrivate),
    rawBlocks: fastest(rawBlocks),
  };
}

/** Times one pass: per block, when it was done; answers the pass's figures. */
class PassClock {
  readonly #started = performance.now();
  readonly #done = new Map<number, number>();

  done(block: number): void {
    this.#done.set(block, performance.now());
  }

  figures(range: { first: number; last: number }): ReadPass {
    const last = Math.max(-1, ...this.#done.keys());
    const end = this.#done.get(last) ?? performance.now();
    const rangeStart = this.#done.get(range.first - 1) ?? this.#started;
    const rangeEnd = this.#done.get(range.last) ?? end;
    return { blocks: this.#done.size, seconds: (end - this.#started) / 1000, rangeSeconds: (rangeEnd - rangeStart) / 1000 };
  }
}

/** Reads blocks [0, height) from the Regulator's peer and does nothing with them. */
async function rawDelivery(info: ConnectionInfo, kind: 'blocks' | 'private', height: number, range: { first: number; last: number }): Promise<ReadPass> {
  const connection = connectPeer(info, READ_MODEL_ORG);
  const network = connection.gateway.getNetwork(CHANNEL);
  const clock = new PassClock();
  const deadline = Date.now() + READ_BUDGET_MS;
  try {
    if (kind === 'blocks') {
      const feed = await network.getBlockEvents({ startBlock: 0n });
      try {
        for await (const block of feed) {
          const number = Number(block.getHeader()?.getNumber() ?? -1);
          clock.done(number);
          if (number >= height - 1 || Date.now() > deadline) break;
        }
      } finally {
        feed.close();
      }
    } else {
      const feed = await network.getBlockAndPrivateDataEvents({ startBlock: 0n });
      try {
        for await (const delivered of feed) {
          const number = Number(delivered.getBlock()?.getHeader()?.getNumber() ?? -1);
          clock.done(number);
          if (number >= height - 1 || Date.now() > deadline) break;
        }
      } finally {
        feed.close();
      }
    }
    return clock.figures(range);
  } finally {
    connection.close();
  }
}

/**
 * Builds the Regulator's read model from block 0 to height - 1 into an empty store of its own, with the gateway's
 * own ReadModel fed by its ReadModelFollower's catch-up (what `read-model rebuild` runs), timing each block applied.
 */
async function rebuild(info: ConnectionInfo, height: number, range: { first: number; last: number }): Promise<{ pass: ReadPass; events: number; rangeEvents: number }> {
  const { dir, remove } = benchTempDir('read-model-bench-');
  try {
    return await rebuildInto(dir, info, height, range);
  } finally {
    await remove();
  }
}

async function rebuildInto(dir: string, info: ConnectionInfo, height: number, range: { first: number; last: number }): Promise<{ pass: ReadPass; events: number; rangeEvents: number }> {
  const options = regulatorOptions(info, dir);
  const db = openDatabase(dir);
  const ledger = new FabricGatewayPort(options);
  try {
    const model = new ReadModel(new ReadModelStore(db), new AlertStore(db));
    const clock = new PassClock();
    const deadline = Date.now() + READ_BUDGET_MS;
    const apply = model.apply.bind(model);
    model.apply = (block) => {
      apply(block);
      clock.done(Number(block.number));
      // Out of time: the follower's feed ends here, and the blocks applied so far count.
      if (Date.now() > deadline) throw new Error('out of time');
    };
    // The follower reads the peer's height itself; it is at least `height`, and only blocks below it are timed.
    await new ReadModelFollower(ledger, model, pino({ level: 'silent' })).catchUp().catch((err: Error) => {
      if (err.message !== 'out of time') throw err;
    });
    const count = (sql: string, ...args: number[]) => (db.prepare(sql).get(...args) as { n: number }).n;
    const pass = clock.figures(range);
    return {
      pass,
      events: count('SELECT COUNT(*) AS n FROM rm_events WHERE block < ?', height),
      rangeEvents: count('SELECT COUNT(*) AS n FROM rm_events WHERE block BETWEEN ? AND ?', range.first, range.last),
    };
  } finally {
    ledger.close();
    db.close();
  }
}

/** The phase's events: serials of the bench's GTIN, each step a minute after the one before, all in the past. */
class Events {
  readonly #start = Date.now() - 10 * 60_000;
  /** Serials of this run begin with it: new on every run, whatever the chain holds. */
  readonly tag = `${this.#start.toString(36)}-`;

  #event(serial: string, minute: number, fields: Record<string, unknown>): Record<string, unknown> {
    return {
      type: 'ObjectEvent',
      eventTime: new Date(this.#start + minute * 60_000).toISOString(),
      eventTimeZoneOffset: '+00:00',
      epcList: [`https://id.gs1.org/01/${GTIN}/21/${serial}`],
      ...fields,
    };
  }

  commissioning(serial: string): Record<string, unknown> {
    return this.#event(serial, 0, { action: 'ADD', bizStep: 'commissioning', disposition: 'active' });
  }

  /** To the Platform, in CN: in transit, customs of that country may inspect it. */
  shipping(serial: string): Record<string, unknown> {
    return this.#event(serial, 1, { action: 'OBSERVE', bizStep: 'shipping', disposition: 'in_transit', destinationList: [{ type: 'possessing_party', destination: PLATFORM_PARTY }] });
  }

  /** Customs finds the goods non-conformant: a failed-inspection alert. */
  failedInspection(serial: string): Record<string, unknown> {
    return this.#event(serial, 2, { action: 'OBSERVE', bizStep: 'inspecting', disposition: 'non_conformant' });
  }

  document(eventList: readonly Record<string, unknown>[]): Buffer {
    return Buffer.from(JSON.stringify({ '@context': CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: new Date().toISOString(), epcisBody: { eventList } }));
  }
}
