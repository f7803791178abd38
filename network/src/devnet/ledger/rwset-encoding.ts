import { boolSize, bytesSize, FieldWriter, messageSize, repeatedSize, stringSize, uint64Size, writesAlike } from '@crossborder-trace/domain';
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
// unpaired surrogates; a set with any surrogate in a string is left to google-protobuf (writesAlike).

export function encodeKvRwset(kv: KVRWSet): Uint8Array {
  const reads = kv.getReadsList();
  const queries = kv.getRangeQueriesInfoList().map((query) => query.serializeBinary());
  const writes = kv.getWritesList();
  const metadataWrites = kv.getMetadataWritesList();
  const strings = [...reads, ...writes, ...metadataWrites].map((m) => m.getKey());
  for (const m of metadataWrites) strings.push(...m.getEntriesList().map((e) => e.getName()));
  if (!strings.every(writesAlike)) return kv.serializeBinary();
  const size =
    repeatedSize(reads, readSize) +
    repeatedSize(queries, (bytes) => bytes.length) +
    repeatedSize(writes, writeSize) +
    repeatedSize(metadataWrites, metadataWriteSize);
  const w = new FieldWriter(size);
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
  if (!names.every(writesAlike)) return hashed.serializeBinary();
  const size = repeatedSize(reads, readHashSize) + repeatedSize(writes, writeHashSize) + repeatedSize(metadataWrites, metadataWriteHashSize);
  const w = new FieldWriter(size);
  for (const read of reads) w.message(1, readHashSize(read), () => writeReadHash(w, read));
  for (const write of writes) w.message(2, writeHashSize(write), () => writeWriteHash(w, write));
  for (const write of metadataWrites) w.message(3, metadataWriteHashSize(write), () => writeMetadataWriteHash(w, write));
  return w.finish();
}

function readSize(read: KVRead): number {
  const version = read.getVersion();
  return stringSize(read.getKey()) + (version ? messageSize(versionSize(version)) : 0);
}

function writeRead(w: FieldWriter, read: KVRead): void {
  w.string(1, read.getKey());
  const version = read.getVersion();
  if (version) w.message(2, versionSize(version), () => writeVersion(w, version));
}

function writeSize(write: KVWrite): number {
  return stringSize(write.getKey()) + boolSize(write.getIsDelete()) + bytesSize(write.getValue_asU8());
}

function writeWrite(w: FieldWriter, write: KVWrite): void {
  w.string(1, write.getKey());
  w.bool(2, write.getIsDelete());
  w.bytes(3, write.getValue_asU8());
}

function metadataWriteSize(write: KVMetadataWrite): number {
  return stringSize(write.getKey()) + repeatedSize(write.getEntriesList(), entrySize);
}

function writeMetadataWrite(w: FieldWriter, write: KVMetadataWrite): void {
  w.string(1, write.getKey());
  for (const entry of write.getEntriesList()) w.message(2, entrySize(entry), () => writeEntry(w, entry));
}

function entrySize(entry: KVMetadataEntry): number {
  return stringSize(entry.getName()) + bytesSize(entry.getValue_asU8());
}

function writeEntry(w: FieldWriter, entry: KVMetadataEntry): void {
  w.string(1, entry.getName());
  w.bytes(2, entry.getValue_asU8());
}

function readHashSize(read: KVReadHash): number {
  const version = read.getVersion();
  return bytesSize(read.getKeyHash_asU8()) + (version ? messageSize(versionSize(version)) : 0);
}

function writeReadHash(w: FieldWriter, read: KVReadHash): void {
  w.bytes(1, read.getKeyHash_asU8());
  const version = read.getVersion();
  if (version) w.message(2, versionSize(version), () => writeVersion(w, version));
}

function writeHashSize(write: KVWriteHash): number {
  return bytesSize(write.getKeyHash_asU8()) + boolSize(write.getIsDelete()) + bytesSize(write.getValueHash_asU8()) + boolSize(write.getIsPurge());
}

function writeWriteHash(w: FieldWriter, write: KVWriteHash): void {
  w.bytes(1, write.getKeyHash_asU8());
  w.bool(2, write.getIsDelete());
  w.bytes(3, write.getValueHash_asU8());
  w.bool(4, write.getIsPurge());
}

function metadataWriteHashSize(write: KVMetadataWriteHash): number {
  return bytesSize(write.getKeyHash_asU8()) + repeatedSize(write.getEntriesList(), entrySize);
}

function writeMetadataWriteHash(w: FieldWriter, write: KVMetadataWriteHash): void {
  w.bytes(1, write.getKeyHash_asU8());
  for (const entry of write.getEntriesList()) w.message(2, entrySize(entry), () => writeEntry(w, entry));
}

function versionSize(version: Version): number {
  return uint64Size(version.getBlockNum()) + uint64Size(version.getTxNum());
}

function writeVersion(w: FieldWriter, version: Version): void {
  w.uint64(1, version.getBlockNum());
  w.uint64(2, version.getTxNum());
}
