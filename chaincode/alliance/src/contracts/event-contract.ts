import {
  allianceEventId,
  assertReadRecorded,
  canonicalJson,
  collectionOf,
  EpcisValidationError,
  eventsOfDocument,
  MAX_CLOCK_SKEW_MS,
  mayReadDetail,
  normalizeEvent,
  parseEpcisDocument,
  parseEpcisJson,
  recordingLevel,
  TraceError,
  txTimeMs,
  type EventSummary,
} from '@crossborder-trace/domain';
import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';
import { TraceLedger } from '../ledger/trace-ledger';
import { recordEvents, type Capture, type CapturedEvent, type Clock } from '../recording/record-events';
import { activeActorOf, actorOf } from './caller';

/** Transient keys: the events and their salt travel there, never as arguments (arguments land in blocks). */
const TRANSIENT_EPCIS = 'epcis';
const TRANSIENT_SALT = 'salt';
/** 128 bits: the salt makes the detail's hash, which every member sees, impossible to confirm by guessing. */
const MIN_SALT_BYTES = 16;
/** Chaincode event emitted with the ids of the events a transaction recorded. */
const RECORDED = 'TraceEventsRecorded';

/** EPCIS 2.0 trace events: recorded within the caller's authority, summarised for all, detailed per data level. */
export class EventContract extends Contract {
  constructor() {
    super('event');
  }

  /**
   * Records every event of the EPCIS document (or bare event) in transient `epcis`, salted with transient
   * `salt`, into the caller's own collection for its level. Answers the alliance ids, in document order.
   */
  @Transaction()
  @Returns('string')
  public async capture(ctx: Context): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const actor = await activeActorOf(ctx, ledger);
    const level = recordingLevel(actor.role);
    if (!level) throw new TraceError('ROLE_NOT_AUTHORISED', `role '${actor.role}' records no trace events`);
    const { document, salt } = transientInput(ctx);
    const recorder = { mspId: actor.mspId, role: actor.role, level, charter: actor.charter };
    const ids = await recordEvents(ledger, recorder, captureOf(document), salt, clockOf(ctx));
    ctx.stub.setEvent(RECORDED, Buffer.from(canonicalJson({ ids, recordedBy: actor.mspId }), 'utf8'));
    return canonicalJson({ ids });
  }

  /** The summary every member may see, with the error declaration made against the event, if any. */
  @Transaction(false)
  @Returns('string')
  public async get(ctx: Context, id: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const summary = await summaryOf(ledger, id);
    const declared = await ledger.errorDeclaration(id);
    return canonicalJson(declared ? { ...summary, declaredErroneous: declared } : summary);
  }

  /**
   * The full event with its CBV 2.0 Event Hash ID, for those who may read the recorder's collection; others learn
   * only that it exists and its salted hash.
   */
  @Transaction(false)
  @Returns('string')
  public async detail(ctx: Context, id: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const summary = await summaryOf(ledger, id);
    const actor = await actorOf(ctx, ledger);
    const collection = collectionOf(summary.level, summary.recordedBy);
    if (!mayReadDetail(actor, summary.level, summary.recordedBy)) {
      const hash = await ledger.eventDetailHash(collection, id);
      throw new TraceError('DETAIL_DENIED', `${actor.mspId} (${actor.role}) may not read ${summary.recordedBy}'s ${summary.level} data; the detail of ${id} exists with hash ${hash}`);
    }
    // The regulator reads another's detail only once the read is on the ledger (see audit:recordRead).
    if (actor.role === 'regulator' && actor.mspId !== summary.recordedBy) assertReadRecorded(await ledger.lastRead(actor.mspId, id), clockOf(ctx).txTimeMs, id, MAX_CLOCK_SKEW_MS);
    const detail = await ledger.eventDetail<{ hashId: string; event: unknown }>(collection, id);
    if (!detail) throw new TraceError('NOT_FOUND', `the detail of ${id} is not on this peer`);
    return canonicalJson({ id, hashId: detail.hashId, level: summary.level, recordedBy: summary.recordedBy, event: detail.event });
  }

  /**
   * The summary of the event with this CBV 2.0 Event Hash ID, searched in every collection the caller may read:
   * the hash ID names an event only for those allowed to see it.
   */
  @Transaction(false)
  @Returns('string')
  public async byHash(ctx: Context, hashId: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const actor = await actorOf(ctx, ledger);
    for (const [mspId, member] of Object.entries(actor.charter.members)) {
      for (const level of member.roles.map(recordingLevel)) {
        if (!level || !mayReadDetail(actor, level, mspId)) continue;
        const key = await ledger.collectionKey(collectionOf(level, mspId));
        const summary: EventSummary | undefined = key && (await ledger.eventSummary(allianceEventId(key, hashId)));
        if (summary) return canonicalJson(summary);
      }
    }
    throw new TraceError('NOT_FOUND', `no event with hash ID ${hashId} in the data ${actor.mspId} may read`);
  }

  /** The salted hash of an event's detail: every member may check it against what it is shown. */
  @Transaction(false)
  @Returns('string')
  public async detailHash(ctx: Context, id: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const summary = await summaryOf(ledger, id);
    const collection = collectionOf(summary.level, summary.recordedBy);
    return canonicalJson({ id, level: summary.level, collection, hash: (await ledger.eventDetailHash(collection, id)) ?? null });
  }
}

async function summaryOf(ledger: TraceLedger, id: string) {
  const summary = await ledger.eventSummary(id);
  if (!summary) throw new TraceError('NOT_FOUND', `no event ${id}`);
  return summary;
}

/** When the client dated the transaction, and the endorsing peer's own clock: an event may lie ahead of neither. */
function clockOf(ctx: Context): Clock {
  return { txTimeMs: txTimeMs(ctx.stub.getTxTimestamp()), peerNowMs: Date.now() };
}

function transientInput(ctx: Context): { document: unknown; salt: Buffer } {
  const transient = ctx.stub.getTransient();
  const epcis = transient.get(TRANSIENT_EPCIS);
  const salt = transient.get(TRANSIENT_SALT);
  if (!epcis || epcis.length === 0) throw new TraceError('MISSING_TRANSIENT', `the EPCIS document goes in transient data '${TRANSIENT_EPCIS}'`);
  if (!salt || salt.length < MIN_SALT_BYTES) {
    throw new TraceError('MISSING_TRANSIENT', `transient '${TRANSIENT_SALT}' must hold at least ${MIN_SALT_BYTES} random bytes`);
  }
  try {
    // UTF-8 JSON, a leading byte-order mark allowed.
    return { document: parseEpcisJson(epcis), salt: Buffer.from(salt) };
  } catch (err) {
    if (!(err instanceof EpcisValidationError)) throw err;
    throw new TraceError('INVALID_EVENT', `transient '${TRANSIENT_EPCIS}': ${err.issues.map((issue) => issue.message).join('; ')}`);
  }
}

/**
 * The document's events, validated (schema, CBV vocabulary, GS1 identifiers and check digits) and normalised;
 * each keeps its captured form, from which its hash ID is computed as any EPCIS repository would.
 */
function captureOf(document: unknown): Capture {
  try {
    const { context, events } = parseEpcisDocument(document);
    const ignoreFields = (document as { epcisBody?: unknown }).epcisBody ? (eventsOfDocument(document as Record<string, unknown>).options.ignoreFields ?? []) : [];
    return {
      events: events.map((event): CapturedEvent => ({ captured: event as unknown as Record<string, unknown>, event: normalizeEvent(event, context) })),
      context,
      ignoreFields,
    };
  } catch (err) {
    if (!(err instanceof EpcisValidationError)) throw err;
    throw new TraceError('INVALID_EVENT', err.issues.map((issue) => `${issue.code}: ${issue.message}`).join('; '));
  }
}
