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
  // Grouped a space at a time: the namespace and collection are split once per space, not per key.
  const publicByNs = new Map<string, [Buffer, Update][]>();
  for (const [ns, keys] of updates.public.spaces()) {
    const list: [Buffer, Update][] = [];
    for (const [key, update] of keys) list.push([Buffer.from(key, 'utf8'), update]);
    publicByNs.set(ns, list);
  }
  const hashedByNs = new Map<string, Map<string, [Buffer, Update][]>>();
  for (const [space, keys] of updates.hashed.spaces()) {
    const [ns, coll] = splitCollSpace(space);
    let byColl = hashedByNs.get(ns);
    if (!byColl) {
      byColl = new Map();
      hashedByNs.set(ns, byColl);
    }
    const list: [Buffer, Update][] = [];
    for (const [key, update] of keys) list.push([hashBytes(key), update]);
    byColl.set(coll, list);
  }
  const byKey = (a: [Buffer, Update], b: [Buffer, Update]) => Buffer.compare(a[0], b[0]);
  const writes: KvWrite[] = [];
  for (const ns of [...new Set([...publicByNs.keys(), ...hashedByNs.keys()])].sort(compareUtf8)) {
    if (ns === '') continue;
    const first = writes.length;
    for (const [key, update] of (publicByNs.get(ns) ?? []).sort(byKey)) writes.push({ ns: EMPTY, collection: EMPTY, key, update });
    const byColl = hashedByNs.get(ns) ?? new Map<string, [Buffer, Update][]>();
    for (const coll of [...byColl.keys()].sort(compareUtf8)) {
      byColl
        .get(coll)!
        .sort(byKey)
        .forEach(([key, update], i) => writes.push({ ns: EMPTY, collection: i === 0 ? Buffer.from(coll, 'utf8') : EMPTY, key, update }));
    }
    if (writes.length > first) writes[first].ns = Buffer.from(ns, 'utf8');
  }
  return encodeWrites(writes);
}

interface KvWrite {
  ns: Buffer;
  readonly collection: Buffer;
  readonly key: Buffer;
  readonly update: Update;
}

const EMPTY = Buffer.alloc(0);

/**
 * Each write as field 1 of txmgr.Updates, a txmgr.KVWrite: namespace 1, collection 2, key 3, isDelete 4, value 5,
 * version_bytes 6; proto3 leaves defaults out. Written into one buffer sized first: a block of 100-event
 * transactions has thousands of writes.
 */
function encodeWrites(writes: readonly KvWrite[]): Buffer {
  const delimited = (length: number) => (length === 0 ? 0 : 1 + varintSize(length) + length);
  const bodies = writes.map(({ ns, collection, key, update }) => {
    const version = orderPreservingSize(update.version.blockNum) + orderPreservingSize(update.version.txNum);
    const value = update.value === undefined ? 2 : update.value.length > 0 ? delimited(update.value.length) : 0;
    return delimited(ns.length) + delimited(collection.length) + delimited(key.length) + value + 1 + varintSize(version) + version;
  });
  const out = Buffer.allocUnsafe(bodies.reduce((total, body) => total + 1 + varintSize(body) + body, 0));
  let at = 0;
  const uvarint = (n: number) => {
    let rest = n;
    while (rest >= 0x80) {
      out[at++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    out[at++] = rest;
  };
  const bytes = (field: number, value: Uint8Array) => {
    if (value.length === 0) return;
    out[at++] = (field << 3) | 2;
    uvarint(value.length);
    out.set(value, at);
    at += value.length;
  };
  const orderPreserving = (n: number) => {
    const size = orderPreservingSize(n) - 1;
    out[at++] = size;
    for (let i = size - 1; i >= 0; i--) out[at++] = Math.floor(n / 2 ** (8 * i)) % 256;
  };
  writes.forEach(({ ns, collection, key, update }, i) => {
    out[at++] = (1 << 3) | 2;
    uvarint(bodies[i]);
    bytes(1, ns);
    bytes(2, collection);
    bytes(3, key);
    if (update.value === undefined) {
      out[at++] = 4 << 3;
      out[at++] = 1;
    } else bytes(5, update.value);
    out[at++] = (6 << 3) | 2;
    uvarint(orderPreservingSize(update.version.blockNum) + orderPreservingSize(update.version.txNum));
    orderPreserving(update.version.blockNum);
    orderPreserving(update.version.txNum);
  });
  return out;
}

function varintSize(n: number): number {
  let size = 1;
  for (let rest = n; rest >= 0x80; rest = Math.floor(rest / 0x80)) size++;
  return size;
}

/** The bytes of EncodeOrderPreservingVarUint64(n): a count of significant big-endian bytes, then those bytes. */
function orderPreservingSize(n: number): number {
  let significant = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) significant++;
  return 1 + significant;
}

/** A non-negative integer as a protobuf varint. */
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
