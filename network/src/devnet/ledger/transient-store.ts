import type { ledger } from '@hyperledger/fabric-protos';

/** Fabric's default peer.gossip.pvtData.transientstoreMaxBlockRetention. */
const TRANSIENT_BLOCK_RETENTION = 1000;

/**
 * The most private data the store holds, in bytes, over all transactions (not in Fabric, whose transient store
 * is on disk). Endorsed-but-never-submitted private data otherwise stays for 1000 blocks: fifteen endorsements of
 * 15 MiB each took the devnet to 769 MiB. When a new write set would go past it, the oldest transactions go first.
 */
export const TRANSIENT_MAX_BYTES = 256 * 1024 * 1024;

interface Entry {
  readonly rwsets: ledger.rwset.TxPvtReadWriteSet[];
  /** Ledger height when the first endorsement arrived. */
  readonly height: number;
  bytes: number;
}

/**
 * Fabric's transient store: private write sets from endorsement, held until their transaction commits. Kept in
 * memory: the devnet's orderer and peers share the process, so a crash loses the ordered-but-uncommitted
 * transactions along with their private data, and no block can later ask for it.
 * Each endorsing peer adds its own copy; the committer takes the one that matches the hashes in the block.
 * Entries go when their transaction commits, when they are older than Fabric's block retention, and, oldest
 * first, when the store would otherwise hold more than maxBytes. A transaction whose private data is gone
 * commits as one whose private data is missing, as in Fabric after the retention.
 */
export class TransientStore {
  /** In order of first endorsement: the first entry is the oldest. */
  readonly #entries = new Map<string, Entry>();
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(maxBytes = TRANSIENT_MAX_BYTES) {
    this.#maxBytes = maxBytes;
  }

  /** The bytes of private data held. */
  get bytes(): number {
    return this.#bytes;
  }

  persist(txId: string, rwset: ledger.rwset.TxPvtReadWriteSet, height: number): void {
    const size = sizeOf(rwset);
    this.#evictFor(size, txId);
    const entry = this.#entries.get(txId);
    if (entry) {
      entry.rwsets.push(rwset);
      entry.bytes += size;
    } else {
      this.#entries.set(txId, { rwsets: [rwset], height, bytes: size });
    }
    this.#bytes += size;
  }

  get(txId: string): readonly ledger.rwset.TxPvtReadWriteSet[] {
    return this.#entries.get(txId)?.rwsets ?? [];
  }

  /** After a block commits: its transactions' entries, and entries older than the retention. */
  purge(committedTxIds: Iterable<string>, height: number): void {
    for (const txId of committedTxIds) this.#delete(txId);
    for (const [txId, entry] of this.#entries) {
      if (entry.height + TRANSIENT_BLOCK_RETENTION < height) this.#delete(txId);
    }
  }

  /**
   * Drops the oldest entries, other than txId's own, until size more bytes fit. A single transaction larger than
   * the bound is still kept, alone.
   */
  #evictFor(size: number, txId: string): void {
    for (const oldest of this.#entries.keys()) {
      if (this.#bytes + size <= this.#maxBytes) return;
      if (oldest !== txId) this.#delete(oldest);
    }
  }

  #delete(txId: string): void {
    const entry = this.#entries.get(txId);
    if (!entry) return;
    this.#entries.delete(txId);
    this.#bytes -= entry.bytes;
  }
}

/** What a write set holds: its collections' serialized write sets and the names that label them. */
function sizeOf(rwset: ledger.rwset.TxPvtReadWriteSet): number {
  let bytes = 0;
  for (const ns of rwset.getNsPvtRwsetList()) {
    bytes += ns.getNamespace().length;
    for (const collection of ns.getCollectionPvtRwsetList()) {
      bytes += collection.getCollectionName().length + collection.getRwset_asU8().length;
    }
  }
  return bytes;
}
