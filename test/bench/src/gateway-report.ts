// The REST gateway's figures: a block per network measured in the run, each REST phase compared with the raw
// fabric-gateway baseline measured on that network in the same run, against the targets the gateway is held to.
import { availableParallelism } from 'node:os';
import { GATEWAY_CLIENTS, GATEWAY_ORG, type GatewayFigures, type GatewaySample } from './gateway-phases';
import { summarise } from './stats';

/** POST /events at least this share of the baseline's events/s. */
export const SINGLE_EVENT_TARGET = 0.9;
/** POST /capture (100 events a document) at least this many times the baseline's transactions/s, in events/s. */
export const BATCH_TARGET = 20;

export interface GatewayMeasured {
  readonly label: string;
  readonly gateway: GatewayFigures;
}

/** Events per second over the steady window. */
export function eventRate(s: GatewaySample): number {
  return summarise(s.sample).rate * s.eventsPerCall;
}

function row(label: string, s: GatewaySample, comparison: string): string {
  const { p50, p95, p99 } = summarise(s.sample);
  const calls = s.eventsPerCall === 1 ? '' : ` (${summarise(s.sample).rate.toFixed(2)} documents/s)`;
  const failed = s.sample.failures > 0 ? `, ${s.sample.failures} failed` : '';
  const figures = `${eventRate(s).toFixed(1)} events/s${calls}, p50 ${p50.toFixed(0)} p95 ${p95.toFixed(0)} p99 ${p99.toFixed(0)} ms (${s.sample.count} ok${failed})`;
  return `  ${label.padEnd(34)}${figures.padEnd(84)}${comparison}`;
}

function verdict(ratio: number, target: number): string {
  return `${ratio.toFixed(2)}x the baseline (target ${target}x: ${ratio >= target ? 'met' : 'MISSED'})`;
}

function peakLine({ peakMiB: m, peaksSinceStart }: GatewayFigures): string {
  const mib = (n: number) => `${n.toFixed(0)} MiB`;
  const orgGateways = m.networkGateways > 0 ? `; the org gateways it runs: ${mib(m.networkGateways)}` : '';
  const over = peaksSinceStart ? 'since each process started' : 'over these phases';
  return `  peak RSS (${over}): bench ${mib(m.bench)}, network ${mib(m.network)} (its processes' peaks added${orgGateways}), gateway ${mib(m.gateway)}`;
}

/** The CPU an event cost in a phase, in all processes and in each, and the cores the phase kept busy. */
function cpuOf(s: GatewaySample): { perEvent: number; text: string } {
  const events = s.sample.count * s.eventsPerCall;
  const { network, gateway, bench, wallMs } = s.cpu;
  const per = (ms: number) => (events === 0 ? Number.NaN : ms / events);
  const perEvent = per(network + gateway + bench);
  const cores = (network + gateway + bench) / wallMs;
  return {
    perEvent,
    text: `${perEvent.toFixed(2)} ms (network ${per(network).toFixed(2)}, gateway ${per(gateway).toFixed(2)}, bench ${per(bench).toFixed(2)}; ${cores.toFixed(2)} of ${availableParallelism()} cores busy)`,
  };
}

/**
 * CPU an event cost in the baseline and in 100-event captures. When both phases keep the machine's cores busy, the
 * capture's ratio to the baseline is the ratio of these costs, whatever the gateway does: its ceiling on this machine.
 */
function cpuLines({ raw, capture100 }: GatewayFigures): string[] {
  const baseline = cpuOf(raw);
  const capture = cpuOf(capture100);
  return [
    `  CPU per event, each phase whole: raw submit ${baseline.text}; POST /capture of 100 ${capture.text}`,
    `  their ratio, what 100-event captures reach when both phases keep the cores equally busy: ${(baseline.perEvent / capture.perEvent).toFixed(2)}x`,
  ];
}

export function gatewayReportLines(measured: readonly GatewayMeasured[]): string[] {
  const lines: string[] = [];
  for (const { label, gateway: g } of measured) {
    const baseline = eventRate(g.raw);
    const ratio = (s: GatewaySample) => eventRate(s) / baseline;
    lines.push(
      '',
      `REST gateway on the ${label}: ${GATEWAY_ORG}'s gateway, ${GATEWAY_CLIENTS} concurrent clients in every phase, alliance chaincode event:capture`,
      row('raw submit, 1 event (baseline)', g.raw, 'baseline'),
      row('POST /events, 1 event', g.events, verdict(ratio(g.events), SINGLE_EVENT_TARGET)),
      row('POST /capture, 10 events', g.capture10, `${ratio(g.capture10).toFixed(2)}x the baseline`),
      row('POST /capture, 100 events', g.capture100, verdict(ratio(g.capture100), BATCH_TARGET)),
      peakLine(g),
      ...cpuLines(g),
    );
    for (const [name, s] of Object.entries({ raw: g.raw, events: g.events, capture10: g.capture10, capture100: g.capture100 })) {
      if (s.firstFailure) lines.push(`  first failure (${name}): ${s.firstFailure}`);
    }
  }
  if (measured.length > 0) {
    lines.push(
      '',
      'The baseline and POST /events ran in alternating rounds. Capture latencies run from POST /capture until',
      'GET /capture/{id} shows the job ended (with Prefer: wait=30, answered when the job ends); each document is',
      'one transaction (GS1-Capture-Error-Behaviour rollback). Rates are over the steady window.',
    );
  }
  return lines;
}
