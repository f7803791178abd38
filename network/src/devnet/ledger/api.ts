import type { common, ledger, peer } from '@hyperledger/fabric-protos';

/** Height of a committed write: block number and position of the transaction in it. */
export interface Version {
  readonly blockNum: number;
  readonly txNum: number;
}

export interface KV {
  readonly namespace: string;
  readonly key: string;
  readonly value: Uint8Array;
}

export interface KeyModification {
  readonly txId: string;
  readonly value: Uint8Array;
  /** Timestamp of the transaction's channel header. */
  readonly timestamp: { readonly seconds: number; readonly nanos: number };
  readonly isDelete: boolean;
}

/** Iterator over committed results; close() releases it (the chaincode may stop early). */
export interface ResultsIterator<T> {
  next(): Promise<T | undefined>;
  close(): Promise<void>;
}

/** A paginated range: at most pageSize results, then the bookmark to continue from ('' when exhausted). */
export interface PaginatedResultsIterator<T> extends ResultsIterator<T> {
  /** Valid after next() returned undefined. */
  bookmark(): string;
  fetchedCount(): number;
}

/** State metadata entries, e.g. VALIDATION_PARAMETER for key-level endorsement. */
export type StateMetadata = ReadonlyMap<string, Uint8Array>;

/**
 * Reads committed state (no read-your-writes: writes of the running transaction are invisible to it, as in
 * Fabric) and records reads, range queries and writes into a read-write set.
 * Created per transaction proposal, for the view of one org's peer (its private data).
 */
export interface TxSimulator {
  readonly txId: string;
  getState(ns: string, key: string): Promise<Uint8Array | undefined>;
  /** Fabric's GetStateMultipleKeys: the values of many keys in one read, in their order, each in the read set. */
  getStateMultiple?(ns: string, keys: readonly string[]): Promise<(Uint8Array | undefined)[]>;
  getStateMetadata(ns: string, key: string): Promise<StateMetadata | undefined>;
  setState(ns: string, key: string, value: Uint8Array): void;
  deleteState(ns: string, key: string): void;
  setStateMetadata(ns: string, key: string, metadata: StateMetadata): void;
  /** [startKey, endKey); '' endKey means to the end of the namespace. Records a range query (phantom check). */
  getStateRange(ns: string, startKey: string, endKey: string): Promise<ResultsIterator<KV>>;
  /** Paginated; Fabric refuses writes in a transaction that ran a paginated query. */
  getStateRangeWithPagination(
    ns: string,
    startKey: string,
    endKey: string,
    pageSize: number,
  ): Promise<PaginatedResultsIterator<KV>>;

  getPrivateData(ns: string, collection: string, key: string): Promise<Uint8Array | undefined>;
  /** SHA-256 of the committed value, from hashed state (available on every peer). */
  getPrivateDataHash(ns: string, collection: string, key: string): Promise<Uint8Array | undefined>;
  getPrivateDataMetadata(ns: string, collection: string, key: string): Promise<StateMetadata | undefined>;
  setPrivateData(ns: string, collection: string, key: string, value: Uint8Array): void;
  deletePrivateData(ns: string, collection: string, key: string): void;
  purgePrivateData(ns: string, collection: string, key: string): void;
  setPrivateDataMetadata(ns: string, collection: string, key: string, metadata: StateMetadata): void;
  getPrivateDataRange(ns: string, collection: string, startKey: string, endKey: string): Promise<ResultsIterator<KV>>;

  /** Not recorded in the read set (Fabric's history query executor). */
  getHistoryForKey(ns: string, key: string): Promise<ResultsIterator<KeyModification>>;

  /**
   * Fabric's WritesetMetadata: the committed metadata of every key the simulation wrote, as it was when written.
   * Read before getResults(), which ends the simulation.
   */
  getWritesetMetadata?(): Promise<WritesetMetadata>;

  /** Ends simulation; the public rwset includes hashed private writes; the private rwset has the clear values. */
  getResults(): SimulationResults;
}

export interface SimulationResults {
  readonly publicRwset: ledger.rwset.TxReadWriteSet;
  /** undefined when no private data was written. */
  readonly privateRwset?: ledger.rwset.TxPvtReadWriteSet;
  /** Fabric's PrivateReads: the collections, by namespace, whose private values were read (a hash read is not one). */
  readonly privateReads?: PrivateReads;
}

/** Namespace → collections whose private values a simulation read. */
export type PrivateReads = ReadonlyMap<string, ReadonlySet<string>>;

/** Namespace → collection ('' for public state) → key written → that key's committed metadata (undefined: none). */
export type WritesetMetadata = ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, StateMetadata | undefined>>>;

/** Fabric's TxValidationCode enum value (google-protobuf enums are plain numbers). */
export type TxValidationCode = peer.TxValidationCodeMap[keyof peer.TxValidationCodeMap];

/** A block together with the private data each member org's peer stored for it. */
export interface CommittedBlock {
  readonly block: common.Block;
  /** TxValidationCode per transaction, as in the block's TRANSACTIONS_FILTER metadata. */
  readonly validationCodes: readonly TxValidationCode[];
}

export interface TxStatus {
  readonly blockNum: number;
  readonly txNum: number;
  readonly validationCode: TxValidationCode;
}

/** A channel's ledger as the peers of the devnet share it (public state is identical on every peer). */
export interface ChannelLedger {
  readonly channel: string;
  /** Number of committed blocks. */
  height(): number;
  getBlock(blockNum: number): Promise<common.Block | undefined>;
  getTxStatus(txId: string): TxStatus | undefined;
  newTxSimulator(txId: string, peerMspId: string): Promise<TxSimulator>;
  /**
   * Private data of a committed block that one org's peer holds, per transaction number, for
   * DeliverWithPrivateData (only collections that org is a member of).
   */
  getPrivateData(blockNum: number, peerMspId: string): Promise<ReadonlyMap<number, ledger.rwset.TxPvtReadWriteSet>>;
  /** Called after each block is durably committed (block fsynced, state applied), in block order. */
  onCommit(listener: (committed: CommittedBlock) => void): () => void;
}

/** The committer's side of a channel ledger (Fabric kvledger + transient store). */
export interface PeerLedger extends ChannelLedger {
  /** Committed metadata of a public key (Fabric's QueryExecutor.GetStateMetadata), for key-level validation. */
  getStateMetadata(ns: string, key: string): Promise<StateMetadata | undefined>;
  /** Committed metadata of a private key, by the key's hash (every peer has hashed state). */
  getPrivateDataMetadataByHash(ns: string, collection: string, keyHash: Uint8Array): Promise<StateMetadata | undefined>;
  /**
   * Runs MVCC and phantom-read checks on the transactions still marked VALID in codes (the txvalidator has
   * set the others), writes the final TRANSACTIONS_FILTER into the block metadata, appends the block and
   * fsyncs it, then applies public, hashed and private writes, history and BlockToLive expiry.
   * Resolves once durable; blocks must be committed in order.
   */
  commit(block: common.Block, codes: readonly TxValidationCode[]): Promise<CommittedBlock>;
  /** Endorsement-time private data, held until the transaction commits (Fabric's transient store). */
  persistTransientData(txId: string, privateRwset: ledger.rwset.TxPvtReadWriteSet): void;
  close(): Promise<void>;
}
