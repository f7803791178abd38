import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { common, type ledger } from '@hyperledger/fabric-protos';
import type { ChaincodeRegistry } from '../lifecycle/api';
import type { CommittedBlock, PeerLedger, StateMetadata, TxSimulator, TxStatus, TxValidationCode } from './api';
import { BlockFile } from './block-file';
import { parseTxs } from './block-txs';
import { Collections } from './collections';
import { commitHashOf, nextCommitHash, setCommitHash } from './commit-hash';
import { LedgerError } from './errors';
import { HistoryIterator } from './history';
import { syncLifecycleState } from './lifecycle-state';
import { stateKeys } from './keys';
import { KeyValueDB } from './kv-db';
import { decodeVersionedValue } from './encoding';
import { deserializeMetadata } from './metadata';
import { MetadataIndex } from './metadata-index';
import { prepareBlock } from './prepare-block';
import { collectBlockPvtData } from './private-data';
import { assemble, PvtStore } from './pvt-store';
import { blockPvtDataOf } from './pvt-retrieval';
import { SimulationResources } from './simulation-resources';
import { StateReads } from './state-reads';
import { setTransactionsFilter, transactionsFilter } from './transactions-filter';
import { TransientStore } from './transient-store';
import { hashKey } from './updates';
import { loadTxIndex } from './tx-index';
import { LedgerTxSimulator } from './tx-simulator';

export interface PeerLedgerOptions {
  readonly dir: string;
  readonly channel: string;
  readonly registry: ChaincodeRegistry;
  /** The channel's peer orgs; each keeps the private data of the collections it is a member of. */
  readonly peerMspIds: readonly string[];
}

interface Stores {
  readonly blocks: BlockFile;
  readonly state: KeyValueDB;
  readonly pvt: PvtStore;
  readonly pvtDb: KeyValueDB;
}

/**
 * Opens (or creates) a channel's ledger under dir: the block file, the state database (rebuilt from the
 * blocks when it is missing or behind) and the private data store.
 */
export async function openPeerLedger(options: PeerLedgerOptions): Promise<PeerLedger> {
  await mkdir(options.dir, { recursive: true });
  const blocks = await BlockFile.open(path.join(options.dir, 'blockfile'));
  const state = await KeyValueDB.open(path.join(options.dir, 'statedb'));
  const pvtDb = await KeyValueDB.open(path.join(options.dir, 'pvtdatastore'));
  const ledger = new KvLedger(options, { blocks, state, pvt: new PvtStore(pvtDb), pvtDb });
  try {
    await ledger.recover();
  } catch (err) {
    await ledger.close();
    throw err;
  }
  return ledger;
}

/**
 * Fabric's kvledger for one channel, shared by the devnet's peers: one block store and one public and hashed
 * state, private state per org. A commit validates MVCC, stores private data, appends and fsyncs the block,
 * then applies the state in one LevelDB batch (not fsynced: after a crash the savepoint tells which blocks to
 * replay, as Fabric recovers).
 */
class KvLedger implements PeerLedger {
  readonly channel: string;
  readonly #stores: Stores;
  readonly #collections: Collections;
  readonly #registry: ChaincodeRegistry;
  readonly #dir: string;
  readonly #peerMspIds: readonly string[];
  readonly #transient = new TransientStore();
  readonly #reads = new StateReads();
  readonly #listeners: ((committed: CommittedBlock) => void)[] = [];
  #txIndex = new Map<string, TxStatus>();
  /** Set by recover(), before any other use. */
  #metadata!: MetadataIndex;
  #height = 0;
  /** The last block's commit hash: the next one chains from it. */
  #commitHash: Uint8Array = new Uint8Array(0);
  #commits: Promise<unknown> = Promise.resolve();
  /** Set when a commit failed halfway: the state no longer follows the blocks until a reopen replays them. */
  #broken: Error | undefined;
  #closed = false;

  constructor(options: PeerLedgerOptions, stores: Stores) {
    this.channel = options.channel;
    this.#stores = stores;
    this.#peerMspIds = options.peerMspIds;
    this.#registry = options.registry;
    this.#dir = options.dir;
    this.#collections = new Collections(options.registry, options.channel, options.peerMspIds);
  }

  /** Brings the state up to the block store: Fabric's recoverDBs / syncStateAndHistoryDBWithBlockstore. */
  async recover(): Promise<void> {
    const { blocks, state, pvt } = this.#stores;
    await pvt.truncate(blocks.height);
    const savepoint = await state.savepoint();
    let next = savepoint === undefined ? 0 : savepoint + 1;
    if (next === 0 || next > blocks.height) {
      // No savepoint (new or damaged state) or a state ahead of the blocks: rebuild all of it.
      await state.clear();
      next = 0;
    }
    this.#txIndex = await loadTxIndex(state);
    this.#metadata = await MetadataIndex.load(state);
    for (let blockNum = next; blockNum < blocks.height; blockNum++) await this.#replay(blockNum);
    this.#height = blocks.height;
    if (this.#height > 0) this.#commitHash = commitHashOf(await this.getBlock(this.#height - 1));
    await syncLifecycleState(state, path.join(this.#dir, 'lifecycle.json'), this.#registry, this.channel, this.#height);
  }

  height(): number {
    return this.#height;
  }

  async getBlock(blockNum: number): Promise<common.Block | undefined> {
    if (!Number.isInteger(blockNum) || blockNum < 0 || blockNum >= this.#height) return undefined;
    const bytes = await this.#stores.blocks.read(blockNum);
    return bytes && common.Block.deserializeBinary(bytes);
  }

  getTxStatus(txId: string): TxStatus | undefined {
    return this.#txIndex.get(txId);
  }

  async getStateMetadata(ns: string, key: string): Promise<StateMetadata | undefined> {
    this.#checkOpen();
    return deserializeMetadata((await this.#stores.state.getVersioned(stateKeys.public(ns, key)))?.metadata);
  }

  async getPrivateDataMetadataByHash(ns: string, collection: string, keyHash: Uint8Array): Promise<StateMetadata | undefined> {
    this.#checkOpen();
    return deserializeMetadata((await this.#stores.state.getVersioned(stateKeys.hashed(ns, collection, keyHash)))?.metadata);
  }

  /**
   * getStateMetadata of many keys in one LevelDB call, in their order; a key the metadata index does not name has
   * none, without a read. Validation asks this of every key a block writes; the values are kept for that block's
   * commit.
   */
  async getStateMetadataMany(ns: string, keys: readonly string[]): Promise<(StateMetadata | undefined)[]> {
    this.#checkOpen();
    return this.#metadataMany(ns, '', keys, (key) => key, (key) => stateKeys.public(ns, key));
  }

  /** getPrivateDataMetadataByHash of many key hashes in one LevelDB call, in their order; as above. */
  async getPrivateDataMetadataByHashMany(ns: string, collection: string, keyHashes: readonly Uint8Array[]): Promise<(StateMetadata | undefined)[]> {
    this.#checkOpen();
    return this.#metadataMany(ns, collection, keyHashes, hashKey, (keyHash) => stateKeys.hashed(ns, collection, keyHash));
  }

  async #metadataMany<K>(ns: string, coll: string, keys: readonly K[], name: (key: K) => string, dbKey: (key: K) => Buffer): Promise<(StateMetadata | undefined)[]> {
    const token = this.#reads.token();
    const names = keys.map(name);
    const indexed = names.flatMap((n, i) => (this.#metadata.mayHave(ns, coll, n) ? [i] : []));
    const values = await this.#stores.state.getMany(indexed.map((i) => dbKey(keys[i])));
    const metadata: (StateMetadata | undefined)[] = keys.map(() => undefined);
    indexed.forEach((i, j) => (metadata[i] = this.#kept(token, ns, coll, names[i], values[j])));
    return metadata;
  }

  #kept(token: number | undefined, ns: string, coll: string, key: string, bytes: Buffer | undefined): StateMetadata | undefined {
    const value = bytes ? decodeVersionedValue(bytes) : undefined;
    this.#reads.record(token, ns, coll, key, value);
    return deserializeMetadata(value?.metadata);
  }

  async newTxSimulator(txId: string, peerMspId: string): Promise<TxSimulator> {
    this.#checkOpen();
    const { state } = this.#stores;
    const resources = new SimulationResources(state.snapshot());
    const simulator = new LedgerTxSimulator(
      txId,
      {
        db: state,
        collections: this.#collections,
        peerMspId,
        metadataIndex: this.#metadata,
        history: (snapshot, ns, key) => new HistoryIterator(state, snapshot, ns, key, (n) => this.getBlock(n)),
      },
      resources,
    );
    resources.releaseWhenCollected(simulator);
    return simulator;
  }

  async getPrivateData(blockNum: number, peerMspId: string): Promise<ReadonlyMap<number, ledger.rwset.TxPvtReadWriteSet>> {
    if (blockNum >= this.#height) return new Map();
    const { pvt, state } = this.#stores;
    return blockPvtDataOf(pvt, state, this.#collections, blockNum, peerMspId, this.#height - 1);
  }

  onCommit(listener: (committed: CommittedBlock) => void): () => void {
    this.#listeners.push(listener);
    return () => {
      const i = this.#listeners.indexOf(listener);
      if (i >= 0) this.#listeners.splice(i, 1);
    };
  }

  persistTransientData(txId: string, privateRwset: ledger.rwset.TxPvtReadWriteSet): void {
    this.#transient.persist(txId, privateRwset, this.#height);
  }

  commit(block: common.Block, codes: readonly TxValidationCode[]): Promise<CommittedBlock> {
    // One block at a time, in the order commit() is called.
    const result = this.#commits.then(() => this.#commit(block, codes));
    this.#commits = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#commits;
    const { blocks, state, pvtDb } = this.#stores;
    await Promise.allSettled([blocks.close(), state.close(), pvtDb.close()]);
  }

  async #commit(block: common.Block, codes: readonly TxValidationCode[]): Promise<CommittedBlock> {
    this.#checkOpen();
    if (this.#broken) throw new LedgerError(`ledger of channel ${this.channel} needs a restart: ${this.#broken.message}`);
    const blockNum = block.getHeader()?.getNumber();
    if (blockNum !== this.#height) throw new LedgerError(`block number should have been ${this.#height} but was ${blockNum}`);
    const envelopes = block.getData()?.getDataList_asU8() ?? [];
    if (codes.length !== envelopes.length) {
      throw new LedgerError(`block ${blockNum} has ${envelopes.length} transactions but ${codes.length} validation codes`);
    }
    const finalCodes = [...codes];
    const txs = parseTxs(envelopes, finalCodes);
    const prepared = await prepareBlock({
      blockNum,
      txs,
      codes: finalCodes,
      validate: true,
      db: this.#stores.state,
      known: this.#reads.take(),
      metadataIndex: this.#metadata,
      collections: this.#collections,
      channelMspIds: this.#peerMspIds,
      pvtData: async (validTxs) => collectBlockPvtData(validTxs, (txId) => this.#transient.get(txId), this.#collections),
      isIndexed: (txId) => this.#txIndex.has(txId),
    });
    setTransactionsFilter(block, finalCodes);
    // As Fabric: the chain of commit hashes starts at block 1, for a ledger that has committed every block since.
    if (blockNum === 1 || this.#commitHash.length > 0) {
      this.#commitHash = nextCommitHash(block, prepared.updateBytes, this.#commitHash);
      setCommitHash(block, this.#commitHash);
    }
    const { blocks, state, pvt } = this.#stores;
    await pvt.commit(blockNum, prepared.pvtData, (ns, coll) => this.#collections.expiringBlock(ns, coll, blockNum));
    await blocks.append(block.serializeBinary());
    try {
      await this.#reads.writing(() => state.write(prepared.ops, false));
    } catch (err) {
      this.#broken = err as Error;
      throw err;
    }
    for (const [txId, status] of prepared.statuses) this.#txIndex.set(txId, status);
    this.#height = blockNum + 1;
    this.#transient.purge(txs.flatMap((tx) => (tx ? [tx.txId] : [])), this.#height);
    const committed: CommittedBlock = { block, validationCodes: finalCodes };
    this.#notify(committed);
    return committed;
  }

  /** Re-applies a committed block to the state: its codes are final and its private data is in the store. */
  async #replay(blockNum: number): Promise<void> {
    const { blocks, state, pvt } = this.#stores;
    const block = common.Block.deserializeBinary((await blocks.read(blockNum))!);
    const envelopes = block.getData()?.getDataList_asU8() ?? [];
    const codes = transactionsFilter(block);
    if (codes.length !== envelopes.length) throw new LedgerError(`block ${blockNum} in the block file has no transactions filter`);
    const prepared = await prepareBlock({
      blockNum,
      txs: parseTxs(envelopes, codes),
      codes,
      validate: false,
      db: state,
      metadataIndex: this.#metadata,
      collections: this.#collections,
      channelMspIds: this.#peerMspIds,
      pvtData: async () => assemble(await pvt.read(blockNum)),
      isIndexed: (txId) => this.#txIndex.has(txId),
    });
    await this.#reads.writing(() => state.write(prepared.ops, false));
    for (const [txId, status] of prepared.statuses) this.#txIndex.set(txId, status);
  }

  /** Listeners run after the block is durable; one failing does not stop the others or undo the commit. */
  #notify(committed: CommittedBlock): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(committed);
      } catch (err) {
        process.emitWarning(`ledger ${this.channel}: commit listener failed: ${(err as Error).message}`);
      }
    }
  }

  #checkOpen(): void {
    if (this.#closed) throw new LedgerError(`ledger of channel ${this.channel} is closed`);
  }
}
