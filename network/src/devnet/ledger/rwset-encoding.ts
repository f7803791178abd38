import type { ledger } from '@hyperledger/fabric-protos';

type KVRWSet = ledger.rwset.kvrwset.KVRWSet;
type HashedRWSet = ledger.rwset.kvrwset.HashedRWSet;
type KVRead = ledger.rwset.kvrwset.KVRead;
type KVWrite = ledger.rwset.kvrwset.KVWrite;
type KVMetadataWrite = ledger.rwset.kvrwset.KVMetadataWrite;
type KVMetadataEntry = ledger.rwset.kvrwset.KVMetadataEntry;
type KVReadHash = ledger.rwset.kvrwset.KVReadHash;
type KVWriteHash = ledger.rwset.kvrwset.KVWriteHash;
type KVMetadataWriteHash = ledger.rwset.kvrwset.KVMetadataWriteHash;
type Version = ledger.rwset.kvrwset.Version;

// The bytes of KVRWSet.serializeBinary() and HashedRWSet.serializeBinary(), written straight into one buffer. An
// endorsement serialises read-write sets of hundreds of keys, and google-protobuf writes every string character
// by character into a JavaScript array: most of the time a simulation's results took. The layout is the one its
// generated writers produce (fields in number order; empty strings and bytes, false and 0 left out; a set
// submessage written even when empty), so the bytes are the same. Its string writer differs from UTF-8 only on
// unpaired surrogates; a set with any surrogate in a string is left to google-protobuf.

const VARINT = 0;
const DELIMITED = 2;
const SURROGATE = /[\uD800-\uDFFF]/;

export function encodeKvRwset(kv: KVRWSet): Uint8Array {
  const reads = kv.getReadsList();
  const queries = kv.getRangeQueriesInfoList().map((query) => query.serializeBinary());
  const writes = kv.getWritesList();
  const metadataWrites = kv.getMetadataWritesList();
  const strings = [...reads, ...writes, ...metadataWrites].map((m) => m.getKey());
  for (const m of metadataWrites) strings.push(...m.getEntriesList().map((e) => e.getName()));
  if (strings.some((s) => SURROGATE.test(s))) return kv.serializeBinary();
  const size =
    repeatedSize(reads, readSize) +
    repeatedSize(queries, (bytes) => bytes.length) +
    repeatedSize(writes, writeSize) +
    repeatedSize(metadataWrites, metadataWriteSize);
  const w = new Writer(size);
  for (const read of reads) w.message(1, readSize(read), () => writeRead(w, read));
  for (const query of queries) w.serialized(2, query);
  for (const write of writes) w.message(3, writeSize(write), () => writeWrite(w, write));
  for (const write of metadataWrites) w.message(4, metadataWriteSize(write), () => writeMetadataWrite(w, write));
  return w.finish();
}

export function encodeHashedRwset(hashed: HashedRWSet): Uint8Array {
  const reads = hashed.getHashedReadsList();
  const writes = hashed.getHashedWritesList();
  const metadataWrites = hashed.getMetadataWritesList();
  const names = metadataWrites.flatMap((m) => m.getEntriesList().map((e) => e.getName()));
  if (names.some((s) => SURROGATE.test(s))) return hashed.serializeBinary();
  const size = repeatedSize(reads, readHashSize) + repeatedSize(writes, writeHashSize) + repeatedSize(metadataWrites, metadataWriteHashSize);
  const w = new Writer(size);
  for (const read of reads) w.message(1, readHashSize(read), () => writeReadHash(w, read));
  for (const write of writes) w.message(2, writeHashSize(write), () => writeWriteHash(w, write));
  for (const write of metadataWrites) w.message(3, metadataWriteHashSize(write), () => writeMetadataWriteHash(w, write));
  return w.finish();
}

function readSize(read: KVRead): number {
  const version = read.getVersion();
  return stringSize(read.getKey()) + (version ? messageSize(versionSize(version)) : 0);
}

function writeRead(w: Writer, read: KVRead): void {
  w.string(1, read.getKey());
  const version = read.getVersion();
  if (version) w.message(2, versionSize(version), () => writeVersion(w, version));
}

function writeSize(write: KVWrite): number {
  return stringSize(write.getKey()) + boolSize(write.getIsDelete()) + bytesSize(write.getValue_asU8());
}

function writeWrite(w: Writer, write: KVWrite): void {
  w.string(1, write.getKey());
  w.bool(2, write.getIsDelete());
  w.bytes(3, write.getValue_asU8());
}

function metadataWriteSize(write: KVMetadataWrite): number {
  return stringSize(write.getKey()) + repeatedSize(write.getEntriesList(), entrySize);
}

function writeMetadataWrite(w: Writer, write: KVMetadataWrite): void {
  w.string(1, write.getKey());
  for (const entry of write.getEntriesList()) w.message(2, entrySize(entry), () => writeEntry(w, entry));
}

function entrySize(entry: KVMetadataEntry): number {
  return stringSize(entry.getName()) + bytesSize(entry.getValue_asU8());
}

function writeEntry(w: Writer, entry: KVMetadataEntry): void {
  w.string(1, entry.getName());
  w.bytes(2, entry.getValue_asU8());
}

function readHashSize(read: KVReadHash): number {
  const version = read.getVersion();
  return bytesSize(read.getKeyHash_asU8()) + (version ? messageSize(versionSize(version)) : 0);
}

function writeReadHash(w: Writer, read: KVReadHash): void {
  w.bytes(1, read.getKeyHash_asU8());
  const version = read.getVersion();
  if (version) w.message(2, versionSize(version), () => writeVersion(w, version));
}

function writeHashSize(write: KVWriteHash): number {
  return bytesSize(write.getKeyHash_asU8()) + boolSize(write.getIsDelete()) + bytesSize(write.getValueHash_asU8()) + boolSize(write.getIsPurge());
}

function writeWriteHash(w: Writer, write: KVWriteHash): void {
  w.bytes(1, write.getKeyHash_asU8());
  w.bool(2, write.getIsDelete());
  w.bytes(3, write.getValueHash_asU8());
  w.bool(4, write.getIsPurge());
}

function metadataWriteHashSize(write: KVMetadataWriteHash): number {
  return bytesSize(write.getKeyHash_asU8()) + repeatedSize(write.getEntriesList(), entrySize);
}

function writeMetadataWriteHash(w: Writer, write: KVMetadataWriteHash): void {
  w.bytes(1, write.getKeyHash_asU8());
  for (const entry of write.getEntriesList()) w.message(2, entrySize(entry), () => writeEntry(w, entry));
}

function versionSize(version: Version): number {
  return uint64Size(version.getBlockNum()) + uint64Size(version.getTxNum());
}

function writeVersion(w: Writer, version: Version): void {
  w.uint64(1, version.getBlockNum());
  w.uint64(2, version.getTxNum());
}

/** Field numbers here are below 16: every tag is one byte. */
function messageSize(contentSize: number): number {
  return 1 + varintSize(contentSize) + contentSize;
}

function repeatedSize<T>(items: readonly T[], size: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += messageSize(size(item));
  return total;
}

function stringSize(s: string): number {
  return s.length === 0 ? 0 : messageSize(Buffer.byteLength(s, 'utf8'));
}

function bytesSize(bytes: Uint8Array): number {
  return bytes.length === 0 ? 0 : messageSize(bytes.length);
}

function boolSize(b: boolean): number {
  return b ? 2 : 0;
}

function uint64Size(n: number): number {
  return n === 0 ? 0 : 1 + varintSize(n);
}

function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    size++;
  }
  return size;
}

/** Writes fields into a buffer of the size measured beforehand. */
class Writer {
  /** Its own memory, not a view into Node's shared pool: what serializeBinary() answers is a Uint8Array of its own. */
  readonly #bytes: Uint8Array;
  readonly #buf: Buffer;
  #pos = 0;

  constructor(size: number) {
    this.#bytes = new Uint8Array(size);
    this.#buf = Buffer.from(this.#bytes.buffer, 0, size);
  }

  message(field: number, contentSize: number, writeContent: () => void): void {
    this.#tag(field, DELIMITED);
    this.#varint(contentSize);
    const end = this.#pos + contentSize;
    writeContent();
    if (this.#pos !== end) throw new Error(`rwset encoding: field ${field} measured ${contentSize} bytes, wrote ${contentSize + this.#pos - end}`);
  }

  string(field: number, s: string): void {
    if (s.length === 0) return;
    this.#tag(field, DELIMITED);
    this.#varint(Buffer.byteLength(s, 'utf8'));
    this.#pos += this.#buf.write(s, this.#pos, 'utf8');
  }

  bytes(field: number, bytes: Uint8Array): void {
    if (bytes.length > 0) this.serialized(field, bytes);
  }

  /** A submessage already serialised: written even when empty, as a set submessage is. */
  serialized(field: number, message: Uint8Array): void {
    this.#tag(field, DELIMITED);
    this.#varint(message.length);
    this.#buf.set(message, this.#pos);
    this.#pos += message.length;
  }

  bool(field: number, b: boolean): void {
    if (!b) return;
    this.#tag(field, VARINT);
    this.#buf[this.#pos++] = 1;
  }

  uint64(field: number, n: number): void {
    if (n === 0) return;
    this.#tag(field, VARINT);
    this.#varint(n);
  }

  finish(): Uint8Array {
    if (this.#pos !== this.#buf.length) throw new Error(`rwset encoding: measured ${this.#buf.length} bytes, wrote ${this.#pos}`);
    return this.#bytes;
  }

  #tag(field: number, wireType: number): void {
    this.#buf[this.#pos++] = (field << 3) | wireType;
  }

  #varint(n: number): void {
    while (n >= 0x80) {
      this.#buf[this.#pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.#buf[this.#pos++] = n;
  }
}
