import type { Db } from './database';

/** A verdict the read model holds: who gave it, and on which items. */
export interface VerdictRow {
  readonly recordedBy: string;
  readonly verdict: string;
  readonly objects: readonly string[];
}

/** Reads of the read model's tables for the desk's figures (the tables are written by the read model alone). */
export class FigureStore {
  constructor(private readonly db: Db) {}

  /**
   * Every inspection or sampling verdict committed on or after the day (YYYY-MM-DD): by commit time, as alerts are
   * counted, since an event's own time is what its recorder wrote.
   */
  verdictsSince(day: string): VerdictRow[] {
    const rows = this.db
      .prepare("SELECT summary FROM rm_events WHERE biz_step IN ('inspecting', 'sampling') AND committed_at >= ? ORDER BY committed_at")
      .all(day) as { summary: string }[];
    return rows.flatMap(({ summary }) => {
      const s = JSON.parse(summary) as { verdict?: string; recordedBy: string; what: { epcList?: string[]; parentID?: string; childEPCs?: string[] } };
      if (s.verdict === undefined) return [];
      const objects = [...(s.what.epcList ?? []), ...(s.what.childEPCs ?? []), ...(s.what.parentID ? [s.what.parentID] : [])];
      return [{ recordedBy: s.recordedBy, verdict: s.verdict, objects }];
    });
  }

  /** Alerts raised on or after the day, by day and responsible enterprise. */
  alertCountsSince(day: string): { day: string; responsible: string; count: number }[] {
    return this.db
      .prepare('SELECT substr(raised_at, 1, 10) AS day, responsible, count(*) AS count FROM rm_alerts WHERE raised_at >= ? GROUP BY day, responsible ORDER BY day')
      .all(day) as { day: string; responsible: string; count: number }[];
  }
}
