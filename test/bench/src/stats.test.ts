import { percentile, runConcurrent, summarise } from './stats';

test('percentile picks the nearest rank', () => {
  const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  expect(percentile(sorted, 50)).toBe(5);
  expect(percentile(sorted, 95)).toBe(10);
  expect(percentile([], 50)).toBeNaN();
});

test('the rate counts only calls completed while every client still ran', async () => {
  // Client 0 makes one call, client 1 makes four: only calls finished before client 0 stopped are steady.
  const sample = await runConcurrent(2, 4, 10_000, async (client, i) => {
    if (client === 0 && i > 0) throw new Error('client 0 fails after its first call');
    await new Promise((resolve) => setTimeout(resolve, client === 0 ? 20 : 1));
  });
  expect(sample.count).toBe(5);
  expect(sample.failures).toBe(3);
  expect(sample.steadyCount).toBeLessThan(sample.count);
  expect(summarise(sample).rate).toBeCloseTo(sample.steadyCount / sample.steadySeconds);
});
