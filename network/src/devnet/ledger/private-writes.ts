import { ledger } from '@hyperledger/fabric-protos';
import type { Version } from './api';
import type { BlockTx } from './block-txs';
import { encodeVersion } from './encoding';
import { stateKeys } from './keys';
import type { BatchOp, KeyValueDB } from './kv-db';
import { sha256 } from './ordering';
import type { BlockPvtData } from './pvt-store';
import { isDelete } from './tx-ops';
import { collSpace, hashKey, type BlockUpdates } from './updates';
import { sameVersion } from './version';

interface MetadataTouch {
  readonly mspId: string;
  readonly ns: string;
  readonly coll: string;
  readonly key: string;
}

/**
 * Applies, transaction by transaction, each org's private writes and the purges of valid transactions to the
 * block's updates. A purge deletes the key from the private state of every org that holds it (found through
 * the key-hash index, since an org may not have received the purging transaction's private data) and leaves a
 * purge marker that hides older versions in the private data store. Returns the marker operations.
 */
export async function applyPrivateWrites(
  updates: BlockUpdates,
  blockNum: number,
  validTxs: readonly BlockTx[],
  data: BlockPvtData,
  channelMspIds: readonly string[],
  db: KeyValueDB,
): Promise<BatchOp[]> {
  const markers: BatchOp[] = [];
  /** (msp, ns, coll, keyHash) → key of private keys written earlier in this block. */
  const pendingKeys = new Map<string, string>();
  const touchedMetadata: MetadataTouch[] = [];
  for (const tx of validTxs) {
    const version = { blockNum, txNum: tx.txNum };
    for (const [mspId, txs] of data) {
      for (const nsPvt of txs.get(tx.txNum)?.getNsPvtRwsetList() ?? []) {
        const ns = nsPvt.getNamespace();
        for (const collPvt of nsPvt.getCollectionPvtRwsetList()) {
          const coll = collPvt.getCollectionName();
          const kv = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(collPvt.getRwset_asU8());
          for (const write of kv.getWritesList()) {
            const key = write.getKey();
            // Hashed once: the block's hash index (toBatch) takes it from the update.
            const keyHash = sha256(key);
            updates
              .private(mspId)
              .set(collSpace(ns, coll), key, isDelete(write) ? { version, keyHash } : { value: write.getValue_asU8(), version, keyHash });
            pendingKeys.set(`${mspId}\u0000${collSpace(ns, coll)}\u0000${hashKey(keyHash)}`, key);
          }
          for (const m of kv.getMetadataWritesList()) touchedMetadata.push({ mspId, ns, coll, key: m.getKey() });
        }
      }
    }
    for (const ns of tx.rwset ?? []) {
      for (const c of ns.collections) {
        for (const write of c.hashed.getHashedWritesList()) {
          if (!write.getIsPurge()) continue;
          const keyHash = write.getKeyHash_asU8();
          for (const mspId of channelMspIds) {
            const pending = pendingKeys.get(`${mspId}\u0000${collSpace(ns.namespace, c.collection)}\u0000${hashKey(keyHash)}`);
            const stored = pending ?? (await db.get(stateKeys.privateKeyByHash(mspId, ns.namespace, c.collection, keyHash)))?.toString('utf8');
            if (stored !== undefined) updates.private(mspId).set(collSpace(ns.namespace, c.collection), stored, { version });
          }
          const height = encodeVersion(version);
          markers.push(
            { type: 'put', key: stateKeys.purgeMarker(ns.namespace, c.collection, keyHash), value: height },
            { type: 'put', key: stateKeys.collectionPurgeMarker(ns.namespace, c.collection), value: height },
          );
        }
      }
    }
  }
  await followHashedVersions(updates, touchedMetadata, db);
  return markers;
}

/**
 * Fabric's incrementPvtdataVersionIfNeeded: a metadata-only write gives the hashed key a new version; the
 * private value keeps matching it only if its version moves too (when the value is still the one hashed).
 */
async function followHashedVersions(updates: BlockUpdates, touched: readonly MetadataTouch[], db: KeyValueDB): Promise<void> {
  for (const { mspId, ns, coll, key } of touched) {
    const space = collSpace(ns, coll);
    const hashed = updates.hashed.get(space, hashKey(sha256(key)));
    if (!hashed?.value) continue;
    const pending = updates.private(mspId).get(space, key);
    const latest: { value?: Uint8Array; version: Version } | undefined =
      pending ?? (await db.getVersioned(stateKeys.private(mspId, ns, coll, key)));
    if (!latest?.value || sameVersion(latest.version, hashed.version)) continue;
    if (sha256(latest.value).equals(hashed.value)) {
      updates.private(mspId).set(space, key, { value: latest.value, version: hashed.version });
    }
  }
}
