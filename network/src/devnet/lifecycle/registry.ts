import { common, msp, peer } from '@hyperledger/fabric-protos';
import type { NetworkDescription } from '../../description';
import { compileSignaturePolicy, parseSignaturePolicy } from '../policies';
import type { ChannelPolicyManager, Policy } from '../policies/api';
import type { ChaincodeDefinition, ChaincodeRegistry, CollectionDefinition } from './api';
import { readCollectionsConfig, type CollectionJson } from './collections-config';
import type { Deployment } from './deployments';
import type { ImplicitCollection } from './implicit-collections';

/** Fabric's default when a definition names no policy. */
const DEFAULT_ENDORSEMENT_POLICY = '/Channel/Application/Endorsement';

export class LifecycleError extends Error {
  override readonly name = 'LifecycleError';
}

/** The chaincode definitions committed on each channel, compiled for endorsement and validation. */
export class StaticChaincodeRegistry implements ChaincodeRegistry {
  readonly #byChannel = new Map<string, Map<string, ChaincodeDefinition>>();
  readonly #implicit = new Map<string, Map<string, ImplicitCollection>>();

  constructor(
    description: NetworkDescription,
    deployments: readonly Deployment[],
    policiesFor: (channel: string) => ChannelPolicyManager,
  ) {
    for (const channel of description.channels) {
      const policies = policiesFor(channel.name);
      const byOrg = new Map<string, ImplicitCollection>();
      for (const org of channel.orgs) byOrg.set(org.mspId, implicitCollection(org.mspId, policies.get(`/Channel/Application/${org.name}/Endorsement`)));
      this.#implicit.set(channel.name, byOrg);
    }
    for (const cc of description.chaincodes) {
      for (const def of cc.definitions) {
        const deployment = deployments.find((d) => d.channel === def.channel && d.name === cc.name);
        if (!deployment) throw new LifecycleError(`chaincode ${cc.name} is not deployed on channel ${def.channel}`);
        const policies = policiesFor(def.channel);
        const endorsement = applicationPolicy(def.endorsementPolicy ?? DEFAULT_ENDORSEMENT_POLICY, policies);
        const collections = new Map<string, CollectionDefinition>();
        for (const json of def.collectionsPath ? readCollectionsConfig(def.collectionsPath) : []) {
          collections.set(json.name, compileCollection(json, policies));
        }
        const definitions = this.#byChannel.get(def.channel) ?? new Map<string, ChaincodeDefinition>();
        definitions.set(cc.name, {
          channel: def.channel,
          name: cc.name,
          version: deployment.version,
          sequence: deployment.sequence,
          packageId: deployment.packageId,
          endorsementPolicy: endorsement.policy,
          endorsementPolicyProto: endorsement.proto,
          collections,
        });
        this.#byChannel.set(def.channel, definitions);
      }
    }
  }

  get(channel: string, name: string): ChaincodeDefinition | undefined {
    return this.#byChannel.get(channel)?.get(name);
  }

  list(channel: string): readonly ChaincodeDefinition[] {
    return [...(this.#byChannel.get(channel)?.values() ?? [])];
  }

  implicitCollection(channel: string, mspId: string): ImplicitCollection | undefined {
    return this.#implicit.get(channel)?.get(mspId);
  }
}

/** An org's implicit collection: its peers endorse writes to it, whichever chaincode writes. */
function implicitCollection(mspId: string, orgEndorsement: Policy | undefined): ImplicitCollection {
  // Fabric's policydsl.SignedByMspMember: one signature of any member of the org.
  const anyMember = compileSignaturePolicy(parseSignaturePolicy(`OR('${mspId}.member')`));
  return { mspId, memberMspIds: [mspId], validationPolicy: orgEndorsement ?? anyMember, discoveryPolicy: anyMember };
}

/** A policy string from the description: a channel policy path ("/Channel/...") or a signature policy. */
function applicationPolicy(text: string, policies: ChannelPolicyManager): { policy: Policy; proto: peer.ApplicationPolicy } {
  const proto = new peer.ApplicationPolicy();
  if (text.startsWith('/Channel/')) {
    const policy = policies.get(text);
    if (!policy) throw new LifecycleError(`channel policy ${text} does not exist`);
    proto.setChannelConfigPolicyReference(text);
    return { policy, proto };
  }
  const envelope = parseSignaturePolicy(text);
  proto.setSignaturePolicy(envelope);
  return { policy: compileSignaturePolicy(envelope), proto };
}

function compileCollection(json: CollectionJson, policies: ChannelPolicyManager): CollectionDefinition {
  const memberEnvelope = parseSignaturePolicy(json.policy);
  const staticConfig = new peer.StaticCollectionConfig();
  staticConfig.setName(json.name);
  const memberPolicy = new peer.CollectionPolicyConfig();
  memberPolicy.setSignaturePolicy(memberEnvelope);
  staticConfig.setMemberOrgsPolicy(memberPolicy);
  staticConfig.setRequiredPeerCount(json.requiredPeerCount);
  staticConfig.setMaximumPeerCount(json.maxPeerCount);
  staticConfig.setBlockToLive(json.blockToLive);
  staticConfig.setMemberOnlyRead(json.memberOnlyRead);
  staticConfig.setMemberOnlyWrite(json.memberOnlyWrite);
  let endorsementPolicy: Policy | undefined;
  const endorsementText = json.endorsementPolicy?.signaturePolicy ?? json.endorsementPolicy?.channelConfigPolicy;
  if (endorsementText !== undefined) {
    const compiled = applicationPolicy(endorsementText, policies);
    endorsementPolicy = compiled.policy;
    staticConfig.setEndorsementPolicy(compiled.proto);
  }
  const proto = new peer.CollectionConfig();
  proto.setStaticCollectionConfig(staticConfig);
  return {
    name: json.name,
    memberMspIds: memberMspIds(memberEnvelope),
    memberPolicy: compileSignaturePolicy(memberEnvelope),
    requiredPeerCount: json.requiredPeerCount,
    maxPeerCount: json.maxPeerCount,
    blockToLive: json.blockToLive,
    memberOnlyRead: json.memberOnlyRead,
    memberOnlyWrite: json.memberOnlyWrite,
    endorsementPolicy,
    proto,
  };
}

/** The orgs a member policy names: their peers are the ones that store the collection (Fabric does the same). */
function memberMspIds(envelope: common.SignaturePolicyEnvelope): string[] {
  const ids = new Set<string>();
  for (const principal of envelope.getIdentitiesList()) {
    if (principal.getPrincipalClassification() === msp.MSPPrincipal.Classification.ROLE) {
      ids.add(msp.MSPRole.deserializeBinary(principal.getPrincipal_asU8()).getMspIdentifier());
    }
  }
  return [...ids];
}
