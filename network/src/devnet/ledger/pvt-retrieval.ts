import { ledger } from '@hyperledger/fabric-protos';
import type { Collections } from './collections';
import { decodeVersion } from './encoding';
import { stateKeys } from './keys';
import type { KeyValueDB } from './kv-db';
import { sha256 } from './ordering';
import { assemble, type PvtStore, type StoredCollection } from './pvt-store';
import { compareVersions } from './version';

/**
 * Fabric's GetPvtDataByBlockNum for one org: what it stored for the block, without collections past their
 * BlockToLive (as of the last committed block) and without writes of keys purged since (purge markers).
 */
export async function blockPvtDataOf(
  store: PvtStore,
  state: KeyValueDB,
  collections: Collections,
  blockNum: number,
  mspId: string,
  lastCommittedBlock: number,
): Promise<Map<number, ledger.rwset.TxPvtReadWriteSet>> {
  const kept: StoredCollection[] = [];
  for (const stored of await store.read(blockNum)) {
    if (stored.mspId !== mspId) continue;
    const expiring = collections.expiringBlock(stored.namespace, stored.collection, blockNum);
    if (expiring !== undefined && lastCommittedBlock >= expiring) continue;
    kept.push(await withoutPurgedWrites(state, stored));
  }
  return assemble(kept).get(mspId) ?? new Map();
}

async function withoutPurgedWrites(state: KeyValueDB, stored: StoredCollection): Promise<StoredCollection> {
  const height = { blockNum: stored.blockNum, txNum: stored.txNum };
  const { namespace: ns, collection: coll } = stored;
  const collectionMarker = await state.get(stateKeys.collectionPurgeMarker(ns, coll));
  // Most collections never saw a purge after this write: no need to hash every key.
  if (!collectionMarker || compareVersions(height, decodeVersion(collectionMarker)) > 0) return stored;
  const kv = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(stored.rwset.getRwset_asU8());
  const writes = [];
  for (const write of kv.getWritesList()) {
    const marker = await state.get(stateKeys.purgeMarker(ns, coll, sha256(write.getKey())));
    if (!marker || compareVersions(height, decodeVersion(marker)) > 0) writes.push(write);
  }
  kv.setWritesList(writes);
  const rwset = new ledger.rwset.CollectionPvtReadWriteSet();
  rwset.setCollectionName(coll);
  rwset.setRwset(kv.serializeBinary());
  return { ...stored, rwset };
}
