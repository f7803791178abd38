import { common } from '@hyperledger/fabric-protos';
import type { Identity } from '../msp/api';
import type { Policy } from './api';
import { PolicyError } from './errors';

const RULES: Readonly<Record<string, common.ImplicitMetaPolicy.RuleMap[keyof common.ImplicitMetaPolicy.RuleMap]>> = {
  ANY: common.ImplicitMetaPolicy.Rule.ANY,
  ALL: common.ImplicitMetaPolicy.Rule.ALL,
  MAJORITY: common.ImplicitMetaPolicy.Rule.MAJORITY,
};

/** Fabric's ImplicitMetaFromString: "MAJORITY Endorsement" → {rule: MAJORITY, sub_policy: "Endorsement"}. */
export function parseImplicitMetaPolicy(text: string): common.ImplicitMetaPolicy {
  const args = text.split(' ');
  if (args.length !== 2) throw new PolicyError(`expected two space separated tokens, but got ${args.length}`);
  const rule = RULES[args[0]];
  if (rule === undefined) throw new PolicyError(`unknown rule type '${args[0]}', expected ALL, ANY, or MAJORITY`);
  const policy = new common.ImplicitMetaPolicy();
  policy.setRule(rule);
  policy.setSubPolicy(args[1]);
  return policy;
}

/** Whether text is an ImplicitMeta rule rather than a signature policy (configtx.yaml's Type: ImplicitMeta). */
export function isImplicitMetaRule(text: string): boolean {
  return /^(ANY|ALL|MAJORITY) \S+$/.test(text);
}

/**
 * Fabric's ImplicitMetaPolicy: satisfied when enough of the sub-groups' policies named sub_policy are —
 * ANY one, ALL, or a MAJORITY (more than half). A sub-group without that policy counts as one that rejects;
 * with no sub-groups at all the threshold is 0 and the policy always passes.
 */
export function implicitMetaPolicy(definition: common.ImplicitMetaPolicy, subPolicies: readonly Policy[]): Policy {
  const count = subPolicies.length;
  const rule = definition.getRule();
  const threshold =
    count === 0 ? 0 : rule === RULES.ANY ? 1 : rule === RULES.ALL ? count : rule === RULES.MAJORITY ? Math.floor(count / 2) + 1 : 0;
  const satisfied = (identities: readonly Identity[]): number => {
    let count = 0;
    for (const policy of subPolicies) {
      if (count === threshold) break;
      if (policy.evaluate(identities)) count++;
    }
    return count;
  };
  const subPolicy = definition.getSubPolicy();
  return {
    evaluate: (identities) => satisfied(identities) === threshold,
    // Fabric's implicitMetaPolicy.EvaluateSignedData error, which ACL refusals carry.
    denial(identities) {
      const count = satisfied(identities);
      if (count === threshold) return undefined;
      return `implicit policy evaluation failed - ${count} sub-policies were satisfied, but this policy requires ${threshold} of the '${subPolicy}' sub-policies to be satisfied`;
    },
  };
}
