import { common } from '@hyperledger/fabric-protos';
import { isImplicitMetaRule, parseImplicitMetaPolicy } from './implicit-meta';
import { parseSignaturePolicy } from './signature-dsl';

/** Every group, value and policy configtxgen writes is modified under its group's Admins policy. */
export const ADMINS = 'Admins';

interface Serializable {
  serializeBinary(): Uint8Array;
}

/** A config group with its mod_policy, as protoutil.NewConfigGroup plus configtxgen's ModPolicy. */
export function newConfigGroup(): common.ConfigGroup {
  const group = new common.ConfigGroup();
  group.setModPolicy(ADMINS);
  return group;
}

export function addValue(group: common.ConfigGroup, key: string, value: Serializable): void {
  const configValue = new common.ConfigValue();
  configValue.setValue(value.serializeBinary());
  configValue.setModPolicy(ADMINS);
  group.getValuesMap().set(key, configValue);
}

/**
 * Adds a policy written as configtx.yaml writes them: "ANY Readers" style rules are ImplicitMeta, anything
 * else a signature policy in policydsl.
 */
export function addPolicy(group: common.ConfigGroup, name: string, rule: string): void {
  const policy = new common.Policy();
  if (isImplicitMetaRule(rule)) {
    policy.setType(common.Policy.PolicyType.IMPLICIT_META);
    policy.setValue(parseImplicitMetaPolicy(rule).serializeBinary());
  } else {
    policy.setType(common.Policy.PolicyType.SIGNATURE);
    policy.setValue(parseSignaturePolicy(rule).serializeBinary());
  }
  const configPolicy = new common.ConfigPolicy();
  configPolicy.setPolicy(policy);
  configPolicy.setModPolicy(ADMINS);
  group.getPoliciesMap().set(name, configPolicy);
}

export function addPolicies(group: common.ConfigGroup, rules: Readonly<Record<string, string>>): void {
  for (const [name, rule] of Object.entries(rules)) addPolicy(group, name, rule);
}

/** A Capabilities value naming the required capabilities. */
export function capabilities(...names: string[]): common.Capabilities {
  const value = new common.Capabilities();
  for (const name of names) value.getCapabilitiesMap().set(name, new common.Capability());
  return value;
}

/** time.Duration.String() for whole milliseconds: "500ms", "2s", "1.5s", "1m30s", "1h0m0s". */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = `${(ms % 60_000) / 1000}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${minutes}m${seconds}`;
  return seconds;
}
