import type { Identity, IdentityDeserializer } from '../msp/api';
import type { Policy } from '../policies/api';

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
  let identity: Identity;
  try {
    identity = deserializer.deserializeIdentity(signed.identity);
  } catch {
    throw new AccessDeniedError('signature set did not satisfy policy');
  }
  if (!identity.verify(signed.data, signed.signature) || !policy.evaluate([identity])) {
    throw new AccessDeniedError('signature set did not satisfy policy');
  }
  return identity;
}
