import type { Custody } from './custody';
import type { EventSummary } from './event-summary';

/**
 * An item's current state: what its latest event (by event time) left it as, and who holds it. The two follow
 * different clocks. Events may be recorded late, and a late one is history, not the present, so the
 * description follows event time. Custody passes in the order the ledger commits it: a late receipt still
 * hands the item over.
 */
export interface ItemState {
  readonly epc: string;
  readonly lastEventId: string;
  readonly lastEventTimeUtc: string;
  readonly lastBizStep?: string;
  readonly disposition?: string;
  readonly bizLocation?: string;
  /** The enterprise (MSP id) that holds the item. */
  readonly custodian: string;
  /** The enterprise a shipment names as its destination, until it takes the item. */
  readonly inTransitTo?: string;
  /** The EPC of what the item is packed in: whoever holds that holds the item. */
  readonly containedIn?: string;
  /** The recalls (their ids) that reach the item; once recalled it stays so, whatever is recorded after. */
  readonly recalls?: readonly string[];
}

/** The state once a recall reaches the item (an item the ledger never saw has none to change). */
export function recalledItemState(current: ItemState, recallId: string): ItemState {
  const recalls = [...new Set([...(current.recalls ?? []), recallId])];
  return { ...current, recalls };
}

/**
 * The state after an event about the item. Location and disposition carry over from the earlier state when the
 * event does not say them; an event older than the state's latest changes only custody.
 */
export function nextItemState(epc: string, current: ItemState | undefined, event: EventSummary, custody: Custody): ItemState {
  const held = { custodian: custody.custodian, inTransitTo: custody.inTransitTo, containedIn: custody.containedIn };
  if (current && event.eventTimeUtc < current.lastEventTimeUtc) return { ...current, ...held };
  return {
    epc,
    lastEventId: event.id,
    lastEventTimeUtc: event.eventTimeUtc,
    lastBizStep: event.bizStep,
    disposition: event.disposition ?? current?.disposition,
    bizLocation: event.bizLocation ?? current?.bizLocation,
    ...held,
    recalls: current?.recalls,
  };
}
