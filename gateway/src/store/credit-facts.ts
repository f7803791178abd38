import type { Db } from './database';
import { prepared } from './statements';

export type CreditChannel = 'alliance' | 'public';

/** One ledger write a credit report may read, where it was committed. */
export interface CreditFact {
  readonly channel: CreditChannel;
  readonly block: number;
  readonly txIndex: number;
  readonly seq: number;
  readonly kind: string;
  readonly party: string;
  readonly key: string;
  readonly txId: string;
  readonly committedAt: string;
  readonly value: unknown;
}

export type NewCreditFact = Omit<CreditFact, 'channel' | 'block' | 'value'> & { readonly value: string };

/** Report heights: the last block of each channel a report reads. */
export interface CreditHeights {
  readonly alliance: number;
  readonly public: number;
}

/** The cr_ tables: append-only facts with their blocks, each channel's checkpoint and each block's time. */
export class CreditFactStore {
  constructor(private readonly db: Db) {}

  inTransaction<T>(apply: () => T): T {
    return this.db.transaction(apply).immediate();
  }

  checkpoint(channel: CreditChannel): bigint | undefined {
    const row = prepared(this.db, 'SELECT block FROM cr_checkpoint WHERE channel = ?').get(channel) as { block: number | bigint } | undefined;
    return row === undefined ? undefined : BigInt(row.block);
  }

  /** The block's facts, its time and the checkpoint: called inside the block's transaction. */
  putBlock(channel: CreditChannel, block: bigint, time: string | undefined, facts: readonly NewCreditFact[]): void {
    const insert = prepared(this.db, 'INSERT INTO cr_facts (channel, block, tx_index, seq, kind, party, key, tx_id, committed_at, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const f of facts) insert.run(channel, block, f.txIndex, f.seq, f.kind, f.party, f.key, f.txId, f.committedAt, f.value);
    prepared(this.db, 'INSERT INTO cr_blocks (channel, block, time) VALUES (?, ?, ?)').run(channel, block, time ?? null);
    prepared(this.db, 'INSERT INTO cr_checkpoint (channel, block) VALUES (?, ?) ON CONFLICT (channel) DO UPDATE SET block = excluded.block').run(channel, block);
  }

  /** The newest fact of a kind, any party, up to the block (the charter a block's brand owners are read with). */
  latest(channel: CreditChannel, kind: string, upTo: bigint): CreditFact | undefined {
    const row = prepared(this.db, `${FACT_COLUMNS} WHERE channel = ? AND kind = ? AND block <= ? ORDER BY block DESC, tx_index DESC, seq DESC LIMIT 1`).get(channel, kind, upTo) as FactRow | undefined;
    return row && factOf(row);
  }

  /** Every fact of the kinds concerning the party, up to the height, in ledger order. */
  ofParty(channel: CreditChannel, party: string, kinds: readonly string[], upTo: number): CreditFact[] {
    const marks = kinds.map(() => '?').join(', ');
    return (this.db.prepare(`${FACT_COLUMNS} WHERE party = ? AND kind IN (${marks}) AND channel = ? AND block <= ? ORDER BY block, tx_index, seq`).all(party, ...kinds, channel, upTo) as FactRow[]).map(factOf);
  }

  /** Every fact of a kind under a key, up to the height, in ledger order. */
  byKey(channel: CreditChannel, kind: string, key: string, upTo: number): CreditFact[] {
    return (prepared(this.db, `${FACT_COLUMNS} WHERE kind = ? AND key = ? AND channel = ? AND block <= ? ORDER BY block, tx_index, seq`).all(kind, key, channel, upTo) as FactRow[]).map(factOf);
  }

  /** The time of the newest block up to each height that had a valid transaction: a report's "as of". */
  timeAt(heights: CreditHeights): string | undefined {
    const row = prepared(this.db, "SELECT max(time) AS time FROM cr_blocks WHERE (channel = 'alliance' AND block <= ?) OR (channel = 'public' AND block <= ?)").get(heights.alliance, heights.public) as { time: string | null };
    return row.time ?? undefined;
  }

  /** Empties the credit facts, so that they are built again from block 0. */
  clear(): void {
    this.inTransaction(() => {
      for (const table of ['cr_facts', 'cr_blocks', 'cr_checkpoint']) this.db.prepare(`DELETE FROM ${table}`).run();
    });
  }
}

const FACT_COLUMNS = 'SELECT channel, block, tx_index, seq, kind, party, key, tx_id, committed_at, value FROM cr_facts';

interface FactRow {
  readonly channel: CreditChannel;
  readonly block: number;
  readonly tx_index: number;
  readonly seq: number;
  readonly kind: string;
  readonly party: string;
  readonly key: string;
  readonly tx_id: string;
  readonly committed_at: string;
  readonly value: string;
}

function factOf(row: FactRow): CreditFact {
  return { channel: row.channel, block: Number(row.block), txIndex: row.tx_index, seq: row.seq, kind: row.kind, party: row.party, key: row.key, txId: row.tx_id, committedAt: row.committed_at, value: JSON.parse(row.value) as unknown };
}
