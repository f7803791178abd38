import type { EventSummary } from './event-summary';

/** An item's current state as its latest event (by event time) left it: the answer to "where is it now". */
export interface ItemState {
  readonly epc: string;
  readonly lastEventId: string;
  readonly lastEventTimeUtc: string;
  readonly lastBizStep?: string;
  readonly disposition?: string;
  readonly bizLocation?: string;
  /** The enterprise (MSP id) that recorded the latest event: who had the item. */
  readonly custodian: string;
}

/**
 * The state after an event about the item, or undefined when the event is older than what the state already
 * reflects (events may be recorded late; a late one is history, not the present). Location and disposition
 * carry over from the earlier state when the event does not say them.
 */
export function nextItemState(epc: string, current: ItemState | undefined, event: EventSummary): ItemState | undefined {
  if (current && event.eventTimeUtc < current.lastEventTimeUtc) return undefined;
  return {
    epc,
    lastEventId: event.id,
    lastEventTimeUtc: event.eventTimeUtc,
    lastBizStep: event.bizStep,
    disposition: event.disposition ?? current?.disposition,
    bizLocation: event.bizLocation ?? current?.bizLocation,
    custodian: event.recordedBy,
  };
}
