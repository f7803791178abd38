import type { common } from '@hyperledger/fabric-protos';
import type { KeyModification, ResultsIterator } from './api';
import { parseBlockTx, type BlockTx } from './block-txs';
import { readUint64 } from './encoding';
import { LedgerError } from './errors';
import { stateKeys } from './keys';
import type { BatchOp, KeyValueDB, RawIterator, Snapshot } from './kv-db';
import { isDelete } from './tx-ops';

/**
 * Fabric's history database: an index entry (ns, key, block, tx) per public write of a valid transaction.
 * Values are not copied: a query reads the write back from the block, as Fabric does.
 */
export function historyOps(blockNum: number, tx: BlockTx): BatchOp[] {
  const ops: BatchOp[] = [];
  for (const ns of tx.rwset ?? []) {
    for (const write of ns.kv.getWritesList()) {
      ops.push({ type: 'put', key: stateKeys.history(ns.namespace, write.getKey(), blockNum, tx.txNum), value: new Uint8Array(0) });
    }
  }
  return ops;
}

/** Newest first, as Fabric returns history. */
export class HistoryIterator implements ResultsIterator<KeyModification> {
  readonly #it: RawIterator;
  readonly #ns: string;
  readonly #key: string;
  readonly #prefixLength: number;
  readonly #readBlock: (blockNum: number) => Promise<common.Block | undefined>;

  constructor(
    db: KeyValueDB,
    snapshot: Snapshot,
    ns: string,
    key: string,
    readBlock: (blockNum: number) => Promise<common.Block | undefined>,
  ) {
    const prefix = stateKeys.historyPrefix(ns, key);
    this.#prefixLength = prefix.length;
    this.#it = db.iterate({ gte: prefix, lt: Buffer.concat([prefix, Buffer.alloc(16, 0xff), Buffer.of(0xff)]) }, snapshot, true);
    this.#ns = ns;
    this.#key = key;
    this.#readBlock = readBlock;
  }

  async next(): Promise<KeyModification | undefined> {
    const entry = await this.#it.next();
    if (!entry) return undefined;
    const blockNum = readUint64(entry[0], this.#prefixLength);
    const txNum = readUint64(entry[0], this.#prefixLength + 8);
    const envelope = (await this.#readBlock(blockNum))?.getData()?.getDataList_asU8()[txNum];
    const tx = envelope && parseBlockTx(envelope, txNum);
    const write = tx?.rwset
      ?.find((ns) => ns.namespace === this.#ns)
      ?.kv.getWritesList()
      .find((w) => w.getKey() === this.#key);
    if (!tx || !write) {
      throw new LedgerError(`no namespace or key is found for namespace ${this.#ns} and key ${this.#key} with decoded blockNum ${blockNum} and tranNum ${txNum}`);
    }
    return { txId: tx.txId, value: write.getValue_asU8(), timestamp: tx.timestamp, isDelete: isDelete(write) };
  }

  async close(): Promise<void> {
    await this.#it.close();
  }
}
