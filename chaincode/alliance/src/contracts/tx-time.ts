import type { Context } from 'fabric-contract-api';

/** The transaction's timestamp (the client's, which every endorser sees alike), UTC with milliseconds. */
export function txTimeOf(ctx: Context): string {
  const { seconds, nanos } = ctx.stub.getTxTimestamp();
  return new Date(Number(seconds) * 1000 + Math.floor(nanos / 1e6)).toISOString();
}
