import type { EventQueryInput } from '@crossborder-trace/domain';
import type { LedgerPort } from '../fabric/port';

/** What the alliance chaincode answers to reads, as the caller's user: the chaincode decides what each may see. */
export class LedgerReads {
  constructor(private readonly ledger: LedgerPort) {}

  async events(user: string, query: EventQueryInput): Promise<{ events: Record<string, unknown>[]; bookmark: string }> {
    return this.#json(user, 'trace', 'events', JSON.stringify(query));
  }

  /** An event's shared summary by its alliance id, or by its CBV 2.0 Event Hash ID (ni:///…) where the caller may read it. */
  async event(user: string, id: string): Promise<Record<string, unknown>> {
    return id.startsWith('ni:') ? this.#json(user, 'event', 'byHash', id) : this.#json(user, 'event', 'get', id);
  }

  async eventDetail(user: string, id: string): Promise<Record<string, unknown>> {
    const allianceId = id.startsWith('ni:') ? ((await this.event(user, id)).id as string) : id;
    return this.#json(user, 'event', 'detail', allianceId);
  }

  async trace(user: string, epc: string): Promise<unknown> {
    return this.#json(user, 'trace', 'item', epc);
  }

  async history(user: string, epc: string): Promise<unknown> {
    return this.#json(user, 'trace', 'history', epc);
  }

  async enterprises(user: string): Promise<unknown> {
    return this.#json(user, 'enterprise', 'list');
  }

  async enterprise(user: string, mspId: string): Promise<unknown> {
    return this.#json(user, 'enterprise', 'get', mspId);
  }

  /** Every version of an enterprise's record: its status changes, each with its reason and transaction. */
  async enterpriseHistory(user: string, mspId: string): Promise<unknown> {
    return this.#json(user, 'enterprise', 'history', mspId);
  }

  /** The items of a product, a lot or serials the ledger holds events about. */
  async itemsOf(user: string, selector: Record<string, unknown>): Promise<{ items: string[]; truncated: boolean }> {
    return this.#json(user, 'trace', 'itemsOf', JSON.stringify(selector));
  }

  async product(user: string, gtin: string): Promise<unknown> {
    return this.#json(user, 'product', 'get', gtin);
  }

  async charter(user: string): Promise<unknown> {
    return this.#json(user, 'charter', 'get');
  }

  async #json<T>(user: string, contract: string, transaction: string, ...args: string[]): Promise<T> {
    const bytes = await this.ledger.evaluate(user, { contract, transaction, args });
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
  }
}
