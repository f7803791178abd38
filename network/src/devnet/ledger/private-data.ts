import type { ledger } from '@hyperledger/fabric-protos';
import type { BlockTx } from './block-txs';
import type { Collections } from './collections';
import { sha256 } from './ordering';
import { addCollection, type BlockPvtData } from './pvt-store';

/**
 * The private data each member org's peer stores for a block (what Fabric's gossip privdata coordinator hands
 * to the ledger): for every valid transaction, each collection write set from the transient store whose
 * SHA-256 matches the pvt_rwset_hash in the block, given to the collection's member orgs only.
 * A collection without a matching write set (never received, or tampered) is not stored: its hashes are
 * committed, its clear values are lost, and reading them fails as on a Fabric peer missing private data.
 */
export function collectBlockPvtData(
  validTxs: readonly BlockTx[],
  transient: (txId: string) => readonly ledger.rwset.TxPvtReadWriteSet[],
  collections: Collections,
): BlockPvtData {
  const data: BlockPvtData = new Map();
  for (const tx of validTxs) {
    const candidates = transient(tx.txId);
    if (candidates.length === 0) continue;
    for (const ns of tx.rwset ?? []) {
      for (const c of ns.collections) {
        if (c.pvtRwsetHash.length === 0) continue;
        const match = findCollection(candidates, ns.namespace, c.collection, Buffer.from(c.pvtRwsetHash));
        if (!match) continue;
        for (const mspId of collections.get(ns.namespace, c.collection)?.memberMspIds ?? []) {
          addCollection(data, mspId, tx.txNum, ns.namespace, match);
        }
      }
    }
  }
  return data;
}

function findCollection(
  candidates: readonly ledger.rwset.TxPvtReadWriteSet[],
  ns: string,
  coll: string,
  hash: Buffer,
): ledger.rwset.CollectionPvtReadWriteSet | undefined {
  for (const candidate of candidates) {
    for (const nsPvt of candidate.getNsPvtRwsetList()) {
      if (nsPvt.getNamespace() !== ns) continue;
      for (const collPvt of nsPvt.getCollectionPvtRwsetList()) {
        if (collPvt.getCollectionName() === coll && hash.equals(sha256(collPvt.getRwset_asU8()))) return collPvt;
      }
    }
  }
  return undefined;
}
