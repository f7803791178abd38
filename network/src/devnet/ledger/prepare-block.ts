import { peer } from '@hyperledger/fabric-protos';
import type { TxStatus, TxValidationCode } from './api';
import type { BlockTx } from './block-txs';
import type { Collections } from './collections';
import { updateBatchBytes } from './commit-hash';
import { CommittedState, type StateValues } from './committed-state';
import { encodeUint64 } from './encoding';
import { applyExpiry, scheduleExpiry } from './expiry';
import { historyOps } from './history';
import type { MetadataIndex } from './metadata-index';
import { stateKeys } from './keys';
import type { BatchOp, KeyValueDB } from './kv-db';
import { readKeys, validateTx } from './mvcc';
import { applyPrivateWrites } from './private-writes';
import type { BlockPvtData } from './pvt-store';
import { encodeTxStatus } from './tx-index';
import { applyWriteSet, writtenKeys } from './tx-ops';
import { BlockUpdates } from './updates';

const VALID = peer.TxValidationCode.VALID;

export interface PrepareBlockInput {
  readonly blockNum: number;
  /** Parsed transactions; undefined where the envelope could not be parsed. */
  readonly txs: readonly (BlockTx | undefined)[];
  /** Codes so far; updated in place by MVCC validation. */
  readonly codes: TxValidationCode[];
  /** false when replaying committed blocks: their codes are final. */
  readonly validate: boolean;
  readonly db: KeyValueDB;
  /** Values of that database's public and hashed state read already, as CommittedState takes them. */
  readonly known?: StateValues;
  /** The keys of that state that may have metadata; it takes in the block's updates. */
  readonly metadataIndex: MetadataIndex;
  readonly collections: Collections;
  readonly channelMspIds: readonly string[];
  /** Private data for the block's valid transactions, per org. */
  readonly pvtData: (validTxs: readonly BlockTx[]) => Promise<BlockPvtData>;
  /** Whether a transaction id already has a status (the index keeps its first occurrence, as Fabric's). */
  readonly isIndexed: (txId: string) => boolean;
}

export interface PreparedBlock {
  /** The state-database batch: state, history, tx index, expiry schedule, purge markers and savepoint. */
  readonly ops: BatchOp[];
  readonly pvtData: BlockPvtData;
  /** Statuses of transaction ids first seen in this block. */
  readonly statuses: ReadonlyMap<string, TxStatus>;
  /** Fabric's deterministic bytes of the block's public and hashed updates, for the commit hash. */
  readonly updateBytes: Uint8Array;
}

/**
 * Fabric's txmgr ValidateAndPrepare for one block: MVCC-validates the transactions still valid (each against
 * committed state plus the writes of the block's earlier valid ones), then turns the valid ones' writes into
 * one state-database batch ending with the savepoint.
 */
export async function prepareBlock(input: PrepareBlockInput): Promise<PreparedBlock> {
  const { blockNum, txs, codes, db } = input;
  const committed = new CommittedState(db, input.known);
  const candidates = txs.filter((tx): tx is BlockTx => tx !== undefined && codes[tx.txNum] === VALID);
  // The keys MVCC validation reads, and those the writes are merged with (a write keeps a key's metadata), in one
  // LevelDB call rather than one per key.
  const rwsets = candidates.map((tx) => tx.rwset ?? []);
  const mayHaveMetadata = (ns: string, coll: string, key: string) => input.metadataIndex.mayHave(ns, coll, key);
  await committed.preload((sink) => {
    if (input.validate) readKeys(rwsets, sink);
    writtenKeys(rwsets, sink, mayHaveMetadata);
  });
  const updates = new BlockUpdates();
  const ops: BatchOp[] = [];
  for (const tx of candidates) {
    if (!tx.rwset) continue;
    if (input.validate) codes[tx.txNum] = await validateTx(tx.rwset, updates, committed, db);
    if (codes[tx.txNum] !== VALID) continue;
    await applyWriteSet(updates, tx.rwset, { blockNum, txNum: tx.txNum }, committed, mayHaveMetadata);
    ops.push(...historyOps(blockNum, tx));
  }
  // What the commit hash covers: the valid transactions' own writes, before private data and expiry join the batch.
  const updateBytes = updateBatchBytes(updates);
  const validTxs = candidates.filter((tx) => codes[tx.txNum] === VALID);
  const pvtData = await input.pvtData(validTxs);
  ops.push(...(await applyPrivateWrites(updates, blockNum, validTxs, pvtData, input.channelMspIds, db)));
  ops.push(...(await applyExpiry(updates, blockNum, input.channelMspIds, committed, db)));
  ops.push(...scheduleExpiry(updates, blockNum, input.collections));
  ops.push(...input.metadataIndex.record(updates, blockNum));
  ops.push(...updates.toBatch());

  const statuses = new Map<string, TxStatus>();
  for (const tx of txs) {
    if (!tx?.txId || statuses.has(tx.txId) || input.isIndexed(tx.txId)) continue;
    const status = { blockNum, txNum: tx.txNum, validationCode: codes[tx.txNum] };
    statuses.set(tx.txId, status);
    ops.push({ type: 'put', key: stateKeys.txId(tx.txId), value: encodeTxStatus(status) });
  }
  ops.push({ type: 'put', key: stateKeys.savepoint, value: encodeUint64(blockNum) });
  return { ops, pvtData, statuses, updateBytes };
}
