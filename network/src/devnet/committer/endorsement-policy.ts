import { common, ledger } from '@hyperledger/fabric-protos';
import type { StateMetadata } from '../ledger/api';
import type { ChaincodeDefinition, ChaincodeRegistry } from '../lifecycle/api';
import { hashedRwsetOf, kvRwsetOf } from '../ledger/rwset-parsing';
import { implicitCollectionMspId } from '../lifecycle/implicit-collections';
import type { Identity, IdentityDeserializer } from '../msp/api';
import type { Policy } from '../policies/api';
import { compileSignaturePolicy } from '../policies';
import type { EndorsedAction } from './transaction';

/** The metadata entry holding a key's own endorsement policy (Fabric's MetaDataKeys_VALIDATION_PARAMETER). */
export const VALIDATION_PARAMETER = 'VALIDATION_PARAMETER';

/** Committed key metadata, where key-level endorsement policies live. */
export interface ValidationParameterSource {
  getStateMetadata(ns: string, key: string): Promise<StateMetadata | undefined>;
  getPrivateDataMetadataByHash(ns: string, collection: string, keyHash: Uint8Array): Promise<StateMetadata | undefined>;
  /** The metadata of many keys at once, in their order (a transaction writing hundreds of keys reads them in one go). */
  getStateMetadataMany?(ns: string, keys: readonly string[]): Promise<(StateMetadata | undefined)[]>;
  getPrivateDataMetadataByHashMany?(ns: string, collection: string, keyHashes: readonly Uint8Array[]): Promise<(StateMetadata | undefined)[]>;
}

export type EndorsementVerdict = 'valid' | 'policy-failure' | 'unknown-chaincode';

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
 * Keys whose validation parameter a transaction earlier in the block changed and that passed its endorsement
 * checks. A later transaction writing such a key fails its policy, as in Fabric's statebased validator: it was
 * endorsed against a key policy that the block is replacing.
 */
export class BlockPolicyUpdates {
  readonly #keys = new Set<string>();

  has(ns: string, collection: string, key: string): boolean {
    // Asked for every key a transaction writes; most blocks change no validation parameter at all.
    return this.#keys.size > 0 && this.#keys.has(keyId(ns, collection, key));
  }

  record(action: EndorsedAction): void {
    for (const ns of action.rwset.getNsRwsetList()) {
      const name = ns.getNamespace();
      for (const write of kvRwset(ns).getMetadataWritesList()) this.#keys.add(keyId(name, '', write.getKey()));
      for (const collection of ns.getCollectionHashedRwsetList()) {
        for (const write of hashedRwset(collection).getMetadataWritesList()) {
          this.#keys.add(keyId(name, collection.getCollectionName(), hashId(write.getKeyHash_asU8())));
        }
      }
    }
  }
}

export interface EndorsementCheckContext {
  readonly channel: string;
  readonly registry: ChaincodeRegistry;
  readonly state: ValidationParameterSource;
  readonly updates: BlockPolicyUpdates;
}

/**
 * Fabric's v20 validation plugin with key-level (state-based) endorsement, run for every namespace the
 * transaction wrote and for the invoked chaincode: a written key with a VALIDATION_PARAMETER needs that policy
 * instead of the chaincode's; any other written key needs its collection's endorsement policy if it has one,
 * else the chaincode's (each checked once); a namespace where nothing needed a check needs the chaincode's.
 */
export async function checkEndorsementPolicies(
  action: EndorsedAction,
  endorsers: readonly Identity[],
  context: EndorsementCheckContext,
): Promise<EndorsementVerdict> {
  const written = action.rwset.getNsRwsetList().filter(hasWrites);
  const namespaces = written.map((ns) => ns.getNamespace());
  if (!namespaces.includes(action.chaincodeName)) namespaces.push(action.chaincodeName);
  for (const name of namespaces) {
    const definition = context.registry.get(context.channel, name);
    if (!definition) return 'unknown-chaincode';
    const ns = written.find((w) => w.getNamespace() === name);
    const verdict = await checkNamespace(name, definition, ns, endorsers, context);
    if (verdict !== 'valid') return verdict;
  }
  return 'valid';
}

async function checkNamespace(
  name: string,
  definition: ChaincodeDefinition,
  ns: ledger.rwset.NsReadWriteSet | undefined,
  endorsers: readonly Identity[],
  context: EndorsementCheckContext,
): Promise<EndorsementVerdict> {
  const checked = new Set<string>();
  let anyChecked = false;
  const checkKey = async (collection: string, key: string, metadata: StateMetadata | undefined | (() => Promise<StateMetadata | undefined>)) => {
    if (context.updates.has(name, collection, key)) return false;
    const parameter = (typeof metadata === 'function' ? await metadata() : metadata)?.get(VALIDATION_PARAMETER);
    anyChecked = true;
    if (parameter && parameter.length > 0) return keyPolicy(parameter)?.evaluate(endorsers) ?? false;
    // Without a key policy, the collection's (or chaincode's) policy is checked once per transaction.
    if (checked.has(collection)) return true;
    checked.add(collection);
    return (collectionPolicy(definition, collection, context) ?? definition.endorsementPolicy).evaluate(endorsers);
  };

  if (ns) {
    const kv = kvRwset(ns);
    const publicKeys = [...kv.getWritesList().map((w) => w.getKey()), ...kv.getMetadataWritesList().map((w) => w.getKey())];
    const publicMetadata = await context.state.getStateMetadataMany?.(name, publicKeys);
    for (const [i, key] of publicKeys.entries()) {
      const metadata = publicMetadata ? publicMetadata[i] : () => context.state.getStateMetadata(name, key);
      if (!(await checkKey('', key, metadata))) return 'policy-failure';
    }
    for (const collection of ns.getCollectionHashedRwsetList()) {
      const collectionName = collection.getCollectionName();
      if (!collectionPolicy(definition, collectionName, context) && hasHashedWrites(collection)) return 'unknown-chaincode';
      const hashed = hashedRwset(collection);
      const keyHashes = [...hashed.getHashedWritesList(), ...hashed.getMetadataWritesList()].map((w) => w.getKeyHash_asU8());
      const hashedMetadata = await context.state.getPrivateDataMetadataByHashMany?.(name, collectionName, keyHashes);
      for (const [i, keyHash] of keyHashes.entries()) {
        const metadata = hashedMetadata ? hashedMetadata[i] : () => context.state.getPrivateDataMetadataByHash(name, collectionName, keyHash);
        if (!(await checkKey(collectionName, hashId(keyHash), metadata))) return 'policy-failure';
      }
    }
  }
  if (!anyChecked && !definition.endorsementPolicy.evaluate(endorsers)) return 'policy-failure';
  return 'valid';
}

/**
 * Fabric's CollectionValidationInfo: public state and a configured collection without a policy of its own take the
 * chaincode's; an org's implicit collection takes the org's Endorsement policy; undefined for no such collection.
 */
function collectionPolicy(definition: ChaincodeDefinition, collection: string, context: EndorsementCheckContext): Policy | undefined {
  if (collection === '') return definition.endorsementPolicy;
  const configured = definition.collections.get(collection);
  if (configured) return configured.endorsementPolicy ?? definition.endorsementPolicy;
  const mspId = implicitCollectionMspId(collection);
  return mspId === undefined ? undefined : context.registry.implicitCollection?.(context.channel, mspId)?.validationPolicy;
}

/** A key policy that does not parse satisfies nobody (Fabric fails the transaction). */
function keyPolicy(parameter: Uint8Array): Policy | undefined {
  try {
    return compileSignaturePolicy(common.SignaturePolicyEnvelope.deserializeBinary(parameter));
  } catch {
    return undefined;
  }
}

function hasWrites(ns: ledger.rwset.NsReadWriteSet): boolean {
  const kv = kvRwset(ns);
  if (kv.getWritesList().length > 0 || kv.getMetadataWritesList().length > 0) return true;
  return ns.getCollectionHashedRwsetList().some(hasHashedWrites);
}

function hasHashedWrites(collection: ledger.rwset.CollectionHashedReadWriteSet): boolean {
  const hashed = hashedRwset(collection);
  return hashed.getHashedWritesList().length > 0 || hashed.getMetadataWritesList().length > 0;
}

function kvRwset(ns: ledger.rwset.NsReadWriteSet): ledger.rwset.kvrwset.KVRWSet {
  return kvRwsetOf(ns.getRwset_asU8());
}

function hashedRwset(collection: ledger.rwset.CollectionHashedReadWriteSet): ledger.rwset.kvrwset.HashedRWSet {
  return hashedRwsetOf(collection.getHashedRwset_asU8());
}

function hashId(keyHash: Uint8Array): string {
  return Buffer.from(keyHash).toString('hex');
}

function keyId(ns: string, collection: string, key: string): string {
  return `${ns}\u0000${collection}\u0000${key}`;
}
