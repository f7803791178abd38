import {
  byEventTime,
  canonicalJson,
  indexFor,
  linksOf,
  matchesQuery,
  parseEventQuery,
  TraceError,
  type EventSummary,
  type TraceLink,
} from '@crossborder-trace/domain';
import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';
import { TraceLedger } from '../ledger/trace-ledger';

/** A trace stops growing here so that it stays bounded on every peer; the answer says it was cut. */
const MAX_TRACED_ITEMS = 200;

/** Read-only queries over the alliance-wide summaries: an item's path, its state and history, event search. */
export class TraceContract extends Contract {
  constructor() {
    super('trace');
  }

  /**
   * Every event about an item, in time order, following aggregation (what it was packed in, what it contains)
   * and transformation (what it was made from, what was made from it) both ways, with its current state.
   */
  @Transaction(false)
  @Returns('string')
  public async item(ctx: Context, epc: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const events = new Map<string, EventSummary>();
    const links: TraceLink[] = [];
    const visited = new Set<string>([epc]);
    const queue = [epc];
    let truncated = false;
    while (queue.length > 0) {
      const current = queue.shift()!;
      for (const id of await ledger.eventIdsFor(current)) {
        const summary = events.get(id) ?? (await ledger.eventSummary(id));
        if (!summary) continue;
        events.set(id, summary);
        for (const link of linksOf(current, summary)) {
          links.push(link);
          if (visited.has(link.to)) continue;
          if (visited.size >= MAX_TRACED_ITEMS) {
            truncated = true;
            continue;
          }
          visited.add(link.to);
          queue.push(link.to);
        }
      }
    }
    if (events.size === 0) throw new TraceError('NOT_FOUND', `no event names ${epc}`);
    return canonicalJson({
      epc,
      state: (await ledger.itemState(epc)) ?? null,
      events: [...events.values()].sort(byEventTime),
      links,
      items: [...visited],
      truncated,
    });
  }

  /** Every version of the item's state, with the transaction that changed it. */
  @Transaction(false)
  @Returns('string')
  public async history(ctx: Context, epc: string): Promise<string> {
    const history = await new TraceLedger(ctx.stub).itemHistory(epc);
    if (history.length === 0) throw new TraceError('NOT_FOUND', `no state was ever recorded for ${epc}`);
    return canonicalJson({ epc, history });
  }

  /**
   * A page of event summaries matching the query (see parseEventQuery). The index serves pageSize entries;
   * dimensions it does not cover filter them, so a page may hold fewer. More follow while the answered bookmark
   * is not empty.
   */
  @Transaction(false)
  @Returns('string')
  public async events(ctx: Context, queryJson: string): Promise<string> {
    const query = parseEventQuery(queryJson);
    const ledger = new TraceLedger(ctx.stub);
    const { index, value } = indexFor(query);
    const page = await ledger.eventIdPage(index, value, { fromUtc: query.fromUtc, toUtc: query.toUtc }, query.pageSize, query.bookmark);
    const events: EventSummary[] = [];
    for (const id of page.ids) {
      const summary = await ledger.eventSummary(id);
      if (summary && matchesQuery(summary, query)) events.push(summary);
    }
    return canonicalJson({ events, bookmark: page.bookmark });
  }
}
