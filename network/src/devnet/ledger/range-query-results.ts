import { ledger } from '@hyperledger/fabric-protos';
import { sha256 } from './ordering';

const { kvrwset } = ledger.rwset;

/** Fabric's maxDegreeQueryReadsHashing: up to this many results a range query keeps its raw reads. */
const MAX_DEGREE_QUERY_READS_HASHING = 50;

/**
 * Fabric's rwsetutil.RangeQueryResultsHelper: the reads of a range query, kept raw while there are at most
 * maxDegree of them, otherwise summarised by a Merkle tree whose leaves hash maxDegree + 1 serialized reads.
 * Simulation and phantom-read validation both feed results through it, so both sides agree byte for byte.
 */
export class RangeQueryResultsHelper {
  #pending: ledger.rwset.kvrwset.KVRead[] = [];
  readonly #tree: MerkleTree;

  constructor(readonly maxDegree = MAX_DEGREE_QUERY_READS_HASHING) {
    this.#tree = new MerkleTree(maxDegree);
  }

  add(read: ledger.rwset.kvrwset.KVRead): void {
    this.#pending.push(read);
    if (this.#pending.length > this.maxDegree) this.#hashPending();
  }

  /** The raw reads when the tree stayed empty, else the Merkle summary (never both). */
  done(): { rawReads?: ledger.rwset.kvrwset.KVRead[]; summary?: ledger.rwset.kvrwset.QueryReadsMerkleSummary } {
    if (this.#tree.isEmpty()) return { rawReads: this.#pending };
    if (this.#pending.length > 0) this.#hashPending();
    this.#tree.done();
    return { summary: this.summary() };
  }

  /** The tree as it stands, for early mismatch detection during validation. */
  summary(): ledger.rwset.kvrwset.QueryReadsMerkleSummary {
    return this.#tree.summary();
  }

  #hashPending(): void {
    const reads = new kvrwset.QueryReads();
    reads.setKvReadsList(this.#pending);
    this.#pending = [];
    this.#tree.update(sha256(reads.serializeBinary()));
  }
}

/** Levels start at 1 (leaf hashes); each full level of maxDegree + 1 hashes collapses into one hash above. */
class MerkleTree {
  readonly #levels = new Map<number, Buffer[]>();
  #maxLevel = 1;

  constructor(readonly maxDegree: number) {}

  isEmpty(): boolean {
    return this.#maxLevel === 1 && (this.#levels.get(1)?.length ?? 0) === 0;
  }

  update(leafHash: Buffer): void {
    this.#at(1).push(leafHash);
    let level = 1;
    while (this.#at(level).length > this.maxDegree) {
      const combined = combine(this.#at(level));
      this.#levels.delete(level);
      level++;
      this.#at(level).push(combined);
      if (level > this.#maxLevel) this.#maxLevel = level;
    }
  }

  /** Carries the hashes of lower, incomplete levels up to the top, then caps the top at maxDegree hashes. */
  done(): void {
    for (let level = 1; level < this.#maxLevel; level++) {
      const hashes = this.#at(level);
      if (hashes.length === 0) continue;
      const carried = hashes.length === 1 ? hashes[0] : combine(hashes);
      this.#levels.delete(level);
      this.#at(level + 1).push(carried);
    }
    const top = this.#at(this.#maxLevel);
    if (top.length > this.maxDegree) {
      this.#levels.delete(this.#maxLevel);
      this.#maxLevel++;
      this.#levels.set(this.#maxLevel, [combine(top)]);
    }
  }

  summary(): ledger.rwset.kvrwset.QueryReadsMerkleSummary {
    const summary = new kvrwset.QueryReadsMerkleSummary();
    summary.setMaxDegree(this.maxDegree);
    summary.setMaxLevel(this.#maxLevel);
    summary.setMaxLevelHashesList([...this.#at(this.#maxLevel)]);
    return summary;
  }

  #at(level: number): Buffer[] {
    let hashes = this.#levels.get(level);
    if (!hashes) {
      hashes = [];
      this.#levels.set(level, hashes);
    }
    return hashes;
  }
}

function combine(hashes: readonly Buffer[]): Buffer {
  return sha256(Buffer.concat(hashes));
}
