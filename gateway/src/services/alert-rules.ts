import { brandOwnerOf, gtinOf, objectsOf, readingsOutsideLimits, temperatureReadings, type AllianceCharter, type CustomsVerdict, type ItemState, type Product } from '@crossborder-trace/domain';
import type { ReadModelStore, RecordedEvent } from '../store/read-model';

/** An item whose newest event is dated more than this before a block's commit time has gone silent. */
export const SILENCE_DEADLINE_MS = 30 * 24 * 3_600_000;
/**
 * Two sightings of one serial in two countries less than this apart (by event time) cannot both be true: no
 * consignment crosses a border, in either direction, within an hour. A place's country is the charter's country
 * of the member holding the company prefix of its GLN; places under no member's prefix have no known country.
 */
export const MIN_BORDER_CROSSING_MS = 3_600_000;
/** Where an item's journey ends: an item that stopped here is not silent. */
const FINISHED_DISPOSITIONS = new Set(['retail_sold', 'destroyed', 'disposed', 'inactive', 'expired', 'dispensed']);
const FINISHED_STEPS = new Set(['retail_selling', 'destroying', 'decommissioning', 'killing']);

/** What a rule found: the alert, less what the evaluator adds (its id, parties, block and time). */
export interface Finding {
  /** What makes this finding one alert and not another (with the rule's name, the alert's id). */
  readonly key: string;
  readonly responsible: string;
  readonly summary: string;
  readonly eventIds: readonly string[];
  readonly txIds: readonly string[];
  readonly epcs?: readonly string[];
}

/** A newly committed event, with the read model as of its transaction's commit. */
export interface EventContext {
  readonly event: RecordedEvent;
  /** Item states as they were before the event's transaction. */
  readonly before: ReadonlyMap<string, ItemState | undefined>;
  readonly model: ReadModelStore;
  readonly charter: AllianceCharter | undefined;
}

/** A committed block: its time is the latest commit time of its transactions. */
export interface BlockContext {
  readonly time: string;
  readonly model: ReadModelStore;
}

/** A customs verdict a transaction wrote to channel state. */
export interface VerdictContext {
  readonly verdict: CustomsVerdict;
  readonly txId: string;
}

export interface AlertRule {
  readonly rule: string;
  /** What raises it, in a sentence: the rules as one readable table. */
  readonly raisedWhen: string;
  readonly onEvent?: (context: EventContext) => Finding[];
  readonly onBlock?: (context: BlockContext) => Finding[];
  readonly onVerdict?: (context: VerdictContext) => Finding[];
}

/** The rules, evaluated in this order as each transaction (onEvent) and each block (onBlock) commits. */
export const ALERT_RULES: readonly AlertRule[] = [
  {
    rule: 'failed-inspection',
    raisedWhen: 'an inspecting or sampling step gives the verdict non_conformant (customs refusing goods gives it too); the holder answers',
    onEvent: ({ event, before, charter }) =>
      event.summary.verdict === 'non_conformant' ? [single(event, holderOf(event, before, charter), `${event.summary.bizStep} by ${event.summary.recordedBy} found the goods non-conformant`)] : [],
  },
  {
    rule: 'customs-hold',
    raisedWhen: 'customs records a holding step; the holder answers',
    onEvent: ({ event, before, charter }) =>
      event.summary.bizStep === 'holding' && charter?.members[event.summary.recordedBy]?.roles.includes('customs')
        ? [single(event, holderOf(event, before, charter), `customs ${event.summary.recordedBy} holds the goods`)]
        : [],
  },
  {
    rule: 'cold-chain-breach',
    raisedWhen: "a temperature sensor report lies outside the product's registered storageTemperature (only where the org may read the event's detail); the recorder answers",
    onEvent: ({ event, model }) => coldChainBreaches(event, model),
  },
  {
    rule: 'blind-spot-missing-step',
    raisedWhen: "an item is sold (retail_selling) without every step its product's expectedSteps names, on it or on a container it was packed in; the seller answers",
    onEvent: ({ event, model }) => (event.summary.bizStep === 'retail_selling' ? missingSteps(event, model) : []),
  },
  {
    rule: 'blind-spot-silent',
    raisedWhen: `an item not at the end of its journey whose newest event is dated more than ${SILENCE_DEADLINE_MS / 86_400_000} days before a block commits; raised once until it is heard from again; its holder answers`,
    onBlock: ({ time, model }) => silentItems(time, model),
  },
  {
    rule: 'clone-sold-twice',
    raisedWhen: 'a serial is sold (retail_selling) by a second event; the second seller answers',
    onEvent: ({ event, model }) =>
      event.summary.bizStep !== 'retail_selling'
        ? []
        : objectsOf(event.summary).flatMap((epc) =>
            model
              .eventsOf(epc)
              .filter((other) => other.summary.id !== event.summary.id && other.summary.bizStep === 'retail_selling')
              .map((other) => pair(other, event, epc, `${epc} was sold twice`)),
          ),
  },
  {
    rule: 'clone-impossible-travel',
    raisedWhen: `a serial is seen in two countries less than ${MIN_BORDER_CROSSING_MS / 60_000} minutes apart by event time; the later recorder answers`,
    onEvent: ({ event, model, charter }) => impossibleTravel(event, model, charter),
  },
  {
    rule: 'suspended-enterprise-activity',
    raisedWhen: 'an event names an item whose brand owner or holder is suspended at the commit; the suspended enterprise answers',
    onEvent: ({ event, before, model, charter }) => suspendedActivity(event, before, model, charter),
  },
  {
    rule: 'recalled-item-sold',
    raisedWhen: 'an item is sold (retail_selling) after a recall reached it: a recall (recall contract) its state lists, or an earlier event on it or its container with disposition recalled; the seller answers',
    onEvent: ({ event, before, model }) => (event.summary.bizStep === 'retail_selling' ? recalledSales(event, before, model) : []),
  },
  {
    rule: 'customs-documents-mismatch',
    raisedWhen: "customs' check finds a declaration that does not match its order, payment or waybill (the mismatch kinds and fields, never their values); raised once per declaration and set of kinds; the declaring platform answers",
    onVerdict: ({ verdict, txId }) =>
      verdict.status !== 'mismatched'
        ? []
        : [
            {
              key: `${verdict.declarationId} ${verdict.mismatches.map((m) => m.kind).join(',')}`,
              responsible: verdict.declaredBy,
              summary: `declaration ${verdict.declarationId} does not match its documents: ${verdict.mismatches.map((m) => `${m.kind} (${m.fields.join(', ')})`).join('; ')}`,
              eventIds: [],
              txIds: [txId],
            },
          ],
  },
];

function single(event: RecordedEvent, responsible: string, summary: string): Finding {
  return { key: event.summary.id, responsible, summary, eventIds: [event.summary.id], txIds: [event.txId], epcs: objectsOf(event.summary) };
}

function pair(earlier: RecordedEvent, later: RecordedEvent, epc: string, summary: string): Finding {
  return {
    key: `${earlier.summary.id} ${later.summary.id} ${epc}`,
    responsible: later.summary.recordedBy,
    summary,
    eventIds: [earlier.summary.id, later.summary.id],
    txIds: [...new Set([earlier.txId, later.txId])],
    epcs: [epc],
  };
}

/** Who held the event's first item before it: else its brand owner, else the recorder. */
function holderOf(event: RecordedEvent, before: ReadonlyMap<string, ItemState | undefined>, charter: AllianceCharter | undefined): string {
  const [epc] = objectsOf(event.summary);
  return (epc && before.get(epc)?.custodian) ?? (epc && charter && brandOwnerOf(charter, epc)) ?? event.summary.recordedBy;
}

/** The product registered for an identifier's GTIN, if it is one. */
export function productOf(identifier: string, model: ReadModelStore): Product | undefined {
  try {
    const gtin = gtinOf(identifier);
    return gtin === undefined ? undefined : model.product(gtin);
  } catch {
    // Not a GS1 identifier: no product.
    return undefined;
  }
}

function coldChainBreaches(event: RecordedEvent, model: ReadModelStore): Finding[] {
  const readings = temperatureReadings(event.detail);
  if (readings.length === 0) return [];
  const identifiers = [...objectsOf(event.summary), ...(event.summary.what.epcClasses ?? [])];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const identifier of identifiers) {
    const product = productOf(identifier, model);
    const range = product?.limits.storageTemperature;
    if (!product || !range || seen.has(product.gtin)) continue;
    seen.add(product.gtin);
    const outside = readingsOutsideLimits(readings, product.limits);
    if (outside.length === 0) continue;
    findings.push({
      ...single(event, event.summary.recordedBy, `${outside.map((t) => `${t} °C`).join(', ')} outside ${range.min}..${range.max} °C registered for ${product.name} (${product.gtin})`),
      key: `${event.summary.id} ${product.gtin}`,
    });
  }
  return findings;
}

/** The item's events and those of every container it was packed in (an aggregation naming it as a child). */
function journeyOf(epc: string, model: ReadModelStore): RecordedEvent[] {
  const own = model.eventsOf(epc);
  const containers = new Set(own.filter((e) => e.summary.what.childEPCs?.includes(epc) && e.summary.what.parentID).map((e) => e.summary.what.parentID as string));
  return [...own, ...[...containers].flatMap((container) => model.eventsOf(container))];
}

function missingSteps(event: RecordedEvent, model: ReadModelStore): Finding[] {
  return objectsOf(event.summary).flatMap((epc) => {
    const expected = productOf(epc, model)?.expectedSteps ?? [];
    if (expected.length === 0) return [];
    const seen = new Set(journeyOf(epc, model).map((e) => e.summary.bizStep));
    const missing = expected.filter((step) => !seen.has(step));
    if (missing.length === 0) return [];
    return [{ ...single(event, event.summary.recordedBy, `${epc} was sold without ${missing.join(', ')}`), key: `${event.summary.id} ${epc}`, epcs: [epc] }];
  });
}

function silentItems(time: string, model: ReadModelStore): Finding[] {
  const cutoff = new Date(Date.parse(time) - SILENCE_DEADLINE_MS).toISOString();
  const findings: Finding[] = [];
  for (const item of model.itemsSilentSince(cutoff)) {
    // Raised once per silence; a newer event makes the item heard from again (ReadModelStore.putItem).
    model.markSilenceRaised(item.epc);
    // A packed item speaks through its container; a finished journey is not silence.
    if (item.containedIn || (item.disposition && FINISHED_DISPOSITIONS.has(item.disposition)) || (item.lastBizStep && FINISHED_STEPS.has(item.lastBizStep))) continue;
    const last = model.event(item.lastEventId);
    findings.push({
      key: `${item.epc} ${item.lastEventId}`,
      responsible: item.custodian,
      summary: `nothing recorded about ${item.epc} since ${item.lastEventTimeUtc}`,
      eventIds: [item.lastEventId],
      txIds: last ? [last.txId] : [],
      epcs: [item.epc],
    });
  }
  return findings;
}

function countryOf(place: string | undefined, charter: AllianceCharter | undefined): string | undefined {
  if (!place || !charter) return undefined;
  const holder = brandOwnerOf(charter, place);
  return holder === undefined ? undefined : charter.members[holder]?.country;
}

function impossibleTravel(event: RecordedEvent, model: ReadModelStore, charter: AllianceCharter | undefined): Finding[] {
  const placeOf = (e: RecordedEvent) => e.summary.bizLocation ?? e.summary.readPoint;
  const here = countryOf(placeOf(event), charter);
  if (here === undefined) return [];
  const at = Date.parse(event.summary.eventTimeUtc);
  return objectsOf(event.summary).flatMap((epc) =>
    model
      .eventsOf(epc)
      .filter((other) => other.summary.id !== event.summary.id)
      .filter((other) => {
        const there = countryOf(placeOf(other), charter);
        return there !== undefined && there !== here && Math.abs(Date.parse(other.summary.eventTimeUtc) - at) < MIN_BORDER_CROSSING_MS;
      })
      .map((other) => pair(other, event, epc, `${epc} was seen in ${countryOf(placeOf(other), charter)} and ${here} ${Math.round(Math.abs(Date.parse(other.summary.eventTimeUtc) - at) / 60_000)} minutes apart`)),
  );
}

function suspendedActivity(event: RecordedEvent, before: ReadonlyMap<string, ItemState | undefined>, model: ReadModelStore, charter: AllianceCharter | undefined): Finding[] {
  const findings = new Map<string, Finding>();
  for (const epc of objectsOf(event.summary)) {
    for (const mspId of [charter && brandOwnerOf(charter, epc), before.get(epc)?.custodian]) {
      const standing = mspId ? model.enterprise(mspId) : undefined;
      if (!mspId || standing?.enterprise.status !== 'suspended' || findings.has(mspId)) continue;
      findings.set(mspId, {
        key: `${event.summary.id} ${mspId}`,
        responsible: mspId,
        summary: `${event.summary.recordedBy} recorded ${event.summary.bizStep ?? 'an event'} on ${epc} of ${mspId}, suspended since ${standing.since}${standing.enterprise.statusReason ? ` (${standing.enterprise.statusReason})` : ''}`,
        eventIds: [event.summary.id],
        txIds: [standing.txId, event.txId],
        epcs: [epc],
      });
    }
  }
  return [...findings.values()];
}

function recalledSales(event: RecordedEvent, before: ReadonlyMap<string, ItemState | undefined>, model: ReadModelStore): Finding[] {
  return objectsOf(event.summary).flatMap((epc) => {
    const recalling = journeyOf(epc, model).filter((e) => e.summary.id !== event.summary.id && e.summary.disposition === 'recalled');
    // The recall contract lists the recalls that reach an item in its state; a recall's id is its transaction's.
    const recalls = (before.get(epc) ?? model.item(epc))?.recalls ?? [];
    if (recalling.length === 0 && recalls.length === 0) return [];
    const by = [...recalling.map((e) => e.summary.id), ...recalls.map((id) => recallWords(id, model))];
    return [
      {
        key: `${event.summary.id} ${epc}`,
        responsible: event.summary.recordedBy,
        summary: `${epc} was sold after it was recalled (${by.join(', ')})`,
        eventIds: [...recalling.map((e) => e.summary.id), event.summary.id],
        txIds: [...new Set([...recalling.map((e) => e.txId), ...recalls, event.txId])],
        epcs: [epc],
      },
    ];
  });
}

/** A recall as an alert names it: its id, class and reason where the read model holds its record. */
function recallWords(id: string, model: ReadModelStore): string {
  const recall = model.recall(id);
  return recall ? `recall ${id}, ${recall.severity.replace('_', ' ')}: ${recall.reason}` : `recall ${id}`;
}
