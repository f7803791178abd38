// The REST gateway's workload, on the network the other phases ran on: the Manufacturer's user commissions
// serials of one of its GTINs (company prefix 9506000) on the alliance chaincode `trace`, first straight through
// fabric-gateway (the baseline), then through the Manufacturer's gateway: one event per POST /events, and EPCIS
// documents of 10 and 100 events per POST /capture, each job followed until it has ended. Every phase runs the same
// number of concurrent clients and is bounded in count and time; every event is new (a serial of its own).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { connectGateway, type ConnectionInfo, type GatewayConnection } from '@crossborder-trace/network';
import { registerEnterprises } from './enterprises';
import { startBenchGateway, type BenchGateway } from './gateway-process';
import { cpuMs, peakRssMiB, resetPeakRss, treePids } from './networks';
import { runConcurrent, type Sample } from './stats';

export const GATEWAY_CLIENTS = 20;
export const GATEWAY_ORG = 'Manufacturer';
const USER = 'User1';
const CHANNEL = 'alliance';
const CHAINCODE = 'trace';
export const CONTEXT = ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld'];
export const GTIN = '09506000134352';
/** Rounds of the baseline and POST /events, in turn. */
const ROUNDS = 3;
/**
 * A client follows its capture job with GET /capture/{id} and Prefer: wait (the gateway answers when the job ends, or
 * after the wait), and counts the job failed if it has not ended after JOB_DEADLINE_MS.
 */
const PREFER_WAIT_S = 30;
const JOB_DEADLINE_MS = 90_000;

/** A phase's sample with the number of events each of its calls carried, and the first failure, if any. */
export interface GatewaySample {
  readonly sample: Sample;
  readonly eventsPerCall: number;
  readonly firstFailure?: string;
  /** The CPU time the phase cost, over all of it (not the steady window alone). */
  readonly cpu: PhaseCpu;
}

/** CPU time in ms, from /proc: the network's processes, the gateway measured, this process (the clients); and wall time. */
export interface PhaseCpu {
  readonly network: number;
  readonly gateway: number;
  readonly bench: number;
  readonly wallMs: number;
}

export interface GatewayFigures {
  readonly raw: GatewaySample;
  readonly events: GatewaySample;
  readonly capture10: GatewaySample;
  readonly capture100: GatewaySample;
  /**
   * Peak resident sizes (VmHWM) over the gateway phases, in MiB: this process, the network's processes (added up),
   * the org gateways the network runs of its own (added up; 0 when it runs none), the gateway measured.
   */
  readonly peakMiB: { readonly bench: number; readonly network: number; readonly networkGateways: number; readonly gateway: number };
  /** Whether the bench's and the network's peaks were reset when the gateway phases began (else: since they started). */
  readonly peaksSinceStart: boolean;
}

export async function runGatewayPhases(info: ConnectionInfo, networkPid: number, progress: (step: string) => void): Promise<GatewayFigures> {
  progress('registering the orgs\' enterprises');
  await registerEnterprises(info);
  const networkPids = treePids(networkPid);
  const reset = [resetPeakRss('self'), ...networkPids.map((pid) => resetPeakRss(pid))].every(Boolean);
  progress(`starting ${GATEWAY_ORG}'s gateway (its own process)`);
  const gateway = await startBenchGateway(info, GATEWAY_ORG, USER);
  const connections: GatewayConnection[] = Array.from({ length: GATEWAY_CLIENTS }, () => connectGateway(info, GATEWAY_ORG, USER));
  try {
    const events = new EventMaker();
    const phase = phaseOf(() => ({
      network: networkPids.reduce((ms, pid) => ms + cpuMs(pid), 0),
      gateway: cpuMs(gateway.pid),
      bench: cpuMs('self'),
      wallMs: performance.now(),
    }));
    const raw = (c: number) => (tag: string) => rawCapture(connections[c], events.body(tag));
    const rest = (tag: string) => postEvent(gateway, events.body(tag));

    progress('warming up the trace chaincode and the gateway');
    await runConcurrent(GATEWAY_CLIENTS, 5, 20_000, (c, i) => raw(c)(`WR${c}-${i}`));
    await runConcurrent(GATEWAY_CLIENTS, 5, 20_000, (c, i) => rest(`WG${c}-${i}`));

    // The baseline and POST /events take turns, so that both see the same machine: a change in load from other work
    // during the run moves both, not their ratio.
    const rawRounds: GatewaySample[] = [];
    const eventRounds: GatewaySample[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      progress(`round ${round} of ${ROUNDS}: raw submit (baseline), ${GATEWAY_CLIENTS} fabric-gateway clients, one event a transaction`);
      rawRounds.push(await phase(1, (c, i) => raw(c)(`B${round}-${c}-${i}`), 20, 10_000));
      progress(`round ${round} of ${ROUNDS}: POST /events, ${GATEWAY_CLIENTS} HTTP clients, each event waits for its commit`);
      eventRounds.push(await phase(1, (c, i) => rest(`E${round}-${c}-${i}`), 20, 10_000));
    }
    progress(`POST /capture, 10 events a document: ${GATEWAY_CLIENTS} HTTP clients, each job followed to its end`);
    const capture10 = await phase(10, (c, i) => capture(gateway, events.document(10, `T${c}-${i}`)), 8, 30_000);
    progress(`POST /capture, 100 events a document: ${GATEWAY_CLIENTS} HTTP clients, each job followed to its end`);
    // Five documents a client, 100 in all: the first wave, which waits for blocks to fill, weighs less in the rate.
    const capture100 = await phase(100, (c, i) => capture(gateway, events.document(100, `H${c}-${i}`)), 5, 60_000);

    // The network may run each org's gateway too (npm start does): those are counted apart from its nodes.
    const [orgGateways, nodes] = partition(networkPids, (pid) => commandLine(pid).includes(GATEWAY_CLI));
    const sum = (pids: readonly number[]) => pids.reduce((total, pid) => total + peakRssMiB(pid), 0);
    const peakMiB = { bench: peakRssMiB('self'), network: sum(nodes), networkGateways: sum(orgGateways), gateway: gateway.peakRssMiB() };
    return { raw: merged(rawRounds), events: merged(eventRounds), capture10, capture100, peakMiB, peaksSinceStart: !reset };
  } finally {
    for (const c of connections) c.close();
    await gateway.stop();
  }
}

/**
 * Runs a phase's calls on every client, bounded in count and time, keeping the first failure's message and what the
 * phase cost in CPU (the reading's difference over the phase).
 */
function phaseOf(reading: () => PhaseCpu) {
  return async (eventsPerCall: number, op: (client: number, i: number) => Promise<void>, perClient: number, budgetMs: number): Promise<GatewaySample> => {
    let firstFailure: string | undefined;
    const before = reading();
    const sample = await runConcurrent(GATEWAY_CLIENTS, perClient, budgetMs, (c, i) =>
      op(c, i).catch((err: unknown) => {
        firstFailure ??= err instanceof Error ? err.message : String(err);
        throw err;
      }),
    );
    const after = reading();
    const cpu = { network: after.network - before.network, gateway: after.gateway - before.gateway, bench: after.bench - before.bench, wallMs: after.wallMs - before.wallMs };
    return { sample, eventsPerCall, cpu, ...(firstFailure !== undefined && { firstFailure }) };
  };
}

/** The gateway's command, as a process's command line names it. */
const GATEWAY_CLI = path.join('gateway', 'dist', 'cli', 'main.js');

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

/** Rounds of one phase as one sample: their calls, steady windows and latencies added up. */
function merged(rounds: readonly GatewaySample[]): GatewaySample {
  const firstFailure = rounds.find((r) => r.firstFailure !== undefined)?.firstFailure;
  const sample: Sample = {
    count: rounds.reduce((n, r) => n + r.sample.count, 0),
    steadyCount: rounds.reduce((n, r) => n + r.sample.steadyCount, 0),
    steadySeconds: rounds.reduce((n, r) => n + r.sample.steadySeconds, 0),
    latenciesMs: rounds.flatMap((r) => r.sample.latenciesMs),
    failures: rounds.reduce((n, r) => n + r.sample.failures, 0),
  };
  const cpu = (part: keyof PhaseCpu) => rounds.reduce((ms, r) => ms + r.cpu[part], 0);
  return {
    sample,
    eventsPerCall: rounds[0]?.eventsPerCall ?? 1,
    cpu: { network: cpu('network'), gateway: cpu('gateway'), bench: cpu('bench'), wallMs: cpu('wallMs') },
    ...(firstFailure !== undefined && { firstFailure }),
  };
}

/** Commissioning events of new serials of the GTIN, dated a minute before the run began (never in the future). */
class EventMaker {
  readonly #eventTime = new Date(Date.now() - 60_000).toISOString();

  event(serial: string): Record<string, unknown> {
    return {
      type: 'ObjectEvent',
      eventTime: this.#eventTime,
      eventTimeZoneOffset: '+00:00',
      action: 'ADD',
      epcList: [`https://id.gs1.org/01/${GTIN}/21/${serial}`],
      bizStep: 'commissioning',
      disposition: 'active',
    };
  }

  /** One event as POST /events takes it (and capture in transient data): with its JSON-LD context. */
  body(serial: string): Buffer {
    return Buffer.from(JSON.stringify({ '@context': CONTEXT, ...this.event(serial) }));
  }

  /** An EPCIS document of `count` events, serials `<tag>-0`... */
  document(count: number, tag: string): Buffer {
    const eventList = Array.from({ length: count }, (_, k) => this.event(`${tag}-${k}`));
    return Buffer.from(JSON.stringify({ '@context': CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: new Date().toISOString(), epcisBody: { eventList } }));
  }
}


/** The baseline: event:capture with the event in transient data and a fresh salt, submitted and waited for. */
async function rawCapture(connection: GatewayConnection, epcis: Buffer): Promise<void> {
  const contract = connection.gateway.getNetwork(CHANNEL).getContract(CHAINCODE, 'event');
  await contract.submit('capture', { transientData: { epcis, salt: randomBytes(16) } });
}

function call(gateway: BenchGateway, method: string, route: string, body?: Buffer, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${gateway.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${gateway.key}`, ...(body && { 'content-type': 'application/json' }), ...headers },
    body,
    signal: AbortSignal.timeout(JOB_DEADLINE_MS),
  });
}

async function postEvent(gateway: BenchGateway, body: Buffer): Promise<void> {
  const response = await call(gateway, 'POST', '/events', body);
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST /events answered ${response.status}: ${text.slice(0, 300)}`);
}

/** POST /capture, then GET /capture/{id}, each held until the job ends (Prefer: wait); a job that did not succeed is a failure. */
async function capture(gateway: BenchGateway, document: Buffer): Promise<void> {
  const response = await call(gateway, 'POST', '/capture', document);
  const text = await response.text();
  const location = response.headers.get('location');
  if (response.status !== 202 || !location) throw new Error(`POST /capture answered ${response.status}: ${text.slice(0, 300)}`);
  const started = Date.now();
  while (Date.now() < started + JOB_DEADLINE_MS) {
    const job = (await (await call(gateway, 'GET', location, undefined, { Prefer: `wait=${PREFER_WAIT_S}` })).json()) as { running?: boolean; success?: boolean; errors?: unknown };
    if (job.running === false) {
      if (job.success !== true) throw new Error(`capture job ${location} failed: ${JSON.stringify(job.errors).slice(0, 300)}`);
      return;
    }
  }
  throw new Error(`capture job ${location} had not ended after ${JOB_DEADLINE_MS / 1000} s`);
}
