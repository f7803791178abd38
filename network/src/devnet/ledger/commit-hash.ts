import { createHash } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { compareUtf8 } from './ordering';
import { hashBytes, splitCollSpace, type BlockUpdates, type Update } from './updates';

const { COMMIT_HASH, TRANSACTIONS_FILTER } = common.BlockMetadataIndex;

/**
 * Fabric's kvledger addBlockCommitHash: SHA-256 over the varint length of the block's TRANSACTIONS_FILTER, the
 * filter, the deterministic bytes of the block's public and hashed updates, and the previous block's commit hash.
 * Peers that committed the same blocks to the same state agree on it, so it exposes a diverging peer.
 */
export function nextCommitHash(block: common.Block, updateBytes: Uint8Array, previous: Uint8Array): Buffer {
  const filter = block.getMetadata()?.getMetadataList_asU8()[TRANSACTIONS_FILTER] ?? new Uint8Array(0);
  return createHash('sha256').update(varint(filter.length)).update(filter).update(updateBytes).update(previous).digest();
}

export function setCommitHash(block: common.Block, hash: Uint8Array): void {
  const metadata = block.getMetadata()!;
  const list = metadata.getMetadataList_asU8();
  while (list.length <= COMMIT_HASH) list.push(new Uint8Array(0));
  const value = new common.Metadata();
  value.setValue(hash);
  list[COMMIT_HASH] = value.serializeBinary();
  metadata.setMetadataList(list);
}

/** The commit hash a committed block carries; empty for the genesis block, which Fabric leaves without one. */
export function commitHashOf(block: common.Block | undefined): Uint8Array {
  const slot = block?.getMetadata()?.getMetadataList_asU8()[COMMIT_HASH];
  return slot && slot.length > 0 ? common.Metadata.deserializeBinary(slot).getValue_asU8() : new Uint8Array(0);
}

/**
 * Fabric's deterministicBytesForPubAndHashUpdates: the block's valid public and hashed writes as a txmgr.Updates
 * message, sorted by namespace, then public keys, then collections and their key hashes; only the first write of a
 * namespace names it, and only the first of a collection names the collection. The peer keeps this message to
 * itself (it is in no published proto package), so it is encoded here field by field.
 */
export function updateBatchBytes(updates: BlockUpdates): Buffer {
  const publicByNs = new Map<string, [Buffer, Update][]>();
  for (const [ns, key, update] of updates.public.entries()) {
    const list = publicByNs.get(ns) ?? [];
    list.push([Buffer.from(key, 'utf8'), update]);
    publicByNs.set(ns, list);
  }
  const hashedByNs = new Map<string, Map<string, [Buffer, Update][]>>();
  for (const [space, key, update] of updates.hashed.entries()) {
    const [ns, coll] = splitCollSpace(space);
    const byColl = hashedByNs.get(ns) ?? new Map<string, [Buffer, Update][]>();
    const list = byColl.get(coll) ?? [];
    list.push([hashBytes(key), update]);
    byColl.set(coll, list);
    hashedByNs.set(ns, byColl);
  }
  const byKey = (a: [Buffer, Update], b: [Buffer, Update]) => Buffer.compare(a[0], b[0]);
  const writes: Buffer[] = [];
  for (const ns of [...new Set([...publicByNs.keys(), ...hashedByNs.keys()])].sort(compareUtf8)) {
    if (ns === '') continue;
    const kvs: { key: Buffer; update: Update; collection?: string }[] = (publicByNs.get(ns) ?? []).sort(byKey).map(([key, update]) => ({ key, update }));
    const byColl = hashedByNs.get(ns) ?? new Map<string, [Buffer, Update][]>();
    for (const coll of [...byColl.keys()].sort(compareUtf8)) {
      byColl
        .get(coll)!
        .sort(byKey)
        .forEach(([key, update], i) => kvs.push({ key, update, collection: i === 0 ? coll : undefined }));
    }
    kvs.forEach((kv, i) => writes.push(field(1, kvWrite(i === 0 ? ns : '', kv.collection ?? '', kv.key, kv.update))));
  }
  return Buffer.concat(writes);
}

/** txmgr.KVWrite: namespace 1, collection 2, key 3, isDelete 4, value 5, version_bytes 6; proto3 leaves defaults out. */
function kvWrite(ns: string, collection: string, key: Buffer, update: Update): Buffer {
  const parts: Buffer[] = [];
  if (ns) parts.push(field(1, Buffer.from(ns, 'utf8')));
  if (collection) parts.push(field(2, Buffer.from(collection, 'utf8')));
  if (key.length > 0) parts.push(field(3, key));
  if (update.value === undefined) parts.push(Buffer.from([(4 << 3) | 0, 1]));
  else if (update.value.length > 0) parts.push(field(5, Buffer.from(update.value)));
  parts.push(field(6, Buffer.concat([orderPreserving(update.version.blockNum), orderPreserving(update.version.txNum)])));
  return Buffer.concat(parts);
}

function field(number: number, bytes: Buffer): Buffer {
  return Buffer.concat([varint((number << 3) | 2), varint(bytes.length), bytes]);
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  let rest = n;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** Fabric's EncodeOrderPreservingVarUint64: the count of significant big-endian bytes, then those bytes. */
function orderPreserving(n: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(n));
  const start = bytes.findIndex((b) => b !== 0);
  return start < 0 ? Buffer.from([0]) : Buffer.concat([Buffer.from([8 - start]), bytes.subarray(start)]);
}
