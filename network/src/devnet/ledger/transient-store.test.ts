import { ledger } from '@hyperledger/fabric-protos';
import { TRANSIENT_MAX_BYTES, TransientStore } from './transient-store';

const MiB = 1024 * 1024;

/** A write set of one collection whose serialized KVRWSet is `size` bytes (names not counted by the caller). */
function rwsetOf(size: number, collection = 'c'): ledger.rwset.TxPvtReadWriteSet {
  const coll = new ledger.rwset.CollectionPvtReadWriteSet();
  coll.setCollectionName(collection);
  coll.setRwset(new Uint8Array(size));
  const ns = new ledger.rwset.NsPvtReadWriteSet();
  ns.setNamespace('cc');
  ns.setCollectionPvtRwsetList([coll]);
  const rwset = new ledger.rwset.TxPvtReadWriteSet();
  rwset.setNsPvtRwsetList([ns]);
  return rwset;
}

/** Bytes counted for rwsetOf(size): the data plus the names 'cc' and 'c'. */
const counted = (size: number) => size + 3;

const held = (store: TransientStore, txIds: string[]) => txIds.filter((txId) => store.get(txId).length > 0);

test('the bound is 256 MiB', () => {
  expect(TRANSIENT_MAX_BYTES).toBe(256 * MiB);
});

test('fifteen never-submitted endorsements of 15 MiB stay within the bound: the oldest go first', () => {
  const store = new TransientStore();
  const txIds = Array.from({ length: 15 }, (_, i) => `tx${i}`);
  for (const txId of txIds) store.persist(txId, rwsetOf(15 * MiB), 1);
  for (const txId of txIds) store.persist(txId, rwsetOf(15 * MiB), 1); // a second org's copy of each
  expect(store.bytes).toBeLessThanOrEqual(TRANSIENT_MAX_BYTES);
  // 30 copies of 15 MiB would be 450 MiB: whole transactions go, oldest first, and the last 8 (16 copies, 240 MiB) remain.
  expect(held(store, txIds)).toEqual(txIds.slice(7));
  expect(store.get('tx14')).toHaveLength(2);
});

test('evicts the oldest entries by bytes, counting every copy, and keeps the block-based purge', () => {
  const store = new TransientStore(counted(100) * 3);
  store.persist('a', rwsetOf(100), 1);
  store.persist('b', rwsetOf(100), 1);
  store.persist('a', rwsetOf(100), 2); // a's second copy: a is still the oldest entry
  expect(store.bytes).toBe(counted(100) * 3);
  store.persist('c', rwsetOf(100), 2);
  expect(held(store, ['a', 'b', 'c'])).toEqual(['b', 'c']);
  expect(store.bytes).toBe(counted(100) * 2);

  // Committed entries free their bytes: nothing else has to go for the next one.
  store.purge(['b'], 3);
  store.persist('d', rwsetOf(100), 3);
  store.persist('e', rwsetOf(100), 3);
  expect(held(store, ['c', 'd', 'e'])).toEqual(['c', 'd', 'e']);

  // One large write set pushes out as many of the oldest as it needs.
  store.persist('f', rwsetOf(2 * counted(100) - 3), 3);
  expect(held(store, ['c', 'd', 'e', 'f'])).toEqual(['e', 'f']);
  expect(store.bytes).toBe(counted(100) * 3);

  // Fabric's retention: entries older than 1000 blocks go at the next commit, whatever their size.
  store.purge([], 1004);
  expect(held(store, ['e', 'f'])).toEqual([]);
  expect(store.bytes).toBe(0);
});

test('a transaction larger than the bound is kept alone, and its own copies are not evicted for each other', () => {
  const store = new TransientStore(1000);
  store.persist('old', rwsetOf(100), 1);
  store.persist('big', rwsetOf(800), 1);
  store.persist('big', rwsetOf(800), 1);
  expect(held(store, ['old', 'big'])).toEqual(['big']);
  expect(store.get('big')).toHaveLength(2);
  store.persist('next', rwsetOf(100), 1);
  expect(held(store, ['big', 'next'])).toEqual(['next']);
  expect(store.bytes).toBe(counted(100));
});
