import { ledger } from '@hyperledger/fabric-protos';
import type { SimulationResults, StateMetadata, Version } from './api';
import { metadataEntries } from './metadata';
import { sha256, sortedEntries } from './ordering';
import { encodeKvRwset } from './rwset-encoding';
import { serialisedHashedRwset, serialisedKvRwset } from './rwset-parsing';

const { rwset } = ledger;
const { kvrwset } = ledger.rwset;

function protoVersion(version: Version | undefined): ledger.rwset.kvrwset.Version | undefined {
  if (!version) return undefined;
  const v = new kvrwset.Version();
  v.setBlockNum(version.blockNum);
  v.setTxNum(version.txNum);
  return v;
}

/** A KVRead; a key that was absent has no version (Fabric's rwsetutil.NewKVRead). */
export function newKVRead(key: string, version: Version | undefined): ledger.rwset.kvrwset.KVRead {
  const read = new kvrwset.KVRead();
  read.setKey(key);
  read.setVersion(protoVersion(version));
  return read;
}

/** An empty value is a delete, as in Fabric (FAB-18386). */
function newKVWrite(key: string, value: Uint8Array): ledger.rwset.kvrwset.KVWrite {
  const write = new kvrwset.KVWrite();
  write.setKey(key);
  write.setIsDelete(value.length === 0);
  write.setValue(value);
  return write;
}

function newKVWriteHash(key: string, value: Uint8Array): ledger.rwset.kvrwset.KVWriteHash {
  const write = new kvrwset.KVWriteHash();
  write.setKeyHash(sha256(key));
  write.setIsDelete(value.length === 0);
  if (value.length > 0) write.setValueHash(sha256(value));
  return write;
}

interface CollHashedBuilder {
  readonly reads: Map<string, ledger.rwset.kvrwset.KVReadHash>;
  readonly writes: Map<string, ledger.rwset.kvrwset.KVWriteHash>;
  readonly metadataWrites: Map<string, ledger.rwset.kvrwset.KVMetadataWriteHash>;
  pvtRwsetHash?: Uint8Array;
}

interface NsPubBuilder {
  readonly reads: Map<string, ledger.rwset.kvrwset.KVRead>;
  readonly writes: Map<string, ledger.rwset.kvrwset.KVWrite>;
  readonly metadataWrites: Map<string, ledger.rwset.kvrwset.KVMetadataWrite>;
  /** In the order queries were run, one per distinct (start, end, exhausted), as Fabric keeps them. */
  readonly rangeQueries: Map<string, ledger.rwset.kvrwset.RangeQueryInfo>;
  readonly collections: Map<string, CollHashedBuilder>;
}

interface CollPvtBuilder {
  readonly writes: Map<string, ledger.rwset.kvrwset.KVWrite>;
  readonly metadataWrites: Map<string, ledger.rwset.kvrwset.KVMetadataWrite>;
}

/**
 * Fabric's rwsetutil.RWSetBuilder: collects a transaction's reads and writes and emits them sorted by
 * namespace, collection and key (UTF-8 order), so that every endorser produces byte-identical read-write sets.
 * A later operation on the same key replaces an earlier one.
 */
export class RWSetBuilder {
  readonly #pub = new Map<string, NsPubBuilder>();
  readonly #pvt = new Map<string, Map<string, CollPvtBuilder>>();

  addToReadSet(ns: string, key: string, version: Version | undefined): void {
    this.#nsPub(ns).reads.set(key, newKVRead(key, version));
  }

  addToWriteSet(ns: string, key: string, value: Uint8Array): void {
    this.#nsPub(ns).writes.set(key, newKVWrite(key, value));
  }

  /** Empty metadata deletes the key's metadata. */
  addToMetadataWriteSet(ns: string, key: string, metadata: StateMetadata): void {
    const write = new kvrwset.KVMetadataWrite();
    write.setKey(key);
    write.setEntriesList(metadataEntries(metadata));
    this.#nsPub(ns).metadataWrites.set(key, write);
  }

  addToRangeQuerySet(ns: string, info: ledger.rwset.kvrwset.RangeQueryInfo): void {
    const id = JSON.stringify([info.getStartKey(), info.getEndKey(), info.getItrExhausted()]);
    const queries = this.#nsPub(ns).rangeQueries;
    if (!queries.has(id)) queries.set(id, info);
  }

  addToHashedReadSet(ns: string, coll: string, key: string, version: Version | undefined): void {
    const read = new kvrwset.KVReadHash();
    read.setKeyHash(sha256(key));
    read.setVersion(protoVersion(version));
    this.#collHashed(ns, coll).reads.set(key, read);
  }

  addToPvtAndHashedWriteSet(ns: string, coll: string, key: string, value: Uint8Array): void {
    this.#collPvt(ns, coll).writes.set(key, newKVWrite(key, value));
    this.#collHashed(ns, coll).writes.set(key, newKVWriteHash(key, value));
  }

  /** A purge is a delete marked is_purge in the hashed write set. */
  addToPvtAndHashedWriteSetForPurge(ns: string, coll: string, key: string): void {
    const empty = new Uint8Array(0);
    const hashed = newKVWriteHash(key, empty);
    hashed.setIsPurge(true);
    this.#collPvt(ns, coll).writes.set(key, newKVWrite(key, empty));
    this.#collHashed(ns, coll).writes.set(key, hashed);
  }

  /**
   * Metadata of private data lives only with the hashed key; the private write set names the key without
   * entries so that its version follows the hashed one (Fabric does the same).
   */
  addToHashedMetadataWriteSet(ns: string, coll: string, key: string, metadata: StateMetadata): void {
    const pvtWrite = new kvrwset.KVMetadataWrite();
    pvtWrite.setKey(key);
    this.#collPvt(ns, coll).metadataWrites.set(key, pvtWrite);
    const hashedWrite = new kvrwset.KVMetadataWriteHash();
    hashedWrite.setKeyHash(sha256(key));
    hashedWrite.setEntriesList(metadataEntries(metadata));
    this.#collHashed(ns, coll).metadataWrites.set(key, hashedWrite);
  }

  getTxSimulationResults(): SimulationResults {
    const privateRwset = this.#buildPrivate();
    const publicRwset = new rwset.TxReadWriteSet();
    publicRwset.setDataModel(rwset.TxReadWriteSet.DataModel.KV);
    for (const [ns, b] of sortedEntries(this.#pub)) {
      const kv = new kvrwset.KVRWSet();
      kv.setReadsList(sortedValues(b.reads));
      kv.setRangeQueriesInfoList([...b.rangeQueries.values()]);
      kv.setWritesList(sortedValues(b.writes));
      kv.setMetadataWritesList(sortedValues(b.metadataWrites));
      const nsRwset = new rwset.NsReadWriteSet();
      nsRwset.setNamespace(ns);
      nsRwset.setRwset(serialisedKvRwset(kv));
      for (const [coll, c] of sortedEntries(b.collections)) {
        const hashed = new kvrwset.HashedRWSet();
        hashed.setHashedReadsList(sortedValues(c.reads));
        hashed.setHashedWritesList(sortedValues(c.writes));
        hashed.setMetadataWritesList(sortedValues(c.metadataWrites));
        const collRwset = new rwset.CollectionHashedReadWriteSet();
        collRwset.setCollectionName(coll);
        collRwset.setHashedRwset(serialisedHashedRwset(hashed));
        if (c.pvtRwsetHash) collRwset.setPvtRwsetHash(c.pvtRwsetHash);
        nsRwset.addCollectionHashedRwset(collRwset);
      }
      publicRwset.addNsRwset(nsRwset);
    }
    return { publicRwset, privateRwset };
  }

  /** Builds the private rwset first: each collection's bytes are hashed into the public one. */
  #buildPrivate(): ledger.rwset.TxPvtReadWriteSet | undefined {
    if (this.#pvt.size === 0) return undefined;
    const pvt = new rwset.TxPvtReadWriteSet();
    pvt.setDataModel(rwset.TxReadWriteSet.DataModel.KV);
    for (const [ns, collections] of sortedEntries(this.#pvt)) {
      const nsPvt = new rwset.NsPvtReadWriteSet();
      nsPvt.setNamespace(ns);
      for (const [coll, c] of sortedEntries(collections)) {
        const kv = new kvrwset.KVRWSet();
        kv.setWritesList(sortedValues(c.writes));
        kv.setMetadataWritesList(sortedValues(c.metadataWrites));
        const bytes = encodeKvRwset(kv);
        const collPvt = new rwset.CollectionPvtReadWriteSet();
        collPvt.setCollectionName(coll);
        collPvt.setRwset(bytes);
        nsPvt.addCollectionPvtRwset(collPvt);
        this.#collHashed(ns, coll).pvtRwsetHash = sha256(bytes);
      }
      pvt.addNsPvtRwset(nsPvt);
    }
    return pvt;
  }

  #nsPub(ns: string): NsPubBuilder {
    let b = this.#pub.get(ns);
    if (!b) {
      b = { reads: new Map(), writes: new Map(), metadataWrites: new Map(), rangeQueries: new Map(), collections: new Map() };
      this.#pub.set(ns, b);
    }
    return b;
  }

  #collHashed(ns: string, coll: string): CollHashedBuilder {
    const collections = this.#nsPub(ns).collections;
    let c = collections.get(coll);
    if (!c) {
      c = { reads: new Map(), writes: new Map(), metadataWrites: new Map() };
      collections.set(coll, c);
    }
    return c;
  }

  #collPvt(ns: string, coll: string): CollPvtBuilder {
    let collections = this.#pvt.get(ns);
    if (!collections) {
      collections = new Map();
      this.#pvt.set(ns, collections);
    }
    let c = collections.get(coll);
    if (!c) {
      c = { writes: new Map(), metadataWrites: new Map() };
      collections.set(coll, c);
    }
    return c;
  }
}

function sortedValues<V>(map: ReadonlyMap<string, V>): V[] {
  return sortedEntries(map).map(([, v]) => v);
}
