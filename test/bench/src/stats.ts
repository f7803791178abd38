/** Latency percentiles and rates for the benchmark's report. */
export interface Sample {
  /** Calls that succeeded. */
  readonly count: number;
  /**
   * The steady window, while every client was still running: from the start until the first client finished.
   * Afterwards fewer clients remain and the last block waits for the BatchTimeout, which says nothing of throughput.
   */
  readonly steadyCount: number;
  readonly steadySeconds: number;
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
    rate: sample.steadyCount / sample.steadySeconds,
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
  const completions: number[] = [];
  let failures = 0;
  let firstClientDone = Number.POSITIVE_INFINITY;
  const started = performance.now();
  const deadline = started + budgetMs;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; i < perClient && performance.now() < deadline; i++) {
        const t0 = performance.now();
        try {
          await op(client, i);
          const t1 = performance.now();
          latencies.push(t1 - t0);
          completions.push(t1);
        } catch {
          failures++;
        }
      }
      firstClientDone = Math.min(firstClientDone, performance.now());
    }),
  );
  return {
    count: latencies.length,
    steadyCount: completions.filter((t) => t <= firstClientDone).length,
    steadySeconds: (firstClientDone - started) / 1000,
    latenciesMs: latencies,
    failures,
  };
}
