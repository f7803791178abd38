import type {
  KeyModification,
  KV,
  PaginatedResultsIterator,
  ResultsIterator,
  SimulationResults,
  StateMetadata,
  TxSimulator,
  WritesetMetadata,
} from './api';
import type { Collections } from './collections';
import { PvtdataNotAvailableError, SimulationError } from './errors';
import { stateKeys } from './keys';
import type { KeyValueDB, Snapshot } from './kv-db';
import { decodeVersionedValue } from './encoding';
import { deserializeMetadata } from './metadata';
import { addKey, type KeySets } from './key-sets';
import type { MetadataIndex } from './metadata-index';
import { sha256 } from './ordering';
import { hashKey } from './updates';
import { PrivateRangeIterator, RangeScanIterator } from './range-iterators';
import { RWSetBuilder } from './rwset-builder';
import { SimulationResources } from './simulation-resources';
import { formatVersion, sameVersion } from './version';

export interface SimulatorContext {
  readonly db: KeyValueDB;
  readonly collections: Collections;
  /** The org whose peer simulates: its private state is the one read. */
  readonly peerMspId: string;
  /** Keys that may have metadata: the others written need no lookup of it. */
  readonly metadataIndex: MetadataIndex;
  readonly history: (snapshot: Snapshot, ns: string, key: string) => ResultsIterator<KeyModification>;
}

const EMPTY = new Uint8Array(0);

/**
 * Fabric's lockbased txSimulator. Every read goes to one LevelDB snapshot taken when the simulator was
 * created, so a simulation never sees part of a block — what Fabric gets from holding the commit lock for
 * reading, without making commits wait. Writes only go into the read-write set: reads never see them.
 * Error texts are Fabric's.
 */
export class LedgerTxSimulator implements TxSimulator {
  readonly #ctx: SimulatorContext;
  readonly #resources: SimulationResources;
  readonly #builder = new RWSetBuilder();
  readonly #rangeScans: RangeScanIterator[] = [];
  /** Fabric's PrivateReads: collections whose private values were read, by namespace. */
  readonly #privateReads = new Map<string, Set<string>>();
  /** Keys written, by namespace and collection ('' for public state), for the writeset metadata. */
  readonly #written: KeySets = new Map();
  /** The committed metadata of keys read (public state, and hashed state for collections), by namespace and collection. */
  readonly #readMetadata = new Map<string, Map<string, Map<string, Uint8Array | undefined>>>();
  #writePerformed = false;
  #pvtdataQueriesPerformed = false;
  #paginatedQueriesPerformed = false;
  #resultsComputed = false;

  constructor(
    readonly txId: string,
    ctx: SimulatorContext,
    resources: SimulationResources,
  ) {
    this.#ctx = ctx;
    this.#resources = resources;
  }

  async getState(ns: string, key: string): Promise<Uint8Array | undefined> {
    return (await this.#readPublic(ns, key))?.value;
  }

  async getStateMultiple(ns: string, keys: readonly string[]): Promise<(Uint8Array | undefined)[]> {
    const values = await this.#ctx.db.getMany(keys.map((key) => stateKeys.public(ns, key)), this.#snapshot());
    const read = this.#readMetadataOf(ns, '');
    return values.map((bytes, i) => {
      const vv = bytes ? decodeVersionedValue(bytes) : undefined;
      this.#builder.addToReadSet(ns, keys[i], vv?.version);
      read.set(keys[i], vv?.metadata);
      return vv?.value;
    });
  }

  async getStateMetadata(ns: string, key: string): Promise<StateMetadata | undefined> {
    return deserializeMetadata((await this.#readPublic(ns, key))?.metadata);
  }

  setState(ns: string, key: string, value: Uint8Array): void {
    this.#checkWritePrecondition();
    this.#builder.addToWriteSet(ns, key, value);
    this.#noteWrite(ns, '', key);
  }

  deleteState(ns: string, key: string): void {
    this.setState(ns, key, EMPTY);
  }

  setStateMetadata(ns: string, key: string, metadata: StateMetadata): void {
    this.#checkWritePrecondition();
    this.#builder.addToMetadataWriteSet(ns, key, metadata);
    this.#noteWrite(ns, '', key);
  }

  async getStateRange(ns: string, startKey: string, endKey: string): Promise<ResultsIterator<KV>> {
    return this.#rangeScan(ns, startKey, endKey, 0);
  }

  async getStateRangeWithPagination(ns: string, startKey: string, endKey: string, pageSize: number): Promise<PaginatedResultsIterator<KV>> {
    if (this.#writePerformed) {
      throw new SimulationError(`txid [${this.txId}]: unsuppored transaction. Paginated queries are supported only in a read-only transaction`);
    }
    this.#paginatedQueriesPerformed = true;
    return this.#rangeScan(ns, startKey, endKey, pageSize);
  }

  /**
   * The private value only when this peer's copy has the version the hashed state has: on a peer that is not
   * a member (or that missed the data), a key that exists fails, as on Fabric.
   */
  async getPrivateData(ns: string, coll: string, key: string): Promise<Uint8Array | undefined> {
    this.#ctx.collections.validate(ns, coll);
    const snapshot = this.#snapshot();
    const [pvt, hashed] = await Promise.all([
      this.#ctx.db.getVersioned(stateKeys.private(this.#ctx.peerMspId, ns, coll, key), snapshot),
      this.#ctx.db.getVersioned(stateKeys.hashed(ns, coll, sha256(key)), snapshot),
    ]);
    if (!sameVersion(hashed?.version, pvt?.version)) {
      throw new PvtdataNotAvailableError(
        `private data matching public hash version is not available. Public hash version = ${formatVersion(hashed?.version)}, Private data version = ${formatVersion(pvt?.version)}`,
      );
    }
    this.#builder.addToHashedReadSet(ns, coll, key, pvt?.version);
    this.#readMetadataOf(ns, coll).set(key, hashed?.metadata);
    let collections = this.#privateReads.get(ns);
    if (!collections) this.#privateReads.set(ns, (collections = new Set()));
    collections.add(coll);
    return pvt?.value;
  }

  async getPrivateDataHash(ns: string, coll: string, key: string): Promise<Uint8Array | undefined> {
    return (await this.#readHashed(ns, coll, key))?.value;
  }

  async getPrivateDataMetadata(ns: string, coll: string, key: string): Promise<StateMetadata | undefined> {
    return deserializeMetadata((await this.#readHashed(ns, coll, key))?.metadata);
  }

  setPrivateData(ns: string, coll: string, key: string, value: Uint8Array): void {
    this.#ctx.collections.validate(ns, coll);
    this.#checkWritePrecondition();
    this.#builder.addToPvtAndHashedWriteSet(ns, coll, key, value);
    this.#noteWrite(ns, coll, key);
  }

  deletePrivateData(ns: string, coll: string, key: string): void {
    this.setPrivateData(ns, coll, key, EMPTY);
  }

  purgePrivateData(ns: string, coll: string, key: string): void {
    this.#ctx.collections.validate(ns, coll);
    this.#checkWritePrecondition();
    this.#builder.addToPvtAndHashedWriteSetForPurge(ns, coll, key);
    this.#noteWrite(ns, coll, key);
  }

  setPrivateDataMetadata(ns: string, coll: string, key: string, metadata: StateMetadata): void {
    this.#ctx.collections.validate(ns, coll);
    this.#checkWritePrecondition();
    this.#builder.addToHashedMetadataWriteSet(ns, coll, key, metadata);
    this.#noteWrite(ns, coll, key);
  }

  async getPrivateDataRange(ns: string, coll: string, startKey: string, endKey: string): Promise<ResultsIterator<KV>> {
    if (this.#writePerformed) {
      throw new SimulationError(`txid [${this.txId}]: unsuppored transaction. Queries on pvt data is supported only in a read-only transaction`);
    }
    this.#pvtdataQueriesPerformed = true;
    this.#ctx.collections.validate(ns, coll);
    const snapshot = this.#snapshot();
    const range = stateKeys.privateRange(this.#ctx.peerMspId, ns, coll, startKey, endKey);
    const prefixLength = stateKeys.privatePrefix(this.#ctx.peerMspId, ns, coll).length;
    return this.#resources.track(new PrivateRangeIterator({ db: this.#ctx.db, snapshot, range, prefixLength }, ns));
  }

  async getHistoryForKey(ns: string, key: string): Promise<ResultsIterator<KeyModification>> {
    return this.#resources.track(this.#ctx.history(this.#snapshot(), ns, key));
  }

  /**
   * The committed metadata of each key written (Fabric's txSimulator looks it up at every write, for the
   * chaincode interest's key-level policies): public keys from public state, private ones from hashed state. A key
   * the simulation read is not looked up again: every read is of the same snapshot. A key the metadata index does not
   * name has none.
   */
  async getWritesetMetadata(): Promise<WritesetMetadata> {
    const snapshot = this.#snapshot();
    const result = new Map<string, Map<string, Map<string, StateMetadata | undefined>>>();
    for (const [ns, collections] of this.#written) {
      const byCollection = new Map<string, Map<string, StateMetadata | undefined>>();
      result.set(ns, byCollection);
      for (const [coll, keys] of collections) {
        const read = this.#readMetadata.get(ns)?.get(coll);
        const metadata = new Map<string, StateMetadata | undefined>();
        const unread: string[] = [];
        const dbKeys: Buffer[] = [];
        for (const key of keys) {
          if (read?.has(key)) {
            metadata.set(key, deserializeMetadata(read.get(key)));
            continue;
          }
          // Set now, so that the keys keep the order they were written in.
          metadata.set(key, undefined);
          const keyHash = coll === '' ? undefined : sha256(key);
          if (!this.#ctx.metadataIndex.mayHave(ns, coll, keyHash ? hashKey(keyHash) : key)) continue;
          unread.push(key);
          dbKeys.push(keyHash ? stateKeys.hashed(ns, coll, keyHash) : stateKeys.public(ns, key));
        }
        const values = await this.#ctx.db.getMany(dbKeys, snapshot);
        for (let i = 0; i < unread.length; i++) {
          if (values[i]) metadata.set(unread[i], deserializeMetadata(decodeVersionedValue(values[i]!).metadata));
        }
        byCollection.set(coll, metadata);
      }
    }
    return result;
  }

  /** Ends the simulation (Fabric's GetTxSimulationResults followed by Done): iterators and snapshot are released. */
  getResults(): SimulationResults {
    if (this.#resultsComputed) throw new SimulationError('this function should only be called once on a transaction simulator instance');
    this.#resultsComputed = true;
    for (const scan of this.#rangeScans) this.#builder.addToRangeQuerySet(scan.namespace, scan.rangeQueryInfo());
    const results = this.#builder.getTxSimulationResults();
    this.#resources.release();
    return { ...results, privateReads: this.#privateReads };
  }

  async #readPublic(ns: string, key: string) {
    const vv = await this.#ctx.db.getVersioned(stateKeys.public(ns, key), this.#snapshot());
    this.#builder.addToReadSet(ns, key, vv?.version);
    this.#readMetadataOf(ns, '').set(key, vv?.metadata);
    return vv;
  }

  async #readHashed(ns: string, coll: string, key: string) {
    this.#ctx.collections.validate(ns, coll);
    const vv = await this.#ctx.db.getVersioned(stateKeys.hashed(ns, coll, sha256(key)), this.#snapshot());
    this.#builder.addToHashedReadSet(ns, coll, key, vv?.version);
    this.#readMetadataOf(ns, coll).set(key, vv?.metadata);
    return vv;
  }

  #readMetadataOf(ns: string, coll: string): Map<string, Uint8Array | undefined> {
    let collections = this.#readMetadata.get(ns);
    if (!collections) this.#readMetadata.set(ns, (collections = new Map()));
    let keys = collections.get(coll);
    if (!keys) collections.set(coll, (keys = new Map()));
    return keys;
  }

  #noteWrite(ns: string, coll: string, key: string): void {
    addKey(this.#written, ns, coll, key);
  }

  #rangeScan(ns: string, startKey: string, endKey: string, pageSize: number): RangeScanIterator {
    const snapshot = this.#snapshot();
    const range = stateKeys.publicRange(ns, startKey, endKey);
    const prefixLength = stateKeys.publicPrefix(ns).length;
    const scan = new RangeScanIterator({ db: this.#ctx.db, snapshot, range, prefixLength }, ns, startKey, endKey, pageSize);
    this.#rangeScans.push(scan);
    return this.#resources.track(scan);
  }

  #snapshot(): Snapshot {
    const snapshot = this.#resources.snapshot;
    if (!snapshot) throw new SimulationError('this instance should not be used after calling Done()');
    return snapshot;
  }

  #checkWritePrecondition(): void {
    this.#snapshot();
    if (this.#pvtdataQueriesPerformed) {
      throw new SimulationError(
        `txid [${this.txId}]: unsuppored transaction. Transaction has already performed queries on pvt data. Writes are not allowed`,
      );
    }
    if (this.#paginatedQueriesPerformed) {
      throw new SimulationError(
        `txid [${this.txId}]: unsuppored transaction. Transaction has already performed a paginated query. Writes are not allowed`,
      );
    }
    this.#writePerformed = true;
  }
}
