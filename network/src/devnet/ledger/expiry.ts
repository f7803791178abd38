import type { Collections } from './collections';
import type { CommittedState } from './committed-state';
import { encodeUint64, readUint64 } from './encoding';
import { decodeExpiryKey, stateKeys } from './keys';
import type { BatchOp, KeyValueDB } from './kv-db';
import { collSpace, hashBytes, hashKey, splitCollSpace, type BlockUpdates } from './updates';

/**
 * Fabric's pvtstatepurgemgmt for BlockToLive: every hashed write to a collection with a BlockToLive is
 * scheduled to expire at committing block + BTL + 1; when that block commits, the hashed key and each org's
 * private key are deleted — unless a later write gave them a newer version (then that write has its own
 * schedule entry) or this very block writes them.
 */
export async function applyExpiry(
  updates: BlockUpdates,
  blockNum: number,
  channelMspIds: readonly string[],
  committed: CommittedState,
  db: KeyValueDB,
): Promise<BatchOp[]> {
  const ops: BatchOp[] = [];
  const it = db.iterate(stateKeys.expiryUpTo(blockNum));
  try {
    for (let entry = await it.next(); entry; entry = await it.next()) {
      ops.push({ type: 'del', key: entry[0] });
      const { ns, coll, keyHash } = decodeExpiryKey(entry[0]);
      await expire(updates, blockNum, ns, coll, keyHash, readUint64(entry[1], 0), channelMspIds, committed, db);
    }
  } finally {
    await it.close();
  }
  return ops;
}

async function expire(
  updates: BlockUpdates,
  blockNum: number,
  ns: string,
  coll: string,
  keyHash: Buffer,
  committingBlock: number,
  channelMspIds: readonly string[],
  committed: CommittedState,
  db: KeyValueDB,
): Promise<void> {
  const space = collSpace(ns, coll);
  const deletion = { version: { blockNum, txNum: 0 } };
  const hashedVersion = await committed.hashedVersion(ns, coll, hashKey(keyHash));
  const hashedExpires = hashedVersion?.blockNum === committingBlock;
  if (hashedExpires && !updates.hashed.has(space, hashKey(keyHash))) updates.hashed.set(space, hashKey(keyHash), deletion);
  for (const mspId of channelMspIds) {
    const key = (await db.get(stateKeys.privateKeyByHash(mspId, ns, coll, keyHash)))?.toString('utf8');
    if (key === undefined || updates.private(mspId).has(space, key)) continue;
    // A private value left behind by the hashed key's newer version (missing private data) expires on its own.
    const pvtVersion = hashedExpires ? undefined : (await db.getVersioned(stateKeys.private(mspId, ns, coll, key)))?.version;
    if (hashedExpires || pvtVersion?.blockNum === committingBlock) updates.private(mspId).set(space, key, deletion);
  }
}

/** Schedule entries for this block's hashed writes to collections with a BlockToLive. */
export function scheduleExpiry(updates: BlockUpdates, blockNum: number, collections: Collections): BatchOp[] {
  const ops: BatchOp[] = [];
  for (const [space, keyHash, update] of updates.hashed.entries()) {
    if (!update.value || update.version.blockNum !== blockNum) continue;
    const [ns, coll] = splitCollSpace(space);
    const expiring = collections.expiringBlock(ns, coll, blockNum);
    if (expiring !== undefined) {
      ops.push({ type: 'put', key: stateKeys.expiry(expiring, ns, coll, hashBytes(keyHash)), value: encodeUint64(blockNum) });
    }
  }
  return ops;
}
