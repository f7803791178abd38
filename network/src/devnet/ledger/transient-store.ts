import type { ledger } from '@hyperledger/fabric-protos';

/** Fabric's default peer.gossip.pvtData.transientstoreMaxBlockRetention. */
const TRANSIENT_BLOCK_RETENTION = 1000;

interface Entry {
  readonly rwsets: ledger.rwset.TxPvtReadWriteSet[];
  /** Ledger height when the first endorsement arrived. */
  readonly height: number;
}

/**
 * Fabric's transient store: private write sets from endorsement, held until their transaction commits. Kept in
 * memory: the devnet's orderer and peers share the process, so a crash loses the ordered-but-uncommitted
 * transactions along with their private data, and no block can later ask for it.
 * Each endorsing peer adds its own copy; the committer takes the one that matches the hashes in the block.
 */
export class TransientStore {
  readonly #entries = new Map<string, Entry>();

  persist(txId: string, rwset: ledger.rwset.TxPvtReadWriteSet, height: number): void {
    const entry = this.#entries.get(txId);
    if (entry) entry.rwsets.push(rwset);
    else this.#entries.set(txId, { rwsets: [rwset], height });
  }

  get(txId: string): readonly ledger.rwset.TxPvtReadWriteSet[] {
    return this.#entries.get(txId)?.rwsets ?? [];
  }

  /** After a block commits: its transactions' entries, and entries older than the retention. */
  purge(committedTxIds: Iterable<string>, height: number): void {
    for (const txId of committedTxIds) this.#entries.delete(txId);
    for (const [txId, entry] of this.#entries) {
      if (entry.height + TRANSIENT_BLOCK_RETENTION < height) this.#entries.delete(txId);
    }
  }
}
