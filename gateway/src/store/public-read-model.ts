import type { Db } from './database';
import { prepared } from './statements';

/** A complaint as the public read model keeps it: its status for lookups, the whole for a rebuild's comparison. */
export interface StoredComplaint {
  readonly id: string;
  readonly epc: string;
  readonly status: string;
  /** The complaint as the chaincode stored it (JSON). */
  readonly complaint: string;
  /** What a consumer is shown of it (JSON), see PublicReadModel. */
  readonly answer: string;
}

/**
 * The public read model's tables: each sold item's published record and its complaints, as the public channel holds
 * them, and the last public block applied (pm_checkpoint), written in the same transaction as that block's rows.
 */
export class PublicReadModelStore {
  constructor(private readonly db: Db) {}

  /** One IMMEDIATE transaction, as the alliance model's: a block's rows and its checkpoint commit together. */
  inTransaction<T>(apply: () => T): T {
    return this.db.transaction(apply).immediate();
  }

  checkpoint(): bigint | undefined {
    const row = prepared(this.db, 'SELECT block FROM pm_checkpoint WHERE id = 1').get() as { block: number | bigint } | undefined;
    return row === undefined ? undefined : BigInt(row.block);
  }

  setCheckpoint(block: bigint): void {
    prepared(this.db, 'INSERT INTO pm_checkpoint (id, block) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET block = excluded.block').run(block);
  }

  /** Empties the public read model, so that it is built again from the public channel's block 0. */
  clear(): void {
    this.inTransaction(() => {
      for (const table of ['pm_complaints', 'pm_records', 'pm_checkpoint']) this.db.prepare(`DELETE FROM ${table}`).run();
    });
  }

  /** `published` is the record's bytes as the chaincode wrote them: canonical JSON of a PublishedRecord. */
  putRecord(epc: string, version: number, published: string, block: bigint): void {
    prepared(
      this.db,
      'INSERT INTO pm_records (epc, version, published, block) VALUES (?, ?, ?, ?) ON CONFLICT (epc) DO UPDATE SET version = excluded.version, published = excluded.published, block = excluded.block',
    ).run(epc, version, published, block);
  }

  deleteRecord(epc: string): void {
    prepared(this.db, 'DELETE FROM pm_records WHERE epc = ?').run(epc);
  }

  /** Whether the item has a published record (without reading the record's text). */
  hasRecord(epc: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM pm_records WHERE epc = ?').get(epc) !== undefined;
  }

  /** The published record's JSON, or undefined for an item without one. */
  published(epc: string): string | undefined {
    const row = prepared(this.db, 'SELECT published FROM pm_records WHERE epc = ?').get(epc) as { published: string } | undefined;
    return row?.published;
  }

  putComplaint(complaint: StoredComplaint, block: bigint): void {
    prepared(
      this.db,
      `INSERT INTO pm_complaints (id, epc, status, complaint, answer, block) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET epc = excluded.epc, status = excluded.status, complaint = excluded.complaint, answer = excluded.answer, block = excluded.block`,
    ).run(complaint.id, complaint.epc, complaint.status, complaint.complaint, complaint.answer, block);
  }

  deleteComplaint(id: string): void {
    prepared(this.db, 'DELETE FROM pm_complaints WHERE id = ?').run(id);
  }

  /** What consumers are shown of the item's complaints (JSON texts), in id order. */
  complaintAnswers(epc: string): string[] {
    return (prepared(this.db, 'SELECT answer FROM pm_complaints WHERE epc = ? ORDER BY id').pluck().all(epc) as string[]);
  }

  /** Every row of the public read model, in key order: a live model and a rebuilt one compare equal by this. */
  dump(): Record<string, unknown[]> {
    return {
      pm_checkpoint: this.db.prepare('SELECT * FROM pm_checkpoint').all(),
      pm_records: this.db.prepare('SELECT * FROM pm_records ORDER BY epc').all(),
      pm_complaints: this.db.prepare('SELECT * FROM pm_complaints ORDER BY id').all(),
    };
  }
}
