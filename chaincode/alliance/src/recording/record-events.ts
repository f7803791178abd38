import {
  allianceEventId,
  assertCustody,
  assertMayDeclareError,
  assertMayRecord,
  assertMaySetDisposition,
  assertNotInFuture,
  assertParcelsCleared,
  collectionKeyFrom,
  collectionOf,
  custodyAfter,
  destinationHolder,
  eventHashId,
  nextItemState,
  needsClearance,
  objectsOf,
  summariseEvent,
  TraceError,
  utcSortable,
  type AllianceCharter,
  type DataLevel,
  type EventSummary,
  type Role,
  type SummarisableEvent,
} from '@crossborder-trace/domain';
import type { TraceLedger } from '../ledger/trace-ledger';
import { ItemStates } from './item-states';

/** Who records: an active enterprise acting in a recording role the charter grants it. */
export interface Recorder {
  readonly mspId: string;
  readonly role: Role;
  readonly level: DataLevel;
  readonly charter: AllianceCharter;
}

/** One event to record: as captured (what its hash ID is computed from) and normalised (what is stored). */
export interface CapturedEvent {
  readonly captured: Record<string, unknown>;
  readonly event: SummarisableEvent & {
    readonly ilmd?: unknown;
    readonly destinationList?: readonly { readonly type: string; readonly destination: string }[];
  };
}

export interface Capture {
  readonly events: readonly CapturedEvent[];
  /** The document's @context and hashing options, for the CBV 2.0 event hash. */
  readonly context: unknown;
  readonly ignoreFields: readonly string[];
}

/** The transaction's timestamp (the client's word) and the endorsing peer's clock. */
export interface Clock {
  readonly txTimeMs: number;
  readonly peerNowMs: number;
}

/**
 * Records each event: step and disposition authority, time, custody of every item it names, its alliance id,
 * refusal of a duplicate, the summary and indexes on channel state, the salted detail in the recorder's own
 * collection, and the state of every item. An event already recorded that comes again with an errorDeclaration
 * records the declaration beside it instead. All or none: any refusal fails the transaction. Answers the
 * alliance ids, never the CBV 2.0 hash IDs: what a transaction returns is written in its block for every member.
 */
export async function recordEvents(ledger: TraceLedger, recorder: Recorder, capture: Capture, salt: Buffer, clock: Clock): Promise<string[]> {
  const collection = collectionOf(recorder.level, recorder.mspId);
  const key = await collectionKey(ledger, collection, salt);
  const named = await readAhead(ledger, key, recorder, capture);
  const items = new ItemStates(ledger);
  // In document order (a Set keeps it): what the transaction answers.
  const recorded = new Set<string>();
  for (const [index, captured] of capture.events.entries()) {
    const { event } = captured;
    assertMayRecord(recorder.role, event.bizStep);
    assertMaySetDisposition(recorder.role, event.bizStep, event.disposition);
    const ahead = named[index];
    assertNotInFuture(ahead?.summary.eventTimeUtc ?? utcSortable(event.eventTime), clock.txTimeMs, clock.peerNowMs);
    // An event readAhead could not name is named again here, so that its error comes in document order.
    const { hashId, id, declaration, summary } = ahead ?? nameEvent(captured, key, recorder, capture);
    if (recorded.has(id)) throw new TraceError('DUPLICATE_EVENT', `event ${id} appears twice in the document`);
    const original = await ledger.eventSummary(id);
    if (original && declaration) {
      assertMayDeclareError(original, await ledger.errorDeclaration(id), recorder.mspId);
      await ledger.putErrorDeclaration({ eventId: id, ...declaration, declaredBy: recorder.mspId });
      recorded.add(id);
      continue;
    }
    if (original) throw new TraceError('DUPLICATE_EVENT', `event ${id} is already recorded`);
    const objects = objectsOf(summary);
    const check = { event: summary, carriesIlmd: event.ilmd !== undefined, recorder, charter: recorder.charter, custody: await items.custodyOf(objects) };
    assertCustody(check);
    if (needsClearance(recorder.role, summary.bizStep)) await assertCleared(ledger, items, objects);
    for (const [epc, custody] of custodyAfter(check, destinationHolder(recorder.charter, event.destinationList))) {
      await items.put(nextItemState(epc, await items.get(epc), summary, custody));
    }
    await ledger.putEventSummary(summary);
    await ledger.putEventDetail(collection, id, { salt: salt.toString('base64'), hashId, event });
    recorded.add(id);
  }
  return [...recorded];
}

/** What an event is called and what every member sees of it. */
interface NamedEvent {
  /** The CBV 2.0 event hash ID. */
  readonly hashId: string;
  /** The alliance id: the hash ID keyed with the collection's key. */
  readonly id: string;
  /** The error declaration the event carries, naming its corrective events by their alliance ids. */
  readonly declaration: ErrorDeclaration | undefined;
  readonly summary: EventSummary;
}

type ErrorDeclaration = NonNullable<SummarisableEvent['errorDeclaration']>;

/** @throws what the event's time or hash ID throws (a time no date-time, a malformed identifier). */
function nameEvent({ captured, event }: CapturedEvent, key: Uint8Array, recorder: Recorder, capture: Capture): NamedEvent {
  const hashId = eventHashId(captured, capture.context, { ignoreFields: capture.ignoreFields });
  const id = allianceEventId(key, hashId);
  const declaration = event.errorDeclaration && {
    ...event.errorDeclaration,
    // Corrective events named by hash ID are named by their alliance ids, like every event on channel state.
    correctiveEventIDs: event.errorDeclaration.correctiveEventIDs?.map((corrective) => allianceEventId(key, corrective)),
  };
  const summarised = declaration ? { ...event, errorDeclaration: declaration } : event;
  return { hashId, id, declaration, summary: summariseEvent(id, summarised, recorder.mspId, recorder.level) };
}

/**
 * Reads ahead what recording the events will read (whether each is recorded already, the state of each item it
 * names) in as few requests as the peer allows, and answers each event named. An event that cannot be named is left
 * to the recording loop, which refuses it in document order.
 */
async function readAhead(ledger: TraceLedger, key: Uint8Array, recorder: Recorder, capture: Capture): Promise<(NamedEvent | undefined)[]> {
  const named: (NamedEvent | undefined)[] = [];
  const events: string[] = [];
  const items = new Set<string>();
  for (const captured of capture.events) {
    try {
      const name = nameEvent(captured, key, recorder, capture);
      for (const epc of objectsOf(name.summary)) items.add(epc);
      named.push(name);
      events.push(name.id);
    } catch {
      named.push(undefined);
    }
  }
  await ledger.readAhead({ events, items: [...items] });
  return named;
}

/** Customs accepts a parcel a waybill names, or goods packed in one, only once it is cleared (ACCEPTANCE_RULE). */
async function assertCleared(ledger: TraceLedger, items: ItemStates, epcs: readonly string[]): Promise<void> {
  const parcels = [];
  for (const epc of await items.withContainers(epcs)) {
    const parcel = await ledger.parcel(epc);
    if (parcel) parcels.push(parcel);
  }
  assertParcelsCleared(parcels);
}

/** The collection's key; the first write into a collection draws it from its salt. */
export async function collectionKey(ledger: TraceLedger, collection: string, salt: Buffer): Promise<Uint8Array> {
  const existing = await ledger.collectionKey(collection);
  if (existing) return existing;
  const key = collectionKeyFrom(salt);
  await ledger.putCollectionKey(collection, key);
  return key;
}
