import {
  assertMayDeclareError,
  assertMayRecord,
  collectionOf,
  eventHashId,
  nextItemState,
  objectsOf,
  summariseEvent,
  TraceError,
  type DataLevel,
  type ItemState,
  type Role,
  type SummarisableEvent,
} from '@crossborder-trace/domain';
import type { TraceLedger } from '../ledger/trace-ledger';

/** Who records: an active enterprise acting in a recording role, writing detail to that role's level. */
export interface Recorder {
  readonly mspId: string;
  readonly role: Role;
  readonly level: DataLevel;
}

/** One event to record: as captured (what its hash ID is computed from) and normalised (what is stored). */
export interface CapturedEvent {
  readonly captured: Record<string, unknown>;
  readonly event: SummarisableEvent;
}

export interface Capture {
  readonly events: readonly CapturedEvent[];
  /** The document's @context and hashing options, for the CBV 2.0 event hash. */
  readonly context: unknown;
  readonly ignoreFields: readonly string[];
}

/**
 * Records each event: authority for its step, its hash ID, refusal of a duplicate, the summary and indexes on
 * channel state, the salted detail in the recorder's level, and the state of every item it names. An event
 * already recorded that comes again with an errorDeclaration records the declaration beside it instead. All or
 * none: any refusal fails the transaction.
 */
export async function recordEvents(ledger: TraceLedger, recorder: Recorder, capture: Capture, salt: Buffer): Promise<string[]> {
  const ids: string[] = [];
  // No read-your-writes in Fabric: item states this transaction wrote are carried here, not re-read.
  const items = new Map<string, ItemState | undefined>();
  for (const { captured, event } of capture.events) {
    assertMayRecord(recorder.role, event.bizStep);
    const id = eventHashId(captured, capture.context, { ignoreFields: capture.ignoreFields });
    if (ids.includes(id)) throw new TraceError('DUPLICATE_EVENT', `event ${id} appears twice in the document`);
    const original = await ledger.eventSummary(id);
    if (original && event.errorDeclaration) {
      assertMayDeclareError(original, await ledger.errorDeclaration(id), recorder.mspId);
      await ledger.putErrorDeclaration({ eventId: id, ...event.errorDeclaration, declaredBy: recorder.mspId });
      ids.push(id);
      continue;
    }
    if (original) throw new TraceError('DUPLICATE_EVENT', `event ${id} is already recorded`);
    const summary = summariseEvent(id, event, recorder.mspId, recorder.level);
    await ledger.putEventSummary(summary);
    await ledger.putEventDetail(collectionOf(recorder.level), id, { salt: salt.toString('base64'), event });
    for (const epc of objectsOf(summary)) {
      const current = items.has(epc) ? items.get(epc) : await ledger.itemState(epc);
      const next = nextItemState(epc, current, summary);
      items.set(epc, next ?? current);
      if (next) await ledger.putItemState(next);
    }
    ids.push(id);
  }
  return ids;
}
