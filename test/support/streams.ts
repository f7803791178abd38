// Reading fabric-gateway event streams in tests: read until the awaited items are in, within a time limit, and
// always close the stream so no gRPC call outlives the test.
import type { CloseableAsyncIterable } from '@hyperledger/fabric-gateway';

export async function collect<T>(
  events: CloseableAsyncIterable<T>,
  done: (items: readonly T[]) => boolean,
  timeoutMs = 30_000,
): Promise<T[]> {
  const items: T[] = [];
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    events.close();
  }, timeoutMs);
  try {
    for await (const item of events) {
      items.push(item);
      if (done(items)) return items;
    }
    throw new Error(`the stream ended after ${items.length} item(s)`);
  } catch (err) {
    if (timedOut) throw new Error(`after ${timeoutMs} ms the stream had delivered ${items.length} item(s), not the awaited ones`);
    throw err;
  } finally {
    clearTimeout(timer);
    events.close();
  }
}

export function take<T>(events: CloseableAsyncIterable<T>, count: number, timeoutMs?: number): Promise<T[]> {
  return collect(events, (items) => items.length >= count, timeoutMs);
}
