import { decodeVersionedValue, encodeUint64, readUint64 } from './encoding';
import { addKey, type KeySets } from './key-sets';
import { stateKeys } from './keys';
import type { BatchOp, KeyValueDB } from './kv-db';
import { hashBytes, hashKey, splitCollSpace, type BlockUpdates, type UpdateSpace } from './updates';

/**
 * The keys of public and hashed state that may carry metadata (in practice a key-level endorsement policy). Fabric
 * looks up the metadata of every key a transaction writes, when it is simulated, when its policies are validated and
 * when its writes are merged with the key's metadata; nearly every key has none. With this index the ledger reads
 * committed state for those lookups only where metadata may be: every other key has none, without a read.
 *
 * It is a superset of the keys with metadata: a key joins before the block that gives it metadata is written (a
 * snapshot taken at any time then finds it here if it has metadata), and leaves only when the ledger opens again.
 * Its entries live in the state database, written in each block's batch with the block's number, so they are rebuilt
 * with the state. A state database whose entries do not reach its savepoint (one of an earlier version, without
 * them, or one a version without them committed to since) is scanned when it opens.
 */
export class MetadataIndex {
  /** By namespace, then collection ('' for public state): public keys, or hashKey() of hashed keys. */
  readonly #keys: KeySets = new Map();

  private constructor() {}

  /** The index of the state database as it is now: its entries, or a scan of the state when they are behind it. */
  static async load(db: KeyValueDB): Promise<MetadataIndex> {
    const index = new MetadataIndex();
    const savepoint = await db.savepoint();
    if (savepoint === undefined) return index;
    const indexedTo = await db.get(stateKeys.metadataIndexed);
    if (indexedTo?.length === 8 && readUint64(indexedTo, 0) === savepoint) {
      await forEachKey(db, stateKeys.withMetadataRange, (key) => index.#add(...parseKey(key)));
    } else {
      await index.#scan(db, savepoint);
    }
    return index;
  }

  /** Whether the key may have metadata; key: the public key, or hashKey() of a hashed key's hash (coll not ''). */
  mayHave(ns: string, coll: string, key: string): boolean {
    return this.#keys.get(ns)?.get(coll)?.has(key) ?? false;
  }

  /**
   * Takes in the block's updates before they are written, and answers the index's own operations for the block's
   * batch: an entry for each key given metadata, none for a key written without (or deleted), and the block's number.
   */
  record(updates: BlockUpdates, blockNum: number): BatchOp[] {
    const ops: BatchOp[] = [];
    const visit = (space: UpdateSpace, keyBytes: (key: string) => string | Uint8Array, split: (space: string) => [string, string]) => {
      for (const [name, keys] of space.spaces()) {
        const [ns, coll] = split(name);
        for (const [key, update] of keys) {
          if (update.value && update.metadata && update.metadata.length > 0) {
            this.#add(ns, coll, key);
            ops.push({ type: 'put', key: stateKeys.withMetadata(ns, coll, keyBytes(key)), value: EMPTY });
          } else if (this.mayHave(ns, coll, key)) {
            ops.push({ type: 'del', key: stateKeys.withMetadata(ns, coll, keyBytes(key)) });
          }
        }
      }
    };
    visit(updates.public, (key) => key, (ns) => [ns, '']);
    visit(updates.hashed, hashBytes, splitCollSpace);
    ops.push({ type: 'put', key: stateKeys.metadataIndexed, value: encodeUint64(blockNum) });
    return ops;
  }

  #add(ns: string, coll: string, key: string): void {
    addKey(this.#keys, ns, coll, key);
  }

  /** Reads every public and hashed value once, and writes the entries of those with metadata. */
  async #scan(db: KeyValueDB, savepoint: number): Promise<void> {
    const ops: BatchOp[] = [];
    const visit = (dbKey: Buffer, value: Buffer) => {
      const metadata = decodeVersionedValue(value).metadata;
      if (!metadata || metadata.length === 0) return;
      const [ns, coll, key] = parseKey(dbKey);
      this.#add(ns, coll, key);
      ops.push({ type: 'put', key: stateKeys.withMetadata(ns, coll, coll === '' ? key : hashBytes(key)), value: EMPTY });
    };
    await forEachKey(db, stateKeys.publicRangeAll, visit);
    await forEachKey(db, stateKeys.hashedRangeAll, visit);
    ops.push({ type: 'put', key: stateKeys.metadataIndexed, value: encodeUint64(savepoint) });
    await db.write(ops, false);
  }
}

const EMPTY = new Uint8Array(0);

async function forEachKey(db: KeyValueDB, range: { gte: Buffer; lt: Buffer }, visit: (key: Buffer, value: Buffer) => void): Promise<void> {
  const iterator = db.iterate(range);
  try {
    for (let entry = await iterator.next(); entry; entry = await iterator.next()) visit(entry[0], entry[1]);
  } finally {
    await iterator.close();
  }
}

/**
 * (ns, coll, key) of a state or index key laid out as prefix, ns, 0x00, then the key (public state: coll '') or
 * coll, 0x00 and the key hash (hashed state, and index entries, whose coll is '' for public keys). Namespaces and
 * collections hold no 0x00; keys may, so they run to the end. Hashes come back as hashKey() strings.
 */
function parseKey(dbKey: Buffer): [string, string, string] {
  const nsEnd = dbKey.indexOf(0, 1);
  const ns = dbKey.subarray(1, nsEnd).toString('utf8');
  if (dbKey[0] === stateKeys.publicRangeAll.gte[0]) return [ns, '', dbKey.subarray(nsEnd + 1).toString('utf8')];
  const collEnd = dbKey.indexOf(0, nsEnd + 1);
  const coll = dbKey.subarray(nsEnd + 1, collEnd).toString('utf8');
  const rest = dbKey.subarray(collEnd + 1);
  return coll === '' ? [ns, '', rest.toString('utf8')] : [ns, coll, hashKey(rest)];
}
