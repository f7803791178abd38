import type { EventSummary } from './event-summary';

/** How one identifier leads to others through an event: packed in / containing, made from / made into. */
export interface TraceLink {
  readonly from: string;
  readonly to: string;
  readonly relation: 'packed_in' | 'contains' | 'made_from' | 'made_into';
  readonly eventId: string;
}

/**
 * The identifiers an event links the given one to, both ways: an aggregation's parent and children (only
 * while it is not a DELETE, which unpacks), a transformation's inputs and outputs.
 */
export function linksOf(epc: string, event: EventSummary): TraceLink[] {
  const { parentID, childEPCs = [], inputEPCList = [], outputEPCList = [] } = event.what;
  const link = (to: string, relation: TraceLink['relation']): TraceLink => ({ from: epc, to, relation, eventId: event.id });
  const links: TraceLink[] = [];
  if (event.type === 'AggregationEvent' && parentID && event.action !== 'DELETE') {
    if (childEPCs.includes(epc)) links.push(link(parentID, 'packed_in'));
    if (parentID === epc) links.push(...childEPCs.map((child) => link(child, 'contains')));
  }
  if (event.type === 'TransformationEvent') {
    if (outputEPCList.includes(epc)) links.push(...inputEPCList.map((input) => link(input, 'made_from')));
    if (inputEPCList.includes(epc)) links.push(...outputEPCList.map((output) => link(output, 'made_into')));
  }
  return links;
}

/** Events in time order, ties broken by id: the same order on every peer. */
export function byEventTime(a: EventSummary, b: EventSummary): number {
  if (a.eventTimeUtc !== b.eventTimeUtc) return a.eventTimeUtc < b.eventTimeUtc ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
