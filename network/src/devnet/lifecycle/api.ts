import type { peer } from '@hyperledger/fabric-protos';
import type { Policy } from '../policies/api';
import type { ImplicitCollection } from './implicit-collections';

/** A collection from a collections config (Fabric's StaticCollectionConfig), compiled. */
export interface CollectionDefinition {
  readonly name: string;
  /** MSP ids named in the member policy: the orgs whose peers store the collection's private data. */
  readonly memberMspIds: readonly string[];
  /** The member policy (evaluated against a client identity for memberOnlyRead / memberOnlyWrite). */
  readonly memberPolicy: Policy;
  readonly requiredPeerCount: number;
  readonly maxPeerCount: number;
  /** 0 = forever. */
  readonly blockToLive: number;
  readonly memberOnlyRead: boolean;
  readonly memberOnlyWrite: boolean;
  /** Collection-level endorsement policy, if the config sets one (else the chaincode's applies). */
  readonly endorsementPolicy?: Policy;
  /** The same config as a Fabric proto, for lifecycle queries and DeliverWithPrivateData. */
  readonly proto: peer.CollectionConfig;
}

/** A committed chaincode definition on one channel (what `peer lifecycle chaincode commit` produces). */
export interface ChaincodeDefinition {
  readonly channel: string;
  readonly name: string;
  readonly version: string;
  readonly sequence: number;
  /** label:sha256 of the package; the chaincode server registers with this id. */
  readonly packageId: string;
  readonly endorsementPolicy: Policy;
  /** Fabric's ApplicationPolicy proto of the endorsement policy (signature policy or channel reference). */
  readonly endorsementPolicyProto: peer.ApplicationPolicy;
  readonly collections: ReadonlyMap<string, CollectionDefinition>;
  /** Fabric's --init-required: the first invocation of each version must be an Init (is_init); absent = false. */
  readonly initRequired?: boolean;
}

export interface ChaincodeRegistry {
  /** undefined when the chaincode is not defined on that channel. */
  get(channel: string, name: string): ChaincodeDefinition | undefined;
  list(channel: string): readonly ChaincodeDefinition[];
  /** The implicit collection of a channel org (the same for every chaincode); undefined for another org. */
  implicitCollection?(channel: string, mspId: string): ImplicitCollection | undefined;
}

