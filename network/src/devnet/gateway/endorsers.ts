import type { GatewayDeps, GatewayEndorser } from './deps';

/** Fabric 3's built-in system chaincodes: every peer of a channel serves them without a definition. */
const SYSTEM_CHAINCODES = new Set(['_lifecycle', 'cscc', 'qscc']);

export function isSystemChaincode(name: string): boolean {
  return SYSTEM_CHAINCODES.has(name);
}

/** A peer the gateway may send a proposal to. */
export interface EndorserTarget extends GatewayEndorser {
  readonly mspId: string;
}

/**
 * Fabric registry.endorsersByOrg: the channel's member orgs whose peer can run the chaincode, in channel
 * order. Where gossip tells Fabric which peers have it installed, every devnet peer runs every chaincode
 * defined on its channels.
 */
export function endorsersByOrg(deps: GatewayDeps, channel: string, chaincode: string): Map<string, EndorserTarget> {
  const result = new Map<string, EndorserTarget>();
  if (!deps.registry.get(channel, chaincode) && !isSystemChaincode(chaincode)) return result;
  for (const mspId of deps.channelMembers(channel)) {
    const endorser = deps.endorsers.get(mspId);
    if (endorser) result.set(mspId, { ...endorser, mspId });
  }
  return result;
}
