import type { ledger } from '@hyperledger/fabric-protos';
import type { Version } from './api';
import type { NsRwset } from './block-txs';
import type { CommittedState, KeySink } from './committed-state';
import { serializeMetadata } from './metadata';
import { sha256 } from './ordering';
import { collSpace, hashKey, splitCollSpace, type BlockUpdates, type Update, type UpdateSpace } from './updates';

/** What one transaction does to one key (Fabric's validation txOps). */
interface KeyOps {
  upsert?: Uint8Array;
  delete?: boolean;
  /** Serialized new metadata; null removes the metadata. */
  metadata?: Uint8Array | null;
}

const HASH_OF_EMPTY = sha256(new Uint8Array(0));

/** Fabric's rwsetutil.IsKVWriteDelete: an empty value deletes too (FAB-18386). */
export function isDelete(write: ledger.rwset.kvrwset.KVWrite): boolean {
  return write.getIsDelete() || write.getValue_asU8().length === 0;
}

/** Fabric's rwsetutil.IsKVWriteHashDelete. */
function isHashDelete(write: ledger.rwset.kvrwset.KVWriteHash): boolean {
  const valueHash = write.getValueHash_asU8();
  return write.getIsDelete() || valueHash.length === 0 || Buffer.from(valueHash).equals(HASH_OF_EMPTY);
}

/** Whether a committed key may have metadata (see MetadataIndex); key: hashKey() of the hash for hashed state. */
export type MayHaveMetadata = (ns: string, coll: string, key: string) => boolean;

/**
 * Applies a valid transaction's public and hashed writes to the block's updates at its height, merging value
 * and metadata writes as Fabric does: a value write keeps the key's latest metadata, a metadata-only write
 * keeps the latest value (and is dropped when the key does not exist), a delete removes both. A value write to a
 * key that has no metadata (none pending, none committed by the index) reads no committed state.
 */
export async function applyWriteSet(
  updates: BlockUpdates,
  rwset: readonly NsRwset[],
  version: Version,
  committed: CommittedState,
  mayHaveMetadata: MayHaveMetadata,
): Promise<void> {
  const publicOps = new Map<string, Map<string, KeyOps>>();
  const hashedOps = new Map<string, Map<string, KeyOps>>();
  for (const ns of rwset) {
    const name = ns.namespace;
    for (const w of ns.kv.getWritesList()) record(publicOps, name, w.getKey(), isDelete(w) ? { delete: true } : { upsert: w.getValue_asU8() });
    for (const m of ns.kv.getMetadataWritesList()) record(publicOps, name, m.getKey(), { metadata: metadataOf(m.getEntriesList()) });
    for (const c of ns.collections) {
      const space = collSpace(name, c.collection);
      for (const w of c.hashed.getHashedWritesList()) {
        record(hashedOps, space, hashKey(w.getKeyHash_asU8()), isHashDelete(w) ? { delete: true } : { upsert: w.getValueHash_asU8() });
      }
      for (const m of c.hashed.getMetadataWritesList()) {
        record(hashedOps, space, hashKey(m.getKeyHash_asU8()), { metadata: metadataOf(m.getEntriesList()) });
      }
    }
  }
  await applyOps(updates.public, publicOps, version, {
    read: (space, key) => committed.public(space, key),
    mayHaveMetadata: (space, key) => mayHaveMetadata(space, '', key),
  });
  await applyOps(updates.hashed, hashedOps, version, {
    read: (space, key) => committed.hashed(...splitCollSpace(space), key),
    mayHaveMetadata: (space, key) => mayHaveMetadata(...splitCollSpace(space), key),
  });
}

/**
 * The public and hashed keys whose committed values the transactions' writes are merged with, to load them at once:
 * those given metadata alone (their value stays), and those given a value that may have metadata (it stays).
 */
export function writtenKeys(rwsets: readonly (readonly NsRwset[])[], sink: KeySink, mayHaveMetadata: MayHaveMetadata): void {
  for (const rwset of rwsets) {
    for (const ns of rwset) {
      const name = ns.namespace;
      for (const w of ns.kv.getWritesList()) if (mayHaveMetadata(name, '', w.getKey())) sink.public(name, w.getKey());
      for (const m of ns.kv.getMetadataWritesList()) sink.public(name, m.getKey());
      for (const c of ns.collections) {
        for (const w of c.hashed.getHashedWritesList()) {
          const keyHash = hashKey(w.getKeyHash_asU8());
          if (mayHaveMetadata(name, c.collection, keyHash)) sink.hashed(name, c.collection, keyHash);
        }
        for (const m of c.hashed.getMetadataWritesList()) sink.hashed(name, c.collection, hashKey(m.getKeyHash_asU8()));
      }
    }
  }
}

function metadataOf(entries: ledger.rwset.kvrwset.KVMetadataEntry[]): Uint8Array | null {
  return entries.length === 0 ? null : serializeMetadata(entries);
}

function record(ops: Map<string, Map<string, KeyOps>>, space: string, key: string, op: KeyOps): void {
  let keys = ops.get(space);
  if (!keys) {
    keys = new Map();
    ops.set(space, keys);
  }
  // Each op is a fresh object, so a key's earlier op takes the later one's fields in place (later wins, as a
  // spread would) instead of a new object per write.
  const earlier = keys.get(key);
  if (earlier) Object.assign(earlier, op);
  else keys.set(key, op);
}

/** How applyOps reads the committed state of a key of a space (a namespace, or a namespace and collection). */
interface CommittedReads {
  readonly read: (space: string, key: string) => Promise<{ value: Uint8Array; metadata?: Uint8Array } | undefined>;
  readonly mayHaveMetadata: (space: string, key: string) => boolean;
}

async function applyOps(target: UpdateSpace, ops: Map<string, Map<string, KeyOps>>, version: Version, committed: CommittedReads): Promise<void> {
  const latest = async (space: string, key: string) => {
    const pending = target.get(space, key);
    if (pending) return pending.value ? pending : undefined;
    return committed.read(space, key);
  };
  for (const [space, keys] of ops) {
    for (const [key, op] of keys) {
      let update: Update | undefined;
      if (op.delete) {
        update = { version };
      } else if (op.upsert) {
        let metadata = op.metadata ?? undefined;
        if (op.metadata === undefined && (target.has(space, key) || committed.mayHaveMetadata(space, key))) metadata = (await latest(space, key))?.metadata;
        update = { value: op.upsert, metadata, version };
      } else {
        const current = await latest(space, key);
        if (current) update = { value: current.value, metadata: op.metadata ?? undefined, version };
      }
      if (update) target.set(space, key, update);
    }
  }
}
