import type { EventSummary } from '../trace/event-summary';
import type { ItemState } from '../trace/item-state';
import type { TraceLink } from '../trace/trace-graph';

/** What the alliance chaincode's `trace:journey` answers: an item's events and those of what held it or made it. */
export interface JourneyAnswer {
  readonly epc: string;
  readonly state: ItemState | null;
  readonly events: readonly EventSummary[];
  readonly links: readonly TraceLink[];
  readonly items: readonly string[];
  readonly truncated: boolean;
  /** Ids of events since declared erroneous (EPCIS error declarations): they are not the item's story. */
  readonly declaredErroneous: readonly string[];
}

/** How an event's object relates to the sold item. */
export type JourneyRelation = 'item' | 'container' | 'input';

export interface JourneyStep {
  readonly event: EventSummary;
  /** The identifier the event is about, on the item's behalf: the item itself, a container, an input. */
  readonly object: string;
  readonly relation: JourneyRelation;
}

/** A stretch of event time (UTC, sortable strings) during which an identifier's events are the item's. */
interface Window {
  readonly from: string;
  readonly to: string;
}

const ALWAYS: Window = { from: '', to: '\uffff' };

/**
 * The events that are the item's own story, in time order: its own events; a container's events only while
 * the item was in it (from the aggregation that packed it to the one that unpacked it); an input's events only
 * up to the transformation that made the item. Declared-erroneous events and the declarations are left out.
 */
export function journeySteps(answer: JourneyAnswer): JourneyStep[] {
  const erroneous = new Set(answer.declaredErroneous);
  const events = answer.events.filter((e) => !e.errorDeclaration && !erroneous.has(e.id));
  const byId = new Map(events.map((e) => [e.id, e]));
  const windows = new Map<string, { relation: JourneyRelation; windows: Window[] }>([[answer.epc, { relation: 'item', windows: [ALWAYS] }]]);
  // Links come in the order the chaincode followed them (breadth first from the item), so a link's source has
  // its windows before the link is read.
  for (const link of answer.links) {
    const source = windows.get(link.from);
    const event = byId.get(link.eventId);
    if (!source || !event) continue;
    const reached =
      link.relation === 'packed_in'
        ? source.windows.map((w) => clip(w, { from: event.eventTimeUtc, to: unpackedAt(link.to, link.from, event, events) }))
        : source.windows.map((w) => clip(w, { from: '', to: event.eventTimeUtc }));
    const target = windows.get(link.to) ?? { relation: link.relation === 'packed_in' ? 'container' : 'input', windows: [] };
    target.windows.push(...reached.filter((w): w is Window => w !== undefined));
    windows.set(link.to, target);
  }
  const steps: JourneyStep[] = [];
  for (const event of events) {
    const object = objectOf(answer.epc, event, windows);
    if (object) steps.push(object);
  }
  return steps;
}

/**
 * The item when the event names it (packing it, say, names its container too); otherwise the first of the
 * item's containers and inputs the event names within one of that identifier's windows.
 */
function objectOf(item: string, event: EventSummary, windows: ReadonlyMap<string, { relation: JourneyRelation; windows: Window[] }>): JourneyStep | undefined {
  const { epcList = [], parentID, childEPCs = [], inputEPCList = [], outputEPCList = [] } = event.what;
  const named = [...epcList, ...(parentID ? [parentID] : []), ...childEPCs, ...inputEPCList, ...outputEPCList];
  if (named.includes(item)) return { event, object: item, relation: 'item' };
  for (const epc of named) {
    const entry = windows.get(epc);
    if (entry && entry.windows.some((w) => w.from <= event.eventTimeUtc && event.eventTimeUtc <= w.to)) return { event, object: epc, relation: entry.relation };
  }
  return undefined;
}

/** When the child left the container: the first later aggregation DELETE naming it (or naming no child: all out). */
function unpackedAt(container: string, child: string, packed: EventSummary, events: readonly EventSummary[]): string {
  const unpack = events.find(
    (e) =>
      e.type === 'AggregationEvent' &&
      e.action === 'DELETE' &&
      e.what.parentID === container &&
      e.eventTimeUtc >= packed.eventTimeUtc &&
      e.id !== packed.id &&
      (e.what.childEPCs === undefined || e.what.childEPCs.length === 0 || e.what.childEPCs.includes(child)),
  );
  return unpack?.eventTimeUtc ?? ALWAYS.to;
}

function clip(a: Window, b: Window): Window | undefined {
  const from = a.from > b.from ? a.from : b.from;
  const to = a.to < b.to ? a.to : b.to;
  return from <= to ? { from, to } : undefined;
}
