import { MAX_NESTING, type Custody, type ItemState } from '@crossborder-trace/domain';
import type { TraceLedger } from '../ledger/trace-ledger';

/**
 * Item states as one transaction sees them: Fabric has no read-your-writes, so what this transaction wrote is
 * kept here and read back from here.
 */
export class ItemStates {
  readonly #states = new Map<string, ItemState | undefined>();

  constructor(private readonly ledger: TraceLedger) {}

  async get(epc: string): Promise<ItemState | undefined> {
    if (!this.#states.has(epc)) this.#states.set(epc, await this.ledger.itemState(epc));
    return this.#states.get(epc);
  }

  async put(state: ItemState): Promise<void> {
    this.#states.set(state.epc, state);
    await this.ledger.putItemState(state);
  }

  /** The custody of each item the ledger knows, read through what it is packed in (MAX_NESTING levels at most). */
  async custodyOf(epcs: readonly string[]): Promise<Map<string, Custody>> {
    const custody = new Map<string, Custody>();
    for (const epc of epcs) {
      let holder = await this.get(epc);
      if (!holder) continue;
      for (let depth = 0; holder.containedIn !== undefined && depth < MAX_NESTING; depth += 1) {
        const container: ItemState | undefined = await this.get(holder.containedIn);
        if (!container) break;
        holder = container;
      }
      custody.set(epc, { custodian: holder.custodian, inTransitTo: holder.inTransitTo });
    }
    return custody;
  }

  /** What each item is packed in now, as its own state says. */
  async containersOf(epcs: readonly string[]): Promise<Map<string, string | undefined>> {
    const containers = new Map<string, string | undefined>();
    for (const epc of epcs) containers.set(epc, (await this.get(epc))?.containedIn);
    return containers;
  }
}
