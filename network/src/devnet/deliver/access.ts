import type { Identity, IdentityDeserializer } from '../msp/api';
import { policyDenial, SIGNATURE_SET_DENIAL, type Policy } from '../policies/api';

/** Fabric's protoutil.SignedData: what was signed, by whom (SerializedIdentity bytes), and the signature. */
export interface SignedData {
  readonly data: Uint8Array;
  readonly identity: Uint8Array;
  readonly signature: Uint8Array;
}

/** The signer may not do what it asked: unknown identity, bad signature, or a policy it does not satisfy. */
export class AccessDeniedError extends Error {
  override readonly name = 'AccessDeniedError';
}

/**
 * Fabric's policy.EvaluateSignedData for a single signature: the identity is deserialized (and so
 * validated against its MSP), the signature verified, then the policy evaluated. Fabric drops an identity
 * that fails either check before evaluating, so each failure reads as an unsatisfied policy.
 * Returns the verified identity, which callers need for further per-item checks.
 */
export function authorize(signed: SignedData, policy: Policy | undefined, deserializer: IdentityDeserializer): Identity {
  if (!policy) throw new AccessDeniedError('policy not found');
  let identity: Identity | undefined;
  try {
    identity = deserializer.deserializeIdentity(signed.identity);
  } catch {
    identity = undefined;
  }
  const verified = identity && identity.verify(signed.data, signed.signature) ? [identity] : [];
  // The policy's own words: an ImplicitMeta policy counts its satisfied sub-policies, a signature policy does not.
  const denial = policyDenial(policy, verified);
  if (denial !== undefined || !identity) throw new AccessDeniedError(denial ?? SIGNATURE_SET_DENIAL);
  return identity;
}
