import type { Db } from './database';
import { prepared } from './statements';

/** What a rule found, with what shows it and who answers for it. */
export interface AlertDraft {
  /** Stable across a rebuild: derived from the rule and its evidence (see alertId). */
  readonly id: string;
  readonly rule: string;
  /** The enterprise (MSP id) that answers for it. */
  readonly responsible: string;
  /** Every enterprise the alert concerns (brand owners, recorders of its events, the responsible one): who sees it. */
  readonly parties: readonly string[];
  readonly summary: string;
  readonly evidence: { readonly eventIds: readonly string[]; readonly txIds: readonly string[]; readonly epcs?: readonly string[] };
  /** The block and commit time at which it was raised. */
  readonly block: bigint;
  readonly raisedAt: string;
}

export interface Alert extends Omit<AlertDraft, 'block'> {
  /** Its place in the order alerts were raised: the event id of the stream. */
  readonly seq: number;
  readonly block: number;
  readonly acknowledgement?: { readonly user: string; readonly note: string; readonly at: string };
}

export interface AlertFilter {
  /** Only alerts concerning this enterprise; all when absent (the regulator's view). */
  readonly party?: string;
  /** Only alerts raised after this one (by seq). */
  readonly afterSeq?: number;
  readonly rule?: string;
  readonly acknowledged?: boolean;
  readonly limit: number;
}

/** The alerts table: written in the read model's block transaction, read by the alert routes. */
export class AlertStore {
  constructor(private readonly db: Db) {}

  /** Adds the alert unless one with its id was raised already; answers it when added. */
  add(draft: AlertDraft): Alert | undefined {
    const { block, raisedAt, responsible, rule, id, parties, ...rest } = draft;
    const inserted = prepared(this.db, 'INSERT OR IGNORE INTO rm_alerts (id, rule, block, raised_at, responsible, alert) VALUES (?, ?, ?, ?, ?, ?)').run(id, rule, block, raisedAt, responsible, JSON.stringify({ parties, ...rest }));
    if (inserted.changes === 0) return undefined;
    const seq = Number(inserted.lastInsertRowid);
    const party = prepared(this.db, 'INSERT OR IGNORE INTO rm_alert_parties (alert_seq, msp_id) VALUES (?, ?)');
    for (const mspId of parties) party.run(seq, mspId);
    return this.get(id);
  }

  get(id: string): Alert | undefined {
    const row = prepared(this.db, `${ALERT_COLUMNS} WHERE a.id = ?`).get(id) as AlertRow | undefined;
    return row && alertOf(row);
  }

  list(filter: AlertFilter): Alert[] {
    const where = ['a.seq > ?'];
    const args: unknown[] = [filter.afterSeq ?? 0];
    if (filter.party !== undefined) {
      where.push('EXISTS (SELECT 1 FROM rm_alert_parties p WHERE p.alert_seq = a.seq AND p.msp_id = ?)');
      args.push(filter.party);
    }
    if (filter.rule !== undefined) {
      where.push('a.rule = ?');
      args.push(filter.rule);
    }
    if (filter.acknowledged !== undefined) where.push(filter.acknowledged ? 'k.alert_id IS NOT NULL' : 'k.alert_id IS NULL');
    args.push(filter.limit);
    return (prepared(this.db, `${ALERT_COLUMNS} WHERE ${where.join(' AND ')} ORDER BY a.seq LIMIT ?`).all(...args) as AlertRow[]).map(alertOf);
  }

  /** Records the acknowledgement; a second one replaces the first (the note is the org's latest word). */
  acknowledge(id: string, user: string, note: string, at: string): void {
    prepared(this.db, 'INSERT INTO alert_acks (alert_id, user, note, acked_at) VALUES (?, ?, ?, ?) ON CONFLICT (alert_id) DO UPDATE SET user = excluded.user, note = excluded.note, acked_at = excluded.acked_at').run(id, user, note, at);
  }
}

const ALERT_COLUMNS = 'SELECT a.seq, a.id, a.rule, a.block, a.raised_at, a.responsible, a.alert, k.user, k.note, k.acked_at FROM rm_alerts a LEFT JOIN alert_acks k ON k.alert_id = a.id';

interface AlertRow {
  readonly seq: number;
  readonly id: string;
  readonly rule: string;
  readonly block: number;
  readonly raised_at: string;
  readonly responsible: string;
  readonly alert: string;
  readonly user: string | null;
  readonly note: string | null;
  readonly acked_at: string | null;
}

function alertOf(row: AlertRow): Alert {
  const rest = JSON.parse(row.alert) as Pick<Alert, 'parties' | 'summary' | 'evidence'>;
  return {
    seq: Number(row.seq),
    id: row.id,
    rule: row.rule,
    responsible: row.responsible,
    ...rest,
    block: Number(row.block),
    raisedAt: row.raised_at,
    ...(row.user !== null && { acknowledgement: { user: row.user, note: row.note ?? '', at: row.acked_at ?? '' } }),
  };
}
