import type { peer } from '@hyperledger/fabric-protos';
import type { ChaincodeDefinition, ChaincodeRegistry } from '../lifecycle/api';
import { implicitCollectionMspId } from '../lifecycle/implicit-collections';
import type { Policy } from '../policies/api';
import { compileSignaturePolicy } from '../policies/cauthdsl';
import { isSystemChaincode, type EndorserTarget } from './endorsers';

/** Discovery cannot name a set of peers for the interest; Fabric's gateway answers FailedPrecondition. */
export class DiscoveryError extends Error {
  override readonly name = 'DiscoveryError';
}

/** Above this many candidate orgs the subset search would be too costly for a request path. */
const MAX_CANDIDATE_ORGS = 16;

/**
 * What Fabric's discovery service (PeersForEndorsement) works out from a chaincode interest, for one peer per
 * org: every minimal set of orgs whose peers together satisfy the policies of every call. A call without
 * collections asks for its chaincode's endorsement policy, unless it sets DisregardNamespacePolicy; one with
 * collections for each collection's own endorsement policy, the chaincode's for a collection without one
 * (PoliciesByChaincode); each key-level policy a call carries must be met too. Where a call reads its
 * collections (NoPrivateReads false, which the gateway also forces to protect transient data), only peers of
 * orgs that are members of all of them qualify. Layouts come smallest first, in the candidates' order.
 */
export function endorsementLayouts(
  registry: ChaincodeRegistry,
  channel: string,
  interest: peer.ChaincodeInterest,
  candidates: ReadonlyMap<string, EndorserTarget>,
): string[][] {
  const policies = new Set<Policy>();
  const keyPolicies: Policy[] = [];
  let allowed = [...candidates.keys()];
  for (const call of interest.getChaincodesList()) {
    // System chaincodes carry no endorsement policy of their own; Fabric leaves them out of the interest.
    if (isSystemChaincode(call.getName())) continue;
    const definition = registry.get(channel, call.getName());
    if (!definition) throw new DiscoveryError(`No metadata was found for chaincode ${call.getName()} in channel ${channel}`);
    const collections = call.getCollectionNamesList();
    let callPolicies: Policy[] = [definition.endorsementPolicy];
    if (collections.length > 0) {
      callPolicies = [];
      for (const name of collections) {
        const collection = collectionForDiscovery(registry, channel, definition, name);
        const policy = collection.endorsementPolicy ?? definition.endorsementPolicy;
        if (!callPolicies.includes(policy)) callPolicies.push(policy);
        if (!call.getNoPrivateReads()) allowed = allowed.filter((mspId) => collection.memberMspIds.includes(mspId));
      }
    }
    if (call.getDisregardNamespacePolicy()) {
      if (call.getKeyPoliciesList().length === 0 && callPolicies.length === 1) {
        throw new DiscoveryError(
          `requested to disregard chaincode ${call.getName()}'s policy but key and collection policies are missing, either disable DisregardNamespacePolicy or specify at least one key policy or at least one collection policy`,
        );
      }
      // As Fabric's computePrincipalSets: the first policy found is the one disregarded.
      callPolicies = callPolicies.slice(1);
    }
    for (const policy of callPolicies) policies.add(policy);
    for (const envelope of call.getKeyPoliciesList()) {
      try {
        keyPolicies.push(compileSignaturePolicy(envelope));
      } catch {
        throw new DiscoveryError('state based endorsement policy cannot be satisfied');
      }
    }
  }
  if (allowed.length > MAX_CANDIDATE_ORGS) throw new DiscoveryError(`too many organizations (${allowed.length}) to compute endorsement layouts`);

  const identities = allowed.map((mspId) => candidates.get(mspId)!.peerIdentity);
  const layouts: number[] = [];
  const bySize = Array.from({ length: 2 ** allowed.length }, (_, mask) => mask).sort((a, b) => popCount(a) - popCount(b) || a - b);
  for (const mask of bySize) {
    if (mask === 0 || layouts.some((found) => (found & mask) === found)) continue;
    const members = identities.filter((_, i) => mask & (1 << i));
    if ([...policies, ...keyPolicies].every((policy) => policy.evaluate(members))) layouts.push(mask);
  }
  if (layouts.length === 0) throw new DiscoveryError('no peer combination can satisfy the endorsement policy');
  return layouts.map((mask) => allowed.filter((_, i) => mask & (1 << i)));
}

/** A collection as discovery sees it: a configured one, or an org's implicit collection (any member endorses). */
function collectionForDiscovery(
  registry: ChaincodeRegistry,
  channel: string,
  definition: ChaincodeDefinition,
  name: string,
): { readonly endorsementPolicy?: Policy; readonly memberMspIds: readonly string[] } {
  const configured = definition.collections.get(name);
  if (configured) return configured;
  const mspId = implicitCollectionMspId(name);
  const implicit = mspId === undefined ? undefined : registry.implicitCollection?.(channel, mspId);
  if (implicit) return { endorsementPolicy: implicit.discoveryPolicy, memberMspIds: implicit.memberMspIds };
  throw new DiscoveryError(`collection ${name} doesn't exist in collection config for chaincode ${definition.name}`);
}

function popCount(mask: number): number {
  let count = 0;
  for (let m = mask; m; m &= m - 1) count++;
  return count;
}
