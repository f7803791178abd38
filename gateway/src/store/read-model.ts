import type { AllianceCharter, Enterprise, EventSummary, ItemState, Product, RecallRecord } from '@crossborder-trace/domain';
import type { Db } from './database';
import { prepared } from './statements';

/** An event as the read model holds it: its summary, where it was committed, and its detail if the org may read it. */
export interface RecordedEvent {
  readonly summary: EventSummary;
  readonly block: number;
  readonly txId: string;
  readonly committedAt: string;
  /** The whole normalised event, for members of its collection only. */
  readonly detail?: Record<string, unknown>;
}

export interface EnterpriseStanding {
  readonly enterprise: Enterprise;
  /** When (commit time) and by which transaction the enterprise took its present status. */
  readonly since: string;
  readonly txId: string;
}

/** The read model's tables: what the org may see of the alliance channel, and the last block applied. */
export class ReadModelStore {
  constructor(private readonly db: Db) {}

  /**
   * Runs the function in one SQLite transaction: a block's rows and its checkpoint commit together or not at all.
   * IMMEDIATE takes the write lock before the checkpoint is read, so two processes on one store (a rebuild beside
   * a running gateway) cannot both apply the same block.
   */
  inTransaction<T>(apply: () => T): T {
    return this.db.transaction(apply).immediate();
  }

  /** The last block applied; undefined before the first. */
  checkpoint(): bigint | undefined {
    const row = prepared(this.db, 'SELECT block FROM rm_checkpoint WHERE id = 1').get() as { block: number | bigint } | undefined;
    return row === undefined ? undefined : BigInt(row.block);
  }

  setCheckpoint(block: bigint): void {
    prepared(this.db, 'INSERT INTO rm_checkpoint (id, block) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET block = excluded.block').run(block);
  }

  /** Empties the read model (its alerts too; acknowledgements stay), so that it is built again from block 0. */
  clear(): void {
    this.inTransaction(() => {
      for (const table of ['rm_recalls', 'rm_alert_parties', 'rm_alerts', 'rm_event_objects', 'rm_event_details', 'rm_events', 'rm_error_declarations', 'rm_items', 'rm_products', 'rm_enterprises', 'rm_charter', 'rm_checkpoint']) {
        this.db.prepare(`DELETE FROM ${table}`).run();
      }
    });
  }

  putCharter(charter: AllianceCharter, txId: string): void {
    prepared(this.db, 'INSERT INTO rm_charter (id, charter, tx_id) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET charter = excluded.charter, tx_id = excluded.tx_id').run(JSON.stringify(charter), txId);
  }

  charter(): AllianceCharter | undefined {
    const row = prepared(this.db, 'SELECT charter FROM rm_charter WHERE id = 1').get() as { charter: string } | undefined;
    return row && (JSON.parse(row.charter) as AllianceCharter);
  }

  /** A registration keeps the standing's time; a change of status starts a new one. */
  putEnterprise(enterprise: Enterprise, txId: string, committedAt: string): void {
    const before = this.enterprise(enterprise.mspId);
    const changed = before === undefined || before.enterprise.status !== enterprise.status;
    prepared(
      this.db,
      `INSERT INTO rm_enterprises (msp_id, enterprise, status, status_since, status_tx_id) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (msp_id) DO UPDATE SET enterprise = excluded.enterprise, status = excluded.status, status_since = excluded.status_since, status_tx_id = excluded.status_tx_id`,
    ).run(enterprise.mspId, JSON.stringify(enterprise), enterprise.status, changed ? committedAt : before.since, changed ? txId : before.txId);
  }

  enterprise(mspId: string): EnterpriseStanding | undefined {
    const row = prepared(this.db, 'SELECT enterprise, status_since, status_tx_id FROM rm_enterprises WHERE msp_id = ?').get(mspId) as { enterprise: string; status_since: string; status_tx_id: string } | undefined;
    return row && { enterprise: JSON.parse(row.enterprise) as Enterprise, since: row.status_since, txId: row.status_tx_id };
  }

  putProduct(product: Product, txId: string): void {
    prepared(this.db, 'INSERT INTO rm_products (gtin, product, tx_id) VALUES (?, ?, ?) ON CONFLICT (gtin) DO UPDATE SET product = excluded.product, tx_id = excluded.tx_id').run(product.gtin, JSON.stringify(product), txId);
  }

  product(gtin: string): Product | undefined {
    const row = prepared(this.db, 'SELECT product FROM rm_products WHERE gtin = ?').get(gtin) as { product: string } | undefined;
    return row && (JSON.parse(row.product) as Product);
  }

  putEvent(summary: EventSummary, objects: readonly string[], at: { block: bigint; txId: string; committedAt: string }): void {
    prepared(this.db, 'INSERT OR REPLACE INTO rm_events (id, block, tx_id, committed_at, event_time_utc, biz_step, recorded_by, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(summary.id, at.block, at.txId, at.committedAt, summary.eventTimeUtc, summary.bizStep ?? null, summary.recordedBy, JSON.stringify(summary));
    const object = prepared(this.db, 'INSERT OR IGNORE INTO rm_event_objects (epc, event_id) VALUES (?, ?)');
    for (const epc of objects) object.run(epc, summary.id);
  }

  putEventDetail(id: string, collection: string, detail: unknown): void {
    prepared(this.db, 'INSERT OR REPLACE INTO rm_event_details (id, collection, detail) VALUES (?, ?, ?)').run(id, collection, JSON.stringify(detail));
  }

  event(id: string): RecordedEvent | undefined {
    const row = prepared(this.db, `${EVENT_COLUMNS} WHERE e.id = ?`).get(id) as EventRow | undefined;
    return row && recordedEvent(row);
  }

  /** The events naming the item, in the order the ledger committed them. */
  eventsOf(epc: string): RecordedEvent[] {
    return (prepared(this.db, `${EVENT_COLUMNS} JOIN rm_event_objects o ON o.event_id = e.id WHERE o.epc = ? ORDER BY e.block, e.rowid`).all(epc) as EventRow[]).map(recordedEvent);
  }

  putErrorDeclaration(eventId: string, declaration: unknown, txId: string): void {
    prepared(this.db, 'INSERT OR REPLACE INTO rm_error_declarations (event_id, declaration, tx_id) VALUES (?, ?, ?)').run(eventId, JSON.stringify(declaration), txId);
  }

  /** A newer event time makes the item heard from again: its silence may be raised anew. */
  putItem(state: ItemState, txId: string): void {
    prepared(
      this.db,
      `INSERT INTO rm_items (epc, state, last_event_time_utc, tx_id) VALUES (?, ?, ?, ?)
       ON CONFLICT (epc) DO UPDATE SET state = excluded.state, tx_id = excluded.tx_id, last_event_time_utc = excluded.last_event_time_utc,
         silence_raised = CASE WHEN excluded.last_event_time_utc > rm_items.last_event_time_utc THEN 0 ELSE rm_items.silence_raised END`,
    ).run(state.epc, JSON.stringify(state), state.lastEventTimeUtc, txId);
  }

  item(epc: string): ItemState | undefined {
    const row = prepared(this.db, 'SELECT state FROM rm_items WHERE epc = ?').get(epc) as { state: string } | undefined;
    return row && (JSON.parse(row.state) as ItemState);
  }

  /**
   * Items last heard of before the time, whose silence has not been raised since. Every block asks: through the
   * index of the items still listened to, never a scan of every item (which the planner prefers for ORDER BY epc).
   */
  itemsSilentSince(timeUtc: string): ItemState[] {
    return (prepared(this.db, 'SELECT state FROM rm_items INDEXED BY rm_items_listening WHERE silence_raised = 0 AND last_event_time_utc < ? ORDER BY epc').all(timeUtc) as { state: string }[]).map((row) => JSON.parse(row.state) as ItemState);
  }

  markSilenceRaised(epc: string): void {
    prepared(this.db, 'UPDATE rm_items SET silence_raised = 1 WHERE epc = ?').run(epc);
  }

  putRecall(recall: RecallRecord, block: bigint): void {
    this.db.prepare('INSERT OR REPLACE INTO rm_recalls (id, gtin, record, block) VALUES (?, ?, ?, ?)').run(recall.id, recall.gtin, JSON.stringify(recall), block);
  }

  recall(id: string): RecallRecord | undefined {
    const row = this.db.prepare('SELECT record FROM rm_recalls WHERE id = ?').get(id) as { record: string } | undefined;
    return row && (JSON.parse(row.record) as RecallRecord);
  }

  /** Every row of the read model's projection tables, in key order: what a rebuild must reproduce. */
  dump(): Record<string, unknown[]> {
    const tables = { rm_checkpoint: 'id', rm_charter: 'id', rm_enterprises: 'msp_id', rm_products: 'gtin', rm_events: 'id', rm_event_objects: 'epc, event_id', rm_event_details: 'id', rm_error_declarations: 'event_id', rm_items: 'epc', rm_alerts: 'seq', rm_alert_parties: 'alert_seq, msp_id', rm_recalls: 'id' };
    return Object.fromEntries(Object.entries(tables).map(([table, order]) => [table, this.db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all()]));
  }
}

const EVENT_COLUMNS = 'SELECT e.summary, e.block, e.tx_id, e.committed_at, d.detail FROM rm_events e LEFT JOIN rm_event_details d ON d.id = e.id';

interface EventRow {
  readonly summary: string;
  readonly block: number;
  readonly tx_id: string;
  readonly committed_at: string;
  readonly detail: string | null;
}

function recordedEvent(row: EventRow): RecordedEvent {
  const detail = row.detail === null ? undefined : (JSON.parse(row.detail) as { event: Record<string, unknown> }).event;
  return { summary: JSON.parse(row.summary) as EventSummary, block: Number(row.block), txId: row.tx_id, committedAt: row.committed_at, ...(detail && { detail }) };
}
