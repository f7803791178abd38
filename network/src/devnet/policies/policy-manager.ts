import { common, msp } from '@hyperledger/fabric-protos';
import type { IdentityDeserializer } from '../msp/api';
import type { ChannelPolicyManager, Policy } from './api';
import { compileSignaturePolicy } from './cauthdsl';
import { PolicyError } from './errors';
import { implicitMetaPolicy } from './implicit-meta';

const ROOT_PATH = '/Channel';
const { SIGNATURE, IMPLICIT_META } = common.Policy.PolicyType;

/** What Fabric answers for a sub-group lacking the policy an ImplicitMeta policy names: never satisfied. */
const REJECT: Policy = { evaluate: () => false };

/**
 * Fabric's policies.ManagerImpl over a channel config: every group's policies compiled and addressable by
 * absolute path (/Channel/Readers, /Channel/Application/Endorsement, /Channel/Application/<Org>/Admins,
 * /Channel/Orderer/BlockValidation ...), or by a path relative to /Channel ("Application/Writers").
 * The deserializer must know every MSP the config defines: the policies are evaluated over identities it
 * validated. Throws PolicyError when a policy does not compile.
 */
export function channelPolicyManagerFromConfig(config: common.Config, deserializer: IdentityDeserializer): ChannelPolicyManager {
  const root = config.getChannelGroup();
  if (!root) throw new PolicyError('the channel config has no channel group');
  checkMspsKnown(root, ROOT_PATH, new Set(deserializer.mspIds));
  const policies = new Map<string, Policy>();
  compileGroup(root, ROOT_PATH, policies);
  return {
    get(path: string): Policy | undefined {
      return policies.get(path.startsWith('/') ? path : `${ROOT_PATH}/${path}`);
    },
  };
}

/** Compiles a group's policies (sub-groups first: ImplicitMeta policies refer to theirs); returns them by name. */
function compileGroup(group: common.ConfigGroup, path: string, all: Map<string, Policy>): Map<string, Policy> {
  const subGroups: Map<string, Policy>[] = [];
  group.getGroupsMap().forEach((subGroup, name) => subGroups.push(compileGroup(subGroup, `${path}/${name}`, all)));
  const own = new Map<string, Policy>();
  group.getPoliciesMap().forEach((configPolicy, name) => {
    const policy = configPolicy.getPolicy();
    if (!policy) throw new PolicyError(`policy ${name} at path ${path} was nil`);
    let compiled: Policy;
    try {
      compiled = compilePolicy(policy, subGroups);
    } catch (err) {
      throw new PolicyError(`policy ${name} at path ${path} did not compile: ${(err as Error).message}`);
    }
    own.set(name, compiled);
    all.set(`${path}/${name}`, compiled);
  });
  return own;
}

function compilePolicy(policy: common.Policy, subGroups: readonly Map<string, Policy>[]): Policy {
  switch (policy.getType()) {
    case SIGNATURE:
      return compileSignaturePolicy(common.SignaturePolicyEnvelope.deserializeBinary(policy.getValue_asU8()));
    case IMPLICIT_META: {
      const definition = common.ImplicitMetaPolicy.deserializeBinary(policy.getValue_asU8());
      return implicitMetaPolicy(definition, subGroups.map((policies) => policies.get(definition.getSubPolicy()) ?? REJECT));
    }
    default:
      throw new PolicyError(`unknown policy type: ${policy.getType()}`);
  }
}

function checkMspsKnown(group: common.ConfigGroup, path: string, known: ReadonlySet<string>): void {
  const value = group.getValuesMap().get('MSP');
  if (value) {
    const mspConfig = msp.MSPConfig.deserializeBinary(value.getValue_asU8());
    const name = msp.FabricMSPConfig.deserializeBinary(mspConfig.getConfig_asU8()).getName();
    if (!known.has(name)) throw new PolicyError(`MSP ${name} of ${path} is not known to the channel's identity deserializer`);
  }
  group.getGroupsMap().forEach((subGroup, name) => checkMspsKnown(subGroup, `${path}/${name}`, known));
}
