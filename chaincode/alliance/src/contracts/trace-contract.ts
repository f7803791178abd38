import {
  byEventTime,
  canonicalJson,
  indexFor,
  linksOf,
  matchesQuery,
  parseItemSelector,
  RECALL_LIMITS,
  recallSelector,
  parseEventQuery,
  queryIdentifier,
  TraceError,
  type EventSummary,
  type TraceLink,
} from '@crossborder-trace/domain';
import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';
import { TraceLedger } from '../ledger/trace-ledger';
import { AnswerBudget } from '../queries/answer-budget';

/** A trace stops growing at these bounds, so that it stays bounded on every peer; the answer says it was cut. */
const MAX_TRACED_ITEMS = 200;
const MAX_TRACED_EVENTS = 1_000;
/** An item's history answers its newest versions, this many at most, and says when older ones were left out. */
const MAX_HISTORY_VERSIONS = 1_000;
const ALL_RELATIONS: ReadonlySet<TraceLink['relation']> = new Set(['packed_in', 'contains', 'made_from', 'made_into']);
/** Toward what held the item and what it came from: the item's own past, not its neighbours'. */
const UPWARD_RELATIONS: ReadonlySet<TraceLink['relation']> = new Set(['packed_in', 'made_from']);

/** Read-only queries over the alliance-wide summaries: an item's path, its state and history, event search. */
export class TraceContract extends Contract {
  constructor() {
    super('trace');
  }

  /**
   * Every event about an item, in time order, following aggregation (what it was packed in, what it contains)
   * and transformation (what it was made from, what was made from it) both ways, with its current state. The
   * item may be named in any identifier form capture takes.
   */
  @Transaction(false)
  @Returns('string')
  public async item(ctx: Context, epcInput: string): Promise<string> {
    return canonicalJson(await this.#trace(new TraceLedger(ctx.stub), epcInput, ALL_RELATIONS));
  }

  /**
   * The events of an item's own journey, in time order: its own, those of every container it was packed in
   * and of everything it was made from, followed upward only (not what it was packed with or made into). The
   * public record of a sold item is screened from this.
   */
  @Transaction(false)
  @Returns('string')
  public async journey(ctx: Context, epcInput: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const trace = await this.#trace(ledger, epcInput, UPWARD_RELATIONS);
    const declaredErroneous: string[] = [];
    for (const event of trace.events) if (await ledger.errorDeclaration(event.id)) declaredErroneous.push(event.id);
    return canonicalJson({ ...trace, declaredErroneous });
  }

  async #trace(ledger: TraceLedger, epcInput: string, relations: ReadonlySet<TraceLink['relation']>) {
    const epc = queryIdentifier(epcInput, 'the item');
    const events = new Map<string, EventSummary>();
    const links: TraceLink[] = [];
    const visited = new Set<string>([epc]);
    const queue = [epc];
    const eventBudget = new AnswerBudget(MAX_TRACED_EVENTS);
    const linkBudget = new AnswerBudget(Number.MAX_SAFE_INTEGER);
    let truncated = false;
    trace: while (queue.length > 0) {
      const current = queue.shift()!;
      for await (const { id } of ledger.eventIndexScan('epc', [current], {})) {
        let summary = events.get(id);
        if (!summary) {
          summary = await ledger.eventSummary(id);
          if (!summary) continue;
          if (!eventBudget.admit(summary)) {
            truncated = true;
            break trace;
          }
          events.set(id, summary);
        }
        for (const link of linksOf(current, summary)) {
          if (!relations.has(link.relation)) continue;
          if (!linkBudget.admit(link)) {
            truncated = true;
            break trace;
          }
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
    return {
      epc,
      state: (await ledger.itemState(epc)) ?? null,
      events: [...events.values()].sort(byEventTime),
      links,
      items: [...visited],
      truncated,
    };
  }

  /**
   * The items of a product (selectorJson: { gtin, lot? | serials? }) the ledger holds events about, as a recall
   * selects them, in identifier order; at most RECALL_LIMITS.maxItems, then truncated.
   */
  @Transaction(false)
  @Returns('string')
  public async itemsOf(ctx: Context, selectorJson: string): Promise<string> {
    const selector = recallSelector(parseItemSelector(selectorJson));
    const ledger = new TraceLedger(ctx.stub);
    const items = new Set<string>();
    let truncated = false;
    const take = (epc: string) => {
      if (items.size >= RECALL_LIMITS.maxItems) truncated = true;
      else items.add(epc);
      return !truncated;
    };
    for (const epc of selector.items) {
      for await (const found of ledger.itemsUnder(epc)) {
        if (found === epc) take(epc);
        break;
      }
    }
    for (const prefix of selector.prefixes) {
      for await (const epc of ledger.itemsUnder(prefix)) if (!take(epc)) break;
    }
    return canonicalJson({ items: [...items], truncated });
  }

  /** The versions of the item's state, oldest first, with the transaction that changed each. */
  @Transaction(false)
  @Returns('string')
  public async history(ctx: Context, epcInput: string): Promise<string> {
    const epc = queryIdentifier(epcInput, 'the item');
    const { versions, truncated } = await new TraceLedger(ctx.stub).itemHistory(epc, new AnswerBudget(MAX_HISTORY_VERSIONS));
    if (versions.length === 0) throw new TraceError('NOT_FOUND', `no state was ever recorded for ${epc}`);
    return canonicalJson({ epc, history: versions, truncated });
  }

  /**
   * A page of event summaries matching the query (see parseEventQuery), in event time order. The index serves
   * up to pageSize entries; dimensions it does not cover filter them, so a page may hold fewer, and a page
   * stops early at the answer budget. More follow while the answered bookmark is not empty.
   */
  @Transaction(false)
  @Returns('string')
  public async events(ctx: Context, queryJson: string): Promise<string> {
    const query = parseEventQuery(queryJson);
    const ledger = new TraceLedger(ctx.stub);
    const { index, values } = indexFor(query);
    const budget = new AnswerBudget(query.pageSize);
    const events: EventSummary[] = [];
    let bookmark = '';
    for await (const entry of ledger.eventIndexScan(index, values, { fromUtc: query.fromUtc, toUtc: query.toUtc }, query.bookmark)) {
      const summary = await ledger.eventSummary(entry.id);
      if (!budget.admit(summary ?? null)) {
        bookmark = entry.bookmark;
        break;
      }
      if (summary && matchesQuery(summary, query)) events.push(summary);
    }
    return canonicalJson({ events, bookmark });
  }
}
