import { randomBytes } from 'node:crypto';
import type { Db } from './database';
import { prepared } from './statements';

export type ScreeningState = 'pending' | 'done' | 'failed';
/** What queued an item: its sale, a recall that reached it after, or an error declared against a step of its record. */
export type ScreeningReason = 'sale' | 'recall' | 'error-declaration';

/** An item of the org's whose public record is due, published, or given up on. */
export interface ScreeningItem {
  readonly epc: string;
  readonly state: ScreeningState;
  readonly reason: ScreeningReason;
  readonly attempts: number;
  /** Milliseconds since the epoch. */
  readonly nextAttemptAt: number;
  readonly lastError?: string;
  readonly recallsSeen: number;
  readonly version?: number;
  readonly queuedAt: string;
  readonly updatedAt: string;
}

/** A sale the org recorded, with the buyer reference its private detail carries. */
export interface RecordedSale {
  readonly eventId: string;
  readonly epc: string;
  readonly soldAt: string;
  /** The record's version on the public channel, once published. */
  readonly version?: number;
}

/** Bytes of the platform's salt for buyer references. */
const SALT_BYTES = 32;

/** The screening module's tables: its checkpoint, its queue, the org's sales, and the buyer-reference salt. */
export class ScreeningStore {
  constructor(private readonly db: Db) {}

  /** One SQLite transaction: a block's queue rows and the checkpoint commit together or not at all. */
  inTransaction<T>(apply: () => T): T {
    return this.db.transaction(apply).immediate();
  }

  checkpoint(): bigint | undefined {
    const row = prepared(this.db, 'SELECT block FROM sc_checkpoint WHERE id = 1').get() as { block: number | bigint } | undefined;
    return row === undefined ? undefined : BigInt(row.block);
  }

  setCheckpoint(block: bigint): void {
    prepared(this.db, 'INSERT INTO sc_checkpoint (id, block) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET block = excluded.block').run(block);
  }

  /**
   * Queues the item to be screened now. An item already waiting keeps its place, takes the new reason and is marked
   * requeued; one done or failed starts again with no attempts.
   */
  enqueue(epc: string, reason: ScreeningReason, now = Date.now()): void {
    const at = new Date(now).toISOString();
    // A waiting item may be the one being screened now, from sources read before this cause: requeued, the
    // attempt's end leaves it pending (see published and attemptFailed) instead of done.
    const queued = prepared(
      this.db,
      `INSERT INTO sc_items (epc, state, reason, attempts, next_attempt_at, queued_at, updated_at) VALUES (?, 'pending', ?, 0, ?, ?, ?)
       ON CONFLICT (epc) DO UPDATE SET
         reason = excluded.reason, attempts = 0, next_attempt_at = excluded.next_attempt_at, last_error = NULL,
         state = 'pending', queued_at = excluded.queued_at, updated_at = excluded.updated_at
       WHERE sc_items.state <> 'pending'`,
    ).run(epc, reason, now, at, at);
    if (queued.changes === 0) prepared(this.db, 'UPDATE sc_items SET requeued = 1, reason = ? WHERE epc = ?').run(reason, epc);
  }

  /** An attempt at the item begins, before it reads anything: a cause queued from now on is seen by its end. */
  attemptBegins(epc: string): void {
    prepared(this.db, 'UPDATE sc_items SET requeued = 0 WHERE epc = ?').run(epc);
  }

  /** The events of the record just derived for the item: an error declaration against one of them queues it again. */
  setSteps(epc: string, eventIds: readonly string[]): void {
    this.inTransaction(() => {
      prepared(this.db, 'DELETE FROM sc_item_steps WHERE epc = ?').run(epc);
      const step = prepared(this.db, 'INSERT OR IGNORE INTO sc_item_steps (event_id, epc) VALUES (?, ?)');
      for (const id of eventIds) step.run(id, epc);
    });
  }

  /** Items whose record, as last derived, tells of the event. */
  itemsWithStep(eventId: string): string[] {
    return (prepared(this.db, 'SELECT epc FROM sc_item_steps WHERE event_id = ?').all(eventId) as { epc: string }[]).map((row) => row.epc);
  }

  setRecallsSeen(epc: string, count: number): void {
    prepared(this.db, 'UPDATE sc_items SET recalls_seen = ? WHERE epc = ?').run(count, epc);
  }

  item(epc: string): ScreeningItem | undefined {
    const row = prepared(this.db, 'SELECT * FROM sc_items WHERE epc = ?').get(epc) as ItemRow | undefined;
    return row && itemOf(row);
  }

  /** Items in these states, oldest queued first. */
  items(states: readonly ScreeningState[], limit: number): ScreeningItem[] {
    const marks = states.map(() => '?').join(', ');
    return (this.db.prepare(`SELECT * FROM sc_items WHERE state IN (${marks}) ORDER BY queued_at, epc LIMIT ?`).all(...states, limit) as ItemRow[]).map(itemOf);
  }

  /** How many items are in each state. */
  counts(): Record<ScreeningState, number> {
    const counts: Record<ScreeningState, number> = { pending: 0, done: 0, failed: 0 };
    for (const row of prepared(this.db, 'SELECT state, count(*) AS n FROM sc_items GROUP BY state').all() as { state: ScreeningState; n: number }[]) counts[row.state] = row.n;
    return counts;
  }

  /** The pending item due first, and when it is due. */
  nextDue(): ScreeningItem | undefined {
    const row = prepared(this.db, "SELECT * FROM sc_items INDEXED BY sc_items_due WHERE state = 'pending' ORDER BY next_attempt_at LIMIT 1").get() as ItemRow | undefined;
    return row && itemOf(row);
  }

  /** Published at this version: done, unless the item was queued again meanwhile (then due now, attempts anew). */
  published(epc: string, version: number, now = Date.now()): void {
    prepared(
      this.db,
      `UPDATE sc_items SET version = ?, last_error = NULL, updated_at = ?,
         state = CASE requeued WHEN 1 THEN 'pending' ELSE 'done' END,
         attempts = CASE requeued WHEN 1 THEN 0 ELSE attempts + 1 END,
         next_attempt_at = CASE requeued WHEN 1 THEN ? ELSE next_attempt_at END,
         requeued = 0
       WHERE epc = ?`,
    ).run(version, new Date(now).toISOString(), now, epc);
  }

  /**
   * A failed attempt: tried again at `retryAt`, or given up on (failed) when there is none; an item queued again
   * meanwhile is due now, its attempts counted anew, since the new cause may be what it waited for.
   */
  attemptFailed(epc: string, error: string, retryAt: number | undefined, now = Date.now()): void {
    prepared(
      this.db,
      `UPDATE sc_items SET last_error = ?, updated_at = ?,
         state = CASE requeued WHEN 1 THEN 'pending' ELSE ? END,
         attempts = CASE requeued WHEN 1 THEN 0 ELSE attempts + 1 END,
         next_attempt_at = CASE requeued WHEN 1 THEN ? ELSE ? END,
         requeued = 0
       WHERE epc = ?`,
    ).run(error, new Date(now).toISOString(), retryAt === undefined ? 'failed' : 'pending', now, retryAt ?? 0, epc);
  }

  /** A failed item queued again by hand, with its attempts counted anew; false if it is not failed. */
  retry(epc: string, now = Date.now()): boolean {
    const changed = prepared(this.db, "UPDATE sc_items SET state = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE epc = ? AND state = 'failed'").run(now, new Date(now).toISOString(), epc);
    return changed.changes > 0;
  }

  putSale(sale: { eventId: string; epc: string; buyerReference?: string; soldAt: string }, block: bigint): void {
    prepared(this.db, 'INSERT OR REPLACE INTO sc_sales (event_id, epc, buyer_reference, sold_at, block) VALUES (?, ?, ?, ?, ?)').run(sale.eventId, sale.epc, sale.buyerReference ?? null, sale.soldAt, block);
  }

  /** The sales to the buyer behind this reference, in the order they were sold. */
  salesTo(buyerReference: string): RecordedSale[] {
    const rows = prepared(
      this.db,
      `SELECT s.event_id, s.epc, s.sold_at, i.version FROM sc_sales s INDEXED BY sc_sales_of_buyer LEFT JOIN sc_items i ON i.epc = s.epc
       WHERE s.buyer_reference = ? ORDER BY s.sold_at, s.event_id`,
    ).all(buyerReference) as { event_id: string; epc: string; sold_at: string; version: number | null }[];
    return rows.map((r) => ({ eventId: r.event_id, epc: r.epc, soldAt: r.sold_at, ...(r.version !== null && { version: r.version }) }));
  }

  /** The platform's key for buyer references: 32 random bytes made the first time it is asked for, then kept. */
  buyerReferenceKey(): Buffer {
    prepared(this.db, "INSERT OR IGNORE INTO secrets (name, value) VALUES ('buyer-reference', ?)").run(randomBytes(SALT_BYTES));
    return (prepared(this.db, "SELECT value FROM secrets WHERE name = 'buyer-reference'").get() as { value: Buffer }).value;
  }
}

interface ItemRow {
  readonly epc: string;
  readonly state: ScreeningState;
  readonly reason: ScreeningReason;
  readonly attempts: number;
  readonly next_attempt_at: number;
  readonly last_error: string | null;
  readonly recalls_seen: number;
  readonly version: number | null;
  readonly queued_at: string;
  readonly updated_at: string;
}

function itemOf(row: ItemRow): ScreeningItem {
  return {
    epc: row.epc,
    state: row.state,
    reason: row.reason,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    ...(row.last_error !== null && { lastError: row.last_error }),
    recallsSeen: row.recalls_seen,
    ...(row.version !== null && { version: row.version }),
    queuedAt: row.queued_at,
    updatedAt: row.updated_at,
  };
}
