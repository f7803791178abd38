import { forwardLinks, RECALL_LIMITS, salesOf, type EventSummary, type RecallCarrier, type RecalledItem, type RecalledSale, type RecallRecord } from '@crossborder-trace/domain';
import type { TraceLedger } from '../ledger/trace-ledger';
import { AnswerBudget } from '../queries/answer-budget';

/** A recall's scope: the items it recalls, the containers that held them, and whether a bound cut it. */
export interface RecallScope {
  readonly items: RecalledItem[];
  readonly carriers: RecallCarrier[];
  readonly truncated: boolean;
}

/**
 * The scope of a recall, computed forward from the items its request selects (named ones, and every identifier
 * the event index holds under its GTIN or lot prefixes): what was made from a recalled item is recalled too,
 * transitively; what a recalled item (or a container of one) was packed in is a carrier (see RECALL_FORWARD).
 * Bounded by RECALL_LIMITS on every endorsing peer; a cut scope says so.
 */
export async function recallScope(ledger: TraceLedger, selector: { readonly prefixes: readonly string[]; readonly items: readonly string[] }): Promise<RecallScope> {
  const items = new Map<string, RecalledItem>();
  const carriers = new Map<string, Set<string>>();
  const toFollow: string[] = [];
  const events = new EventReader(ledger);
  let truncated = false;
  const recall = (item: RecalledItem): boolean => {
    if (items.has(item.epc)) return true;
    if (items.size >= RECALL_LIMITS.maxItems) {
      truncated = true;
      return false;
    }
    items.set(item.epc, item);
    toFollow.push(item.epc);
    return true;
  };
  for (const epc of selector.items) recall({ epc });
  for (const prefix of selector.prefixes) {
    for await (const epc of ledger.itemsUnder(prefix)) if (!recall({ epc })) break;
  }
  follow: while (toFollow.length > 0) {
    const epc = toFollow.shift()!;
    // A carrier is followed only to what it was packed in: what was made from a container is not recalled.
    const carrierOnly = !items.has(epc);
    for await (const summary of events.about(epc)) {
      if (summary === undefined) {
        truncated = true;
        break follow;
      }
      for (const { link, effect } of forwardLinks(epc, summary)) {
        if (effect === 'recalls') {
          if (carrierOnly) continue;
          recall({ epc: link.to, via: { from: epc, eventId: link.eventId, relation: 'made_into' } });
          continue;
        }
        const held = carriers.get(link.to);
        if (held) {
          held.add(epc);
          continue;
        }
        if (carriers.size >= RECALL_LIMITS.maxCarriers) {
          truncated = true;
          continue;
        }
        carriers.set(link.to, new Set([epc]));
        // A container's own container (a case on a pallet) carries what it carries: followed as a recalled item's.
        if (!items.has(link.to)) toFollow.push(link.to);
      }
    }
  }
  // A carrier that is itself recalled is listed among the items only.
  const listedCarriers = [...carriers].filter(([epc]) => !items.has(epc)).map(([epc, held]) => ({ epc, held: [...held].sort() }));
  return { items: [...items.values()], carriers: listedCarriers.sort((a, b) => (a.epc < b.epc ? -1 : 1)), truncated };
}

/**
 * Sales (retail_selling) of the recalled items, read when the recall is read so that a sale recorded after the
 * recall is listed too: each item's events, within the answer budget.
 */
export async function recallSales(ledger: TraceLedger, recall: RecallRecord): Promise<{ sales: RecalledSale[]; truncated: boolean }> {
  const events = new EventReader(ledger);
  const budget = new AnswerBudget(Number.MAX_SAFE_INTEGER);
  const sales: RecalledSale[] = [];
  for (const { epc } of recall.items) {
    const about: EventSummary[] = [];
    for await (const summary of events.about(epc)) {
      if (summary === undefined) return { sales, truncated: true };
      about.push(summary);
    }
    for (const sale of salesOf(epc, about, recall.issuedAt)) {
      if (!budget.admit(sale)) return { sales, truncated: true };
      sales.push(sale);
    }
  }
  return { sales, truncated: false };
}

/** Event summaries about an identifier, each read once per reader, at most RECALL_LIMITS.maxEvents in all. */
class EventReader {
  readonly #read = new Map<string, EventSummary | undefined>();

  constructor(private readonly ledger: TraceLedger) {}

  /** The item's events in time order; undefined once the bound is reached (and nothing after it). */
  async *about(epc: string): AsyncGenerator<EventSummary | undefined> {
    for await (const { id } of this.ledger.eventIndexScan('epc', epc, {})) {
      if (!this.#read.has(id)) {
        if (this.#read.size >= RECALL_LIMITS.maxEvents) {
          yield undefined;
          return;
        }
        this.#read.set(id, await this.ledger.eventSummary(id));
      }
      const summary = this.#read.get(id);
      if (summary) yield summary;
    }
  }
}
