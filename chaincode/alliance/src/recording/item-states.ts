import { MAX_NESTING, type Custody, type ItemState } from '@crossborder-trace/domain';
import type { TraceLedger } from '../ledger/trace-ledger';

/**
 * Item states as one transaction sees them, and the custody they give. The ledger answers a state this
 * transaction wrote with what it wrote (Fabric has no read-your-writes), and reads each state from the peer once.
 */
export class ItemStates {
  constructor(private readonly ledger: TraceLedger) {}

  async get(epc: string): Promise<ItemState | undefined> {
    return this.ledger.itemState(epc);
  }

  async put(state: ItemState): Promise<void> {
    await this.ledger.putItemState(state);
  }

  /**
   * The custody of each item the ledger knows: who holds it and whom it is shipped to, read through what it is
   * packed in (MAX_NESTING levels at most), and what it is itself packed in.
   */
  async custodyOf(epcs: readonly string[]): Promise<Map<string, Custody>> {
    const custody = new Map<string, Custody>();
    for (const epc of epcs) {
      const item = await this.get(epc);
      if (!item) continue;
      let holder = item;
      for (let depth = 0; holder.containedIn !== undefined && depth < MAX_NESTING; depth += 1) {
        const container: ItemState | undefined = await this.get(holder.containedIn);
        if (!container) break;
        holder = container;
      }
      custody.set(epc, { custodian: holder.custodian, inTransitTo: holder.inTransitTo, containedIn: item.containedIn });
    }
    return custody;
  }

  /** The items and everything each is packed in, MAX_NESTING levels at most: where a parcel may be among them. */
  async withContainers(epcs: readonly string[]): Promise<string[]> {
    const found = new Set(epcs);
    for (const epc of epcs) {
      let container = (await this.get(epc))?.containedIn;
      for (let depth = 0; container !== undefined && depth < MAX_NESTING; depth += 1) {
        found.add(container);
        container = (await this.get(container))?.containedIn;
      }
    }
    return [...found];
  }
}
