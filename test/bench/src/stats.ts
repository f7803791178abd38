/** Latency percentiles and rates for the benchmark's report. */
export interface Sample {
  readonly count: number;
  readonly seconds: number;
  readonly latenciesMs: readonly number[];
  readonly failures: number;
}

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)];
}

export function summarise(sample: Sample): { rate: number; p50: number; p95: number; p99: number } {
  const sorted = [...sample.latenciesMs].sort((a, b) => a - b);
  return {
    rate: sample.count / sample.seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

/**
 * Runs `clients` loops concurrently, each calling op until the time budget or its own count is spent
 * (both bounded), and times every call.
 */
export async function runConcurrent(
  clients: number,
  perClient: number,
  budgetMs: number,
  op: (client: number, i: number) => Promise<void>,
): Promise<Sample> {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + budgetMs;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; i < perClient && performance.now() < deadline; i++) {
        const t0 = performance.now();
        try {
          await op(client, i);
          latencies.push(performance.now() - t0);
        } catch {
          failures++;
        }
      }
    }),
  );
  return { count: latencies.length, seconds: (performance.now() - started) / 1000, latenciesMs: latencies, failures };
}
