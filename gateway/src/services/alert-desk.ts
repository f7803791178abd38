import type { Alert, AlertStore } from '../store/alerts';
import type { ReadModelStore } from '../store/read-model';
import type { ReadModel } from './read-model';

export interface AlertQuery {
  readonly afterSeq?: number;
  readonly rule?: string;
  readonly acknowledged?: boolean;
  readonly limit: number;
}

/**
 * The org's alerts, as its users may see them: the regulator's gateway every alert, a firm's gateway those that
 * concern the firm (its products, its steps, or itself as the responsible enterprise), never another firm's.
 */
export class AlertDesk {
  constructor(
    private readonly alerts: AlertStore,
    private readonly model: ReadModel,
    private readonly store: ReadModelStore,
    private readonly mspId: string,
  ) {}

  list(query: AlertQuery): Alert[] {
    return this.alerts.list({ ...query, party: this.#party() });
  }

  /** The alert, if this org may see it. */
  get(id: string): Alert | undefined {
    const alert = this.alerts.get(id);
    return alert && this.#visible(alert) ? alert : undefined;
  }

  acknowledge(id: string, user: string, note: string): Alert | undefined {
    if (!this.get(id)) return undefined;
    this.alerts.acknowledge(id, user, note, new Date().toISOString());
    return this.get(id);
  }

  /**
   * Sends every visible alert raised after afterSeq, then each new one as its block commits, in seq order with
   * none twice: live alerts are held back until the backlog is out. Answers the unsubscribe function.
   */
  follow(afterSeq: number, send: (alert: Alert) => void): () => void {
    let last = afterSeq;
    let held: Alert[] | undefined = [];
    const deliver = (alert: Alert) => {
      if (alert.seq <= last || !this.#visible(alert)) return;
      last = alert.seq;
      send(alert);
    };
    const unsubscribe = this.model.onAlerts((raised) => (held ? held.push(...raised) : raised.forEach(deliver)));
    for (let page = this.list({ afterSeq, limit: 500 }); page.length > 0; page = this.list({ afterSeq: last, limit: 500 })) page.forEach(deliver);
    const backlog = held;
    held = undefined;
    backlog.forEach(deliver);
    return unsubscribe;
  }

  /** undefined for the charter's regulator, which sees every alert. */
  #party(): string | undefined {
    return this.store.charter()?.regulator === this.mspId ? undefined : this.mspId;
  }

  #visible(alert: Alert): boolean {
    const party = this.#party();
    return party === undefined || alert.parties.includes(party);
  }
}
