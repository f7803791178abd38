import type { Identity } from '../msp/api';

/**
 * A compiled policy (Fabric policies.Policy). Identities passed in have already had their signatures
 * verified by the caller; each identity counts once (duplicates are ignored, as in Fabric).
 */
export interface Policy {
  evaluate(identities: readonly Identity[]): boolean;
  /**
   * Why the identities do not satisfy the policy, in Fabric's words, or undefined when they do. Only policies
   * whose Fabric error says more than a signature policy's ("signature set did not satisfy policy") define it.
   */
  denial?(identities: readonly Identity[]): string | undefined;
}

/** What Fabric's cauthdsl policy answers when its signature set falls short. */
export const SIGNATURE_SET_DENIAL = 'signature set did not satisfy policy';

/** Fabric's error for a policy the identities do not satisfy, or undefined when they do. */
export function policyDenial(policy: Policy, identities: readonly Identity[]): string | undefined {
  if (policy.denial) return policy.denial(identities);
  return policy.evaluate(identities) ? undefined : SIGNATURE_SET_DENIAL;
}

/**
 * A channel's policy tree as Fabric builds it from channel config: paths such as
 * /Channel/Readers, /Channel/Writers, /Channel/Application/Readers, /Channel/Application/Writers,
 * /Channel/Application/Endorsement, /Channel/Application/<OrgName>/Endorsement, /Channel/Orderer/Writers.
 */
export interface ChannelPolicyManager {
  get(path: string): Policy | undefined;
}
