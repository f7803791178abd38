// The read model's figures: per network measured in the run, the alert latency from commit to the SSE stream,
// and the read model's catch-up beside raw block delivery over the same blocks on the same network.
import { ALERT_CLIENTS, READ_MODEL_ORG, type ReadModelFigures, type ReadPass } from './read-model-phases';
import { percentile, summarise } from './stats';

export interface ReadModelMeasured {
  readonly label: string;
  readonly readModel: ReadModelFigures;
}

function latency(label: string, ms: readonly number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => percentile(sorted, p).toFixed(0);
  return `  ${label.padEnd(44)}p50 ${at(50)} ms, p99 ${at(99)} ms, max ${at(100)} ms (${ms.length} alerts)`;
}

function rate(count: number, seconds: number, unit: string): string {
  return `${(count / seconds).toFixed(count / seconds >= 100 ? 0 : 1)} ${unit}/s`;
}

export function readModelReportLines(measured: readonly ReadModelMeasured[]): string[] {
  const lines: string[] = [];
  for (const { label, readModel: { alerts: a, catchUp: c } } of measured) {
    const blocks = c.range.last - c.range.first + 1;
    const pass = (name: string, p: ReadPass, comparison: string) =>
      `  ${name.padEnd(44)}${`${rate(blocks, p.rangeSeconds, 'blocks')} (${rate(c.range.events, p.rangeSeconds, 'events')}), ${p.rangeSeconds.toFixed(2)} s`.padEnd(44)}` +
      `${`whole chain ${rate(p.blocks, p.seconds, 'blocks')}${p.blocks < c.height ? ` (stopped at ${p.blocks} blocks)` : ''}`.padEnd(44)}${comparison}`;
    const capture = summarise(c.capture);
    const failed = (n: number, first?: string) => (n > 0 ? `, ${n} failed${first ? `: ${first.slice(0, 200)}` : ''}` : '');
    lines.push(
      '',
      `Read model on the ${label}: ${READ_MODEL_ORG}'s gateway`,
      `  alerts: ${a.committed} failed inspections committed by ${ALERT_CLIENTS} customs clients, one a transaction, in ${a.blocks} blocks; ${a.delivered} streamed${a.firstFailure ? `; first failure: ${a.firstFailure.slice(0, 200)}` : ''}`,
      latency('commit status at the client -> SSE', a.fromCommitMs),
      latency('block at a listener on its peer -> SSE', a.fromBlockMs),
      `  catch-up: ${c.capture.count} documents of 100 events captured (${rate(c.capture.steadyCount * 100, c.capture.steadySeconds, 'events')}, p50 ${capture.p50.toFixed(0)} ms${failed(c.capture.failures, c.firstFailure)}),` +
        ` blocks ${c.range.first}..${c.range.last} (${blocks} blocks, ${c.range.events} events); the chain: ${c.height} blocks, ${c.events} events`,
      pass('raw delivery, getBlockEvents', c.rawBlocks, ''),
      pass('raw delivery, getBlockAndPrivateDataEvents', c.rawPrivate, 'baseline'),
      pass('read model rebuild', c.rebuild, `${(c.rawPrivate.rangeSeconds / c.rebuild.rangeSeconds).toFixed(2)}x the baseline's speed`),
    );
  }
  if (measured.length > 0) {
    lines.push(
      '',
      'Alert latencies run from the commit status at the customs client (or the block at a plain listener on the',
      "Regulator's peer) until the alert's SSE message arrives. Catch-up figures cover the capture's blocks, from block 0",
      'on (the rebuild applies the whole chain; the fastest of two rounds, each raw delivery then rebuild).',
    );
  }
  return lines;
}
