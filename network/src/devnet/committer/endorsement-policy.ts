import { ledger } from '@hyperledger/fabric-protos';
import type { ChaincodeRegistry } from '../lifecycle/api';
import type { Identity, IdentityDeserializer } from '../msp/api';
import type { Policy } from '../policies/api';
import type { EndorsedAction } from './transaction';

/** The endorsers whose signatures over the proposal response verify; a bad one simply does not count. */
export function verifiedEndorsers(action: EndorsedAction, deserializer: IdentityDeserializer): Identity[] {
  const identities: Identity[] = [];
  for (const endorsement of action.endorsements) {
    const endorserBytes = endorsement.getEndorser_asU8();
    try {
      const identity = deserializer.deserializeIdentity(endorserBytes);
      const signed = Buffer.concat([action.proposalResponsePayload, endorserBytes]);
      if (identity.verify(signed, endorsement.getSignature_asU8())) identities.push(identity);
    } catch {
      // Unknown or invalid endorser: ignored, so the policy decides (Fabric does the same).
    }
  }
  return identities;
}

/**
 * The policies a transaction's endorsements must satisfy (Fabric's key-level validator without state-based
 * endorsement): the chaincode's policy for public writes of each namespace, a written collection's own
 * endorsement policy when it has one (else the chaincode's), and the invoked chaincode's policy even when
 * the transaction wrote nothing.
 * Returns undefined when a namespace has no chaincode definition on the channel.
 */
export function requiredPolicies(
  channel: string,
  action: EndorsedAction,
  registry: ChaincodeRegistry,
): Policy[] | undefined {
  const policies = new Set<Policy>();
  let invokedChecked = false;
  for (const ns of action.rwset.getNsRwsetList()) {
    const name = ns.getNamespace();
    const definition = registry.get(channel, name);
    if (!definition) return undefined;
    const kv = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8());
    if (kv.getWritesList().length > 0 || kv.getMetadataWritesList().length > 0) {
      policies.add(definition.endorsementPolicy);
      if (name === action.chaincodeName) invokedChecked = true;
    }
    for (const collection of ns.getCollectionHashedRwsetList()) {
      const hashed = ledger.rwset.kvrwset.HashedRWSet.deserializeBinary(collection.getHashedRwset_asU8());
      if (hashed.getHashedWritesList().length === 0 && hashed.getMetadataWritesList().length === 0) continue;
      const collectionDefinition = definition.collections.get(collection.getCollectionName());
      if (!collectionDefinition) return undefined;
      policies.add(collectionDefinition.endorsementPolicy ?? definition.endorsementPolicy);
      if (name === action.chaincodeName) invokedChecked = true;
    }
  }
  if (!invokedChecked) {
    const invoked = registry.get(channel, action.chaincodeName);
    if (!invoked) return undefined;
    policies.add(invoked.endorsementPolicy);
  }
  return [...policies];
}
