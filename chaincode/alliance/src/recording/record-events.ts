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
  const hashIds = await readAhead(ledger, key, recorder, capture);
  const items = new ItemStates(ledger);
  const ids: string[] = [];
  for (const [index, { captured, event }] of capture.events.entries()) {
    assertMayRecord(recorder.role, event.bizStep);
    assertMaySetDisposition(recorder.role, event.bizStep, event.disposition);
    assertNotInFuture(utcSortable(event.eventTime), clock.txTimeMs, clock.peerNowMs);
    const hashId = hashIds[index] ?? eventHashId(captured, capture.context, { ignoreFields: capture.ignoreFields });
    const id = allianceEventId(key, hashId);
    if (ids.includes(id)) throw new TraceError('DUPLICATE_EVENT', `event ${id} appears twice in the document`);
    const original = await ledger.eventSummary(id);
    const declaration = event.errorDeclaration && {
      ...event.errorDeclaration,
      // Corrective events named by hash ID are named by their alliance ids, like every event on channel state.
      correctiveEventIDs: event.errorDeclaration.correctiveEventIDs?.map((corrective) => allianceEventId(key, corrective)),
    };
    if (original && declaration) {
      assertMayDeclareError(original, await ledger.errorDeclaration(id), recorder.mspId);
      await ledger.putErrorDeclaration({ eventId: id, ...declaration, declaredBy: recorder.mspId });
      ids.push(id);
      continue;
    }
    if (original) throw new TraceError('DUPLICATE_EVENT', `event ${id} is already recorded`);
    const summary = summariseEvent(id, { ...event, errorDeclaration: declaration }, recorder.mspId, recorder.level);
    const check = { event: summary, carriesIlmd: event.ilmd !== undefined, recorder, charter: recorder.charter, custody: await items.custodyOf(objectsOf(summary)) };
    assertCustody(check);
    if (needsClearance(recorder.role, summary.bizStep)) await assertCleared(ledger, items, objectsOf(summary));
    for (const [epc, custody] of custodyAfter(check, destinationHolder(recorder.charter, event.destinationList))) {
      await items.put(nextItemState(epc, await items.get(epc), summary, custody));
    }
    await ledger.putEventSummary(summary);
    await ledger.putEventDetail(collection, id, { salt: salt.toString('base64'), hashId, event });
    ids.push(id);
  }
  return ids;
}

/**
 * Reads ahead what recording the events will read (whether each is recorded already, the state of each item it
 * names) in as few requests as the peer allows, and answers each event's hash ID. An event whose hash ID or summary
 * cannot be computed is left to the recording loop, which refuses it in document order.
 */
async function readAhead(ledger: TraceLedger, key: Uint8Array, recorder: Recorder, capture: Capture): Promise<(string | undefined)[]> {
  const hashIds: (string | undefined)[] = [];
  const events: string[] = [];
  const items = new Set<string>();
  for (const { captured, event } of capture.events) {
    try {
      const hashId = eventHashId(captured, capture.context, { ignoreFields: capture.ignoreFields });
      const id = allianceEventId(key, hashId);
      for (const epc of objectsOf(summariseEvent(id, event, recorder.mspId, recorder.level))) items.add(epc);
      hashIds.push(hashId);
      events.push(id);
    } catch {
      hashIds.push(undefined);
    }
  }
  await ledger.readAhead({ events, items: [...items] });
  return hashIds;
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
