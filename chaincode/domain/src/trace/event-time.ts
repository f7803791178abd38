import { TraceError } from './errors';

/**
 * How far an event's time, or a transaction's timestamp, may lie ahead of the clock it is checked against. A
 * client's clock runs a little fast or slow; an event dated later than this would stand as an item's latest
 * state and hide every true event recorded before that date.
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * An event may not be dated after its transaction's timestamp (plus the skew), and the transaction's timestamp,
 * which the client writes, may not lie ahead of the endorsing peer's clock (plus the skew).
 * @throws TraceError EVENT_IN_FUTURE
 */
export function assertNotInFuture(eventTimeUtc: string, txTimeMs: number, peerNowMs: number): void {
  if (txTimeMs > peerNowMs + MAX_CLOCK_SKEW_MS) {
    throw new TraceError('EVENT_IN_FUTURE', `the transaction is dated ${new Date(txTimeMs).toISOString()}, more than ${MAX_CLOCK_SKEW_MS / 60000} min after the endorsing peer's clock`);
  }
  if (Date.parse(eventTimeUtc) > txTimeMs + MAX_CLOCK_SKEW_MS) {
    throw new TraceError('EVENT_IN_FUTURE', `eventTime ${eventTimeUtc} is more than ${MAX_CLOCK_SKEW_MS / 60000} min after the transaction's timestamp ${new Date(txTimeMs).toISOString()}`);
  }
}

/** A transaction's timestamp (the client's, which every endorser sees alike) in milliseconds since the epoch. */
export function txTimeMs(timestamp: { readonly seconds: number | bigint | { toString(): string }; readonly nanos: number }): number {
  return Number(timestamp.seconds) * 1000 + Math.floor(timestamp.nanos / 1e6);
}
