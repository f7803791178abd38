import { ledger } from '@hyperledger/fabric-protos';
import { encodeUint64, readUint64 } from './encoding';
import type { BatchOp, KeyValueDB } from './kv-db';

const DATA = 0x64; // 'd': (block, tx, msp, ns, coll) -> CollectionPvtReadWriteSet
const EXPIRY = 0x78; // 'x': (expiring block, block, tx, msp, ns, coll) -> empty

/** Private data of one block as each org's peer stored it: mspId → txNum → private rwset. */
export type BlockPvtData = Map<string, Map<number, ledger.rwset.TxPvtReadWriteSet>>;

/** One stored collection write set, with where it came from. */
export interface StoredCollection {
  readonly blockNum: number;
  readonly txNum: number;
  readonly mspId: string;
  readonly namespace: string;
  readonly collection: string;
  readonly rwset: ledger.rwset.CollectionPvtReadWriteSet;
}

/**
 * Fabric's pvtdatastorage, one store for every org: the private write sets of committed blocks, per org, as
 * received. It is the one thing that cannot be rebuilt from the block file (private state is rebuilt from it),
 * so it is written, and fsynced, before its block is appended. Data past its BlockToLive is deleted with the
 * commit of its expiring block.
 */
export class PvtStore {
  readonly #db: KeyValueDB;

  constructor(db: KeyValueDB) {
    this.#db = db;
  }

  /**
   * Stores a block's private data and deletes what expires with it; fsynced only when it stores something,
   * since a lost expiry deletion is simply redone (reads filter expired data anyway).
   */
  async commit(
    blockNum: number,
    data: BlockPvtData,
    expiringBlock: (ns: string, coll: string) => number | undefined,
  ): Promise<void> {
    const ops: BatchOp[] = [];
    for (const [mspId, txs] of data) {
      for (const [txNum, txPvt] of txs) {
        for (const nsPvt of txPvt.getNsPvtRwsetList()) {
          for (const collPvt of nsPvt.getCollectionPvtRwsetList()) {
            const id = dataId(blockNum, txNum, mspId, nsPvt.getNamespace(), collPvt.getCollectionName());
            ops.push({ type: 'put', key: Buffer.concat([Buffer.of(DATA), id]), value: collPvt.serializeBinary() });
            const expiry = expiringBlock(nsPvt.getNamespace(), collPvt.getCollectionName());
            if (expiry !== undefined) {
              ops.push({ type: 'put', key: Buffer.concat([Buffer.of(EXPIRY), encodeUint64(expiry), id]), value: new Uint8Array(0) });
            }
          }
        }
      }
    }
    const stores = ops.length > 0;
    const it = this.#db.iterate({ gte: Buffer.of(EXPIRY), lt: Buffer.concat([Buffer.of(EXPIRY), encodeUint64(blockNum + 1)]) });
    try {
      for (let entry = await it.next(); entry; entry = await it.next()) {
        ops.push({ type: 'del', key: entry[0] }, { type: 'del', key: Buffer.concat([Buffer.of(DATA), entry[0].subarray(9)]) });
      }
    } finally {
      await it.close();
    }
    await this.#db.write(ops, stores);
  }

  /** Everything stored for a block, every org, in (tx, msp, ns, coll) order. */
  async read(blockNum: number): Promise<StoredCollection[]> {
    const it = this.#db.iterate({
      gte: Buffer.concat([Buffer.of(DATA), encodeUint64(blockNum)]),
      lt: Buffer.concat([Buffer.of(DATA), encodeUint64(blockNum + 1)]),
    });
    const stored: StoredCollection[] = [];
    try {
      for (let entry = await it.next(); entry; entry = await it.next()) {
        const [mspId, namespace, collection] = entry[0].subarray(17).toString('utf8').split('\u0000');
        stored.push({
          blockNum,
          txNum: readUint64(entry[0], 9),
          mspId,
          namespace,
          collection,
          rwset: ledger.rwset.CollectionPvtReadWriteSet.deserializeBinary(entry[1]),
        });
      }
    } finally {
      await it.close();
    }
    return stored;
  }

  /**
   * Drops what was stored for blocks at or above the block store's height: a crash came between storing the
   * private data and appending the block, and the block that will take that number may differ.
   */
  async truncate(height: number): Promise<void> {
    const ops: BatchOp[] = [];
    const it = this.#db.iterate({ gte: Buffer.concat([Buffer.of(DATA), encodeUint64(height)]), lt: Buffer.of(DATA + 1) });
    try {
      for (let entry = await it.next(); entry; entry = await it.next()) ops.push({ type: 'del', key: entry[0] });
    } finally {
      await it.close();
    }
    await this.#db.write(ops, true);
  }
}

function dataId(blockNum: number, txNum: number, mspId: string, ns: string, coll: string): Buffer {
  return Buffer.concat([encodeUint64(blockNum), encodeUint64(txNum), Buffer.from(`${mspId}\u0000${ns}\u0000${coll}`, 'utf8')]);
}

/** Groups stored collections back into per-org, per-transaction private rwsets. */
export function assemble(stored: readonly StoredCollection[]): BlockPvtData {
  const data: BlockPvtData = new Map();
  for (const s of stored) addCollection(data, s.mspId, s.txNum, s.namespace, s.rwset);
  return data;
}

/** Adds a collection write set to an org's private rwset of a transaction; namespaces must come in order. */
export function addCollection(
  data: BlockPvtData,
  mspId: string,
  txNum: number,
  ns: string,
  collPvt: ledger.rwset.CollectionPvtReadWriteSet,
): void {
  let txs = data.get(mspId);
  if (!txs) {
    txs = new Map();
    data.set(mspId, txs);
  }
  let txPvt = txs.get(txNum);
  if (!txPvt) {
    txPvt = new ledger.rwset.TxPvtReadWriteSet();
    txPvt.setDataModel(ledger.rwset.TxReadWriteSet.DataModel.KV);
    txs.set(txNum, txPvt);
  }
  let nsPvt = txPvt.getNsPvtRwsetList().at(-1);
  if (!nsPvt || nsPvt.getNamespace() !== ns) {
    nsPvt = new ledger.rwset.NsPvtReadWriteSet();
    nsPvt.setNamespace(ns);
    txPvt.addNsPvtRwset(nsPvt);
  }
  nsPvt.addCollectionPvtRwset(collPvt);
}
