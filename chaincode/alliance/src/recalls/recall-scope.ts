import { RECALL_LIMITS, recallScope, salesOf, type EventSummary, type RecalledSale, type RecallRecord, type RecallScope } from '@crossborder-trace/domain';
import type { TraceLedger } from '../ledger/trace-ledger';
import { AnswerBudget } from '../queries/answer-budget';

/**
 * The scope of a recall on this ledger (the rule is recallScope's, in the domain package): the items named, every
 * identifier the event index holds under the request's GTIN or lot prefixes, and forward from them.
 */
export async function recallScopeOn(ledger: TraceLedger, selector: { readonly prefixes: readonly string[]; readonly items: readonly string[] }): Promise<RecallScope> {
  // The domain rule bounds the events it reads; the reader only reads each once.
  const events = new EventReader(ledger, Number.POSITIVE_INFINITY);
  return recallScope(selected(ledger, selector), (epc) => events.about(epc));
}

async function* selected(ledger: TraceLedger, selector: { readonly prefixes: readonly string[]; readonly items: readonly string[] }): AsyncGenerator<string> {
  yield* selector.items;
  for (const prefix of selector.prefixes) yield* ledger.itemsUnder(prefix);
}

/**
 * Sales (retail_selling) of the recalled items, read when the recall is read so that a sale recorded after the
 * recall is listed too: each item's events, within RECALL_LIMITS.maxEvents and the answer budget.
 */
export async function recallSales(ledger: TraceLedger, recall: RecallRecord): Promise<{ sales: RecalledSale[]; truncated: boolean }> {
  const events = new EventReader(ledger, RECALL_LIMITS.maxEvents);
  const budget = new AnswerBudget(Number.MAX_SAFE_INTEGER);
  const sales: RecalledSale[] = [];
  for (const { epc } of recall.items) {
    const about: EventSummary[] = [];
    for await (const summary of events.about(epc)) about.push(summary);
    if (events.exhausted) return { sales, truncated: true };
    for (const sale of salesOf(epc, about, recall.issuedAt)) {
      if (!budget.admit(sale)) return { sales, truncated: true };
      sales.push(sale);
    }
  }
  return { sales, truncated: false };
}

/** Event summaries about an identifier, each read from the ledger once, at most maxEvents in all. */
class EventReader {
  readonly #read = new Map<string, EventSummary | undefined>();
  /** The bound was reached: what `about` yielded since is incomplete. */
  exhausted = false;

  constructor(
    private readonly ledger: TraceLedger,
    private readonly maxEvents: number,
  ) {}

  /** The identifier's events in time order, until the bound. */
  async *about(epc: string): AsyncGenerator<EventSummary> {
    for await (const { id } of this.ledger.eventIndexScan('epc', [epc], {})) {
      if (!this.#read.has(id)) {
        if (this.#read.size >= this.maxEvents) {
          this.exhausted = true;
          return;
        }
        this.#read.set(id, await this.ledger.eventSummary(id));
      }
      const summary = this.#read.get(id);
      if (summary) yield summary;
    }
  }
}
