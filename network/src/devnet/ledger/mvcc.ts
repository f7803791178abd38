import { peer, type ledger } from '@hyperledger/fabric-protos';
import type { TxValidationCode, Version } from './api';
import type { NsRwset } from './block-txs';
import { combinedRange } from './combined-range';
import type { CommittedState, KeySink } from './committed-state';
import type { KeyValueDB } from './kv-db';
import { RangeQueryResultsHelper } from './range-query-results';
import { newKVRead } from './rwset-builder';
import { collSpace, hashKey, type BlockUpdates } from './updates';
import { sameVersion } from './version';

const Code = peer.TxValidationCode;

function versionOf(v: ledger.rwset.kvrwset.Version | undefined): Version | undefined {
  return v ? { blockNum: v.getBlockNum(), txNum: v.getTxNum() } : undefined;
}

/**
 * Fabric's state-based validator for one transaction, against committed state and the updates of the block's
 * earlier valid transactions: a read whose key an earlier transaction of the block wrote, or whose version is
 * not the committed one, is an MVCC_READ_CONFLICT; a range query whose results differ when run again is a
 * PHANTOM_READ_CONFLICT; hashed (private) reads are checked like public ones. Namespaces in rwset order.
 */
export async function validateTx(
  rwset: readonly NsRwset[],
  updates: BlockUpdates,
  committed: CommittedState,
  db: KeyValueDB,
): Promise<TxValidationCode> {
  for (const ns of rwset) {
    const name = ns.namespace;
    for (const read of ns.kv.getReadsList()) {
      if (updates.public.has(name, read.getKey())) return Code.MVCC_READ_CONFLICT;
      if (!sameVersion(await committed.publicVersion(name, read.getKey()), versionOf(read.getVersion()))) {
        return Code.MVCC_READ_CONFLICT;
      }
    }
    for (const query of ns.kv.getRangeQueriesInfoList()) {
      if (!(await rangeQueryStillValid(db, updates, name, query))) return Code.PHANTOM_READ_CONFLICT;
    }
    for (const c of ns.collections) {
      for (const read of c.hashed.getHashedReadsList()) {
        const keyHash = hashKey(read.getKeyHash_asU8());
        if (updates.hashed.has(collSpace(name, c.collection), keyHash)) return Code.MVCC_READ_CONFLICT;
        if (!sameVersion(await committed.hashedVersion(name, c.collection, keyHash), versionOf(read.getVersion()))) {
          return Code.MVCC_READ_CONFLICT;
        }
      }
    }
  }
  return Code.VALID;
}

/** Every key read by the block's transactions, to load their committed versions at once. */
export function readKeys(rwsets: readonly (readonly NsRwset[])[], sink: KeySink): void {
  for (const rwset of rwsets) {
    for (const ns of rwset) {
      for (const read of ns.kv.getReadsList()) sink.public(ns.namespace, read.getKey());
      for (const c of ns.collections) {
        for (const read of c.hashed.getHashedReadsList()) sink.hashed(ns.namespace, c.collection, hashKey(read.getKeyHash_asU8()));
      }
    }
  }
}

async function rangeQueryStillValid(
  db: KeyValueDB,
  updates: BlockUpdates,
  ns: string,
  query: ledger.rwset.kvrwset.RangeQueryInfo,
): Promise<boolean> {
  const results = combinedRange(db, updates.public, ns, query.getStartKey(), query.getEndKey(), !query.getItrExhausted());
  try {
    const summary = query.getReadsMerkleHashes();
    return summary ? await sameMerkleSummary(results, summary) : await sameRawReads(results, query.getRawReads()?.getKvReadsList() ?? []);
  } finally {
    await results.return(undefined);
  }
}

async function sameRawReads(results: AsyncGenerator<{ key: string; version: Version }>, reads: ledger.rwset.kvrwset.KVRead[]): Promise<boolean> {
  for (const read of reads) {
    const { value, done } = await results.next();
    if (done || value.key !== read.getKey() || !sameVersion(value.version, versionOf(read.getVersion()))) return false;
  }
  return (await results.next()).done === true;
}

/**
 * Rebuilds the Merkle tree from the current results and compares it, level hash by level hash, with the one
 * recorded at simulation (Fabric's rangeQueryHashValidator), stopping at the first difference.
 */
async function sameMerkleSummary(
  results: AsyncGenerator<{ key: string; version: Version }>,
  recorded: ledger.rwset.kvrwset.QueryReadsMerkleSummary,
): Promise<boolean> {
  const helper = new RangeQueryResultsHelper(recorded.getMaxDegree());
  const recordedHashes = recorded.getMaxLevelHashesList_asU8();
  let lastMatched = -1;
  for await (const { key, version } of results) {
    helper.add(newKVRead(key, version));
    const current = helper.summary();
    if (current.getMaxLevel() < recorded.getMaxLevel()) continue;
    const hashes = current.getMaxLevelHashesList_asU8();
    if (lastMatched === hashes.length - 1) continue;
    if (hashes.length > recordedHashes.length) return false;
    lastMatched++;
    if (!Buffer.from(hashes[lastMatched]).equals(recordedHashes[lastMatched])) return false;
  }
  const { summary } = helper.done();
  if (!summary || summary.getMaxDegree() !== recorded.getMaxDegree() || summary.getMaxLevel() !== recorded.getMaxLevel()) return false;
  const final = summary.getMaxLevelHashesList_asU8();
  return final.length === recordedHashes.length && final.every((h, i) => Buffer.from(h).equals(recordedHashes[i]));
}
