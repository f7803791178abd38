import { spawn } from 'node:child_process';
import { peakRssMiB, resetPeakRss } from './networks';

test('a process\'s peak resident size stays after its memory is given back, until it is reset', async () => {
  // The child holds 128 MiB for a moment, then gives it back and idles.
  const script = 'let b = Buffer.alloc(128 * 1024 * 1024, 1); setTimeout(() => { b = undefined; global.gc(); }, 300); setInterval(() => {}, 1000)';
  const child = spawn(process.execPath, ['--expose-gc', '-e', script], { stdio: 'ignore' });
  try {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const peak = peakRssMiB(child.pid!);
    expect(peak).toBeGreaterThan(128);
    expect(resetPeakRss(child.pid!)).toBe(true);
    expect(peakRssMiB(child.pid!)).toBeLessThan(peak - 64);
  } finally {
    child.kill('SIGKILL');
  }
});
