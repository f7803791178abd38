import { TraceError, type AllianceCharter, type AllianceReader } from '@crossborder-trace/domain';
import type { Context } from 'fabric-contract-api';

/** Where the alliance ledger is read from: its chaincode, on its channel, on this same peer. */
export const ALLIANCE = { channel: 'alliance', chaincode: 'trace' } as const;

/**
 * Reads the alliance chaincode across channels, as the caller: the peer runs it with the same signed proposal,
 * so it answers what the caller's org and role may see, from this peer's copy of the alliance ledger. Fabric
 * keeps nothing of it in this transaction's read set (another channel's state cannot be validated here), which
 * is why every endorsing peer derives the record again instead of trusting one that did.
 */
export function allianceReader(ctx: Context): AllianceReader {
  return async (transaction, args) => {
    const response = await ctx.stub.invokeChaincode(ALLIANCE.chaincode, [transaction, ...args], ALLIANCE.channel);
    if (response.status >= 400) throw new Error(response.message || `${transaction} failed with status ${response.status}`);
    return Buffer.from(response.payload ?? new Uint8Array()).toString('utf8');
  };
}

/** The alliance charter: which MSP is the regulator, which roles each member holds. */
export async function allianceCharter(read: AllianceReader): Promise<AllianceCharter> {
  try {
    return JSON.parse(await read('charter:get', [])) as AllianceCharter;
  } catch (err) {
    throw new TraceError('NO_CHARTER', `the alliance charter cannot be read: ${(err as Error).message}`);
  }
}
