// The benchmark's figures as one table: a column per network measured in this run, and the devnet's ratio to the
// real-Fabric column when there is one. Without FABRIC_BIN the ratio is to fixed figures measured earlier on real
// Fabric, and the table says so.
import type { Figures } from './phases';
import { summarise, type Sample } from './stats';

/** Real Fabric 3.1.5 on this machine kind (1 Raft orderer, 2 peers, ccaas, BatchTimeout 2 s, 20 clients). */
export const FABRIC_REFERENCE = { submit: 225, evaluate: 950, privateWrites: 260 } as const;

export interface Measured {
  readonly label: string;
  readonly figures: Figures;
}

const PHASES = [
  { key: 'lone', label: 'lone transaction' },
  { key: 'submit', label: 'submit + commit' },
  { key: 'evaluate', label: 'evaluate' },
  { key: 'privateWrites', label: 'private data write' },
] as const;

function cell(sample: Sample): string {
  const s = summarise(sample);
  const failed = sample.failures > 0 ? `, ${sample.failures} failed` : '';
  return `${s.rate.toFixed(1)}/s p50 ${s.p50.toFixed(0)} p95 ${s.p95.toFixed(0)} ms (${sample.count} ok${failed})`;
}

function ratio(devnet: number, baseline: number): string {
  return `${(devnet / baseline).toFixed(2)}x`;
}

/** The table's lines; measured[0] is the devnet, measured[1] real Fabric when it ran. */
export function reportLines(measured: readonly Measured[]): string[] {
  const [devnet, fabric] = measured;
  const width = 48;
  const baselineLabel = fabric ? `devnet / ${fabric.label}` : 'devnet / Fabric reference';
  const lines = [`${''.padEnd(20)}${measured.map((m) => m.label.padEnd(width)).join('')}${baselineLabel}`];
  for (const phase of PHASES) {
    const rate = (m: Measured) => summarise(m.figures[phase.key]).rate;
    let comparison = '';
    if (phase.key !== 'lone') comparison = fabric ? ratio(rate(devnet), rate(fabric)) : `${ratio(rate(devnet), FABRIC_REFERENCE[phase.key])} (of ${FABRIC_REFERENCE[phase.key]}/s)`;
    lines.push(`${phase.label.padEnd(20)}${measured.map((m) => cell(m.figures[phase.key]).padEnd(width)).join('')}${comparison}`);
  }
  const memory = (m: Measured) => `idle ${m.figures.rssIdleMiB.toFixed(0)} MiB, loaded ${m.figures.rssLoadedMiB.toFixed(0)} MiB`;
  const memoryRatio = fabric ? ratio(devnet.figures.rssLoadedMiB, fabric.figures.rssLoadedMiB) : '';
  lines.push(`${'RSS (all processes)'.padEnd(20)}${measured.map((m) => memory(m).padEnd(width)).join('')}${memoryRatio}`);
  lines.push('', 'Rates are over the steady window (every client running); latencies cover all calls.');
  if (!fabric) {
    lines.push('The Fabric reference was measured on this machine kind with real Fabric 3.1.5 (2 peers); it is not re-measured.');
    lines.push('Set FABRIC_BIN to measure real Fabric beside the devnet in the same run.');
  }
  return lines;
}
