import type { Identity } from '../msp/api';

/**
 * A compiled policy (Fabric policies.Policy). Identities passed in have already had their signatures
 * verified by the caller; each identity counts once (duplicates are ignored, as in Fabric).
 */
export interface Policy {
  evaluate(identities: readonly Identity[]): boolean;
}

/**
 * A channel's policy tree as Fabric builds it from channel config: paths such as
 * /Channel/Readers, /Channel/Writers, /Channel/Application/Readers, /Channel/Application/Writers,
 * /Channel/Application/Endorsement, /Channel/Application/<OrgName>/Endorsement, /Channel/Orderer/Writers.
 */
export interface ChannelPolicyManager {
  get(path: string): Policy | undefined;
}
