import { common, type msp } from '@hyperledger/fabric-protos';
import type { Identity } from '../msp/api';
import type { Policy } from './api';
import { PolicyError } from './errors';

/** Evaluates over identities; used marks those already consumed by a principal of this evaluation. */
type Evaluator = (identities: readonly Identity[], used: boolean[]) => boolean;

const { SIGNED_BY, N_OUT_OF } = common.SignaturePolicy.TypeCase;

/**
 * Fabric's cauthdsl: compiles a SignaturePolicyEnvelope into a policy over identities. Each identity counts
 * once (duplicates dropped, as Fabric's SignatureSetToValidIdentities does), and one identity satisfies at
 * most one principal: NOutOf tries its rules in order and keeps the identities a satisfied rule consumed.
 * Throws PolicyError for envelopes Fabric refuses (version not 0, missing rule, identity index out of range).
 */
export function compileSignaturePolicy(envelope: common.SignaturePolicyEnvelope): Policy {
  if (envelope.getVersion() !== 0) {
    throw new PolicyError(`This evaluator only understands messages of version 0, but version was ${envelope.getVersion()}`);
  }
  const evaluator = compile(envelope.getRule(), envelope.getIdentitiesList());
  return {
    evaluate(identities: readonly Identity[]): boolean {
      const unique = deduplicate(identities);
      return evaluator(unique, new Array<boolean>(unique.length).fill(false));
    },
  };
}

function compile(policy: common.SignaturePolicy | undefined, principals: readonly msp.MSPPrincipal[]): Evaluator {
  switch (policy?.getTypeCase()) {
    case N_OUT_OF: {
      const nOutOf = policy.getNOutOf()!;
      const threshold = nOutOf.getN();
      const rules = nOutOf.getRulesList().map((rule) => compile(rule, principals));
      return (identities, used) => {
        let verified = 0;
        const scratch = used.slice();
        for (const rule of rules) {
          copyInto(scratch, used);
          if (rule(identities, scratch)) {
            verified++;
            copyInto(used, scratch);
          }
        }
        return verified >= threshold;
      };
    }
    case SIGNED_BY: {
      const index = policy.getSignedBy();
      if (index < 0 || index >= principals.length) {
        throw new PolicyError(`identity index out of range, requested ${index}, but identities length is ${principals.length}`);
      }
      const principal = principals[index];
      return (identities, used) => {
        for (let i = 0; i < identities.length; i++) {
          if (used[i] || !identities[i].satisfiesPrincipal(principal)) continue;
          used[i] = true;
          return true;
        }
        return false;
      };
    }
    default:
      throw new PolicyError('Empty policy element');
  }
}

function copyInto(target: boolean[], source: readonly boolean[]): void {
  for (let i = 0; i < source.length; i++) target[i] = source[i];
}

/** The same certificate of the same MSP counts once, however often it signed. */
function deduplicate(identities: readonly Identity[]): readonly Identity[] {
  const unique: Identity[] = [];
  for (const identity of identities) {
    if (!unique.some((u) => u.mspId === identity.mspId && u.certificatePem === identity.certificatePem)) unique.push(identity);
  }
  return unique;
}
