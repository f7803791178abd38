import { spawn } from 'node:child_process';
import { treeRssMiB } from './networks';
import type { Figures } from './phases';
import { FABRIC_REFERENCE, reportLines } from './report';
import type { Sample } from './stats';

/** A sample of `rate` calls per second over one steady second. */
function sample(rate: number): Sample {
  return { count: rate, steadyCount: rate, steadySeconds: 1, latenciesMs: [10, 20, 30], failures: 0 };
}

function figures(submit: number, evaluate: number, privateWrites: number, rssLoadedMiB: number): Figures {
  return { lone: sample(1), submit: sample(submit), evaluate: sample(evaluate), privateWrites: sample(privateWrites), rssIdleMiB: 100, rssLoadedMiB };
}

const rowOf = (lines: string[], label: string) => lines.find((line) => line.startsWith(label)) ?? '';

test('with real Fabric measured in the run, each rate is compared with its column, not with the fixed reference', () => {
  const lines = reportLines([
    { label: 'devnet', figures: figures(300, 1000, 200, 400) },
    { label: 'Fabric 3.1.5', figures: figures(150, 800, 100, 1600) },
  ]);
  expect(lines[0]).toMatch(/devnet\s+Fabric 3\.1\.5\s+devnet \/ Fabric 3\.1\.5$/);
  expect(rowOf(lines, 'submit + commit')).toMatch(/300\.0\/s.*150\.0\/s.*2\.00x$/);
  expect(rowOf(lines, 'evaluate')).toMatch(/1\.25x$/);
  expect(rowOf(lines, 'private data write')).toMatch(/2\.00x$/);
  expect(rowOf(lines, 'RSS')).toMatch(/loaded 400 MiB.*loaded 1600 MiB\s+0\.25x$/);
  expect(lines.join('\n')).not.toContain('not re-measured');
});

test('without Fabric, the ratio is to the fixed reference and the report says it was not measured in this run', () => {
  const lines = reportLines([{ label: 'devnet', figures: figures(FABRIC_REFERENCE.submit * 2, FABRIC_REFERENCE.evaluate, 130, 400) }]);
  expect(rowOf(lines, 'submit + commit')).toMatch(/2\.00x \(of 225\/s\)$/);
  expect(rowOf(lines, 'evaluate')).toMatch(/1\.00x \(of 950\/s\)$/);
  expect(rowOf(lines, 'private data write')).toMatch(/0\.50x \(of 260\/s\)$/);
  expect(lines.join('\n')).toMatch(/not re-measured[\s\S]*Set FABRIC_BIN/);
});

test('the memory of a process tree counts its children', async () => {
  const child = spawn(process.execPath, ['-e', 'const b = Buffer.alloc(64 * 1024 * 1024, 1); setInterval(() => b[0]++, 1000)'], { stdio: 'ignore' });
  try {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const alone = treeRssMiB(child.pid!);
    expect(alone).toBeGreaterThan(64);
    // This process's own memory is not enough to reach the figure: the child's is in it.
    expect(treeRssMiB(process.pid)).toBeGreaterThan(process.memoryUsage().rss / 2 ** 20 + alone * 0.9);
  } finally {
    child.kill('SIGKILL');
  }
});
