import type { EventSummary } from './event-summary';
import { forwardLinks, RECALL_LIMITS, type RecallCarrier, type RecalledItem } from './recall';

/** A recall's scope: the items it recalls, the containers that held them, and whether a bound cut it. */
export interface RecallScope {
  readonly items: RecalledItem[];
  readonly carriers: RecallCarrier[];
  readonly truncated: boolean;
}

export interface ScopeLimits {
  readonly maxItems: number;
  readonly maxCarriers: number;
  readonly maxEvents: number;
}

/**
 * The scope of a recall, computed forward from the items its request selects (`selected`, in order): what was made
 * from a recalled item is recalled too, transitively; what a recalled item (or a container of one) was packed in
 * is a carrier, followed only to its own container (see RECALL_FORWARD). `eventsAbout` gives the summaries of the
 * events naming an identifier, in time order. Bounded by the limits (items, carriers, distinct events read); a cut
 * scope says so. The same on every endorsing peer: it reads only channel state, in key order.
 */
export async function recallScope(
  selected: AsyncIterable<string> | Iterable<string>,
  eventsAbout: (epc: string) => AsyncIterable<EventSummary>,
  limits: ScopeLimits = RECALL_LIMITS,
): Promise<RecallScope> {
  const items = new Map<string, RecalledItem>();
  const carriers = new Map<string, Set<string>>();
  const toFollow: string[] = [];
  const eventsRead = new Set<string>();
  let truncated = false;
  const recall = (item: RecalledItem): boolean => {
    if (items.has(item.epc)) return true;
    if (items.size >= limits.maxItems) {
      truncated = true;
      return false;
    }
    items.set(item.epc, item);
    toFollow.push(item.epc);
    return true;
  };
  for await (const epc of selected) if (!recall({ epc })) break;
  follow: while (toFollow.length > 0) {
    const epc = toFollow.shift()!;
    // A carrier is followed only to what it was packed in: what was made from a container is not recalled.
    const carrierOnly = !items.has(epc);
    for await (const summary of eventsAbout(epc)) {
      if (!eventsRead.has(summary.id)) {
        if (eventsRead.size >= limits.maxEvents) {
          truncated = true;
          break follow;
        }
        eventsRead.add(summary.id);
      }
      for (const { link, effect } of forwardLinks(epc, summary)) {
        if (effect === 'recalls') {
          if (!carrierOnly) recall({ epc: link.to, via: { from: epc, eventId: link.eventId, relation: 'made_into' } });
          continue;
        }
        const held = carriers.get(link.to);
        if (held) {
          held.add(epc);
          continue;
        }
        if (carriers.size >= limits.maxCarriers) {
          truncated = true;
          continue;
        }
        carriers.set(link.to, new Set([epc]));
        if (!items.has(link.to)) toFollow.push(link.to);
      }
    }
  }
  // A carrier that is itself recalled is listed among the items only.
  const listed = [...carriers].filter(([epc]) => !items.has(epc)).map(([epc, held]) => ({ epc, held: [...held].sort() }));
  return { items: [...items.values()], carriers: listed.sort((a, b) => (a.epc < b.epc ? -1 : 1)), truncated };
}
