import { txTimeMs } from '@crossborder-trace/domain';
import type { Context } from 'fabric-contract-api';

/** The transaction's timestamp (the client's, which every endorser sees alike), UTC with milliseconds. */
export function txTimeOf(ctx: Context): string {
  return new Date(txTimeMs(ctx.stub.getTxTimestamp())).toISOString();
}
