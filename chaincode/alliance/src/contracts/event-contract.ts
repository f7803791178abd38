import {
  assertActsAs,
  canonicalJson,
  collectionOf,
  EpcisValidationError,
  eventsOfDocument,
  mayRead,
  normalizeEvent,
  parseEpcisDocument,
  recordingLevel,
  TraceError,
} from '@crossborder-trace/domain';
import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';
import { TraceLedger } from '../ledger/trace-ledger';
import { recordEvents, type Capture } from '../recording/record-events';
import { callerOf, roleOf } from './caller';

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
   * `salt`. Answers the CBV 2.0 event hash IDs, in document order.
   */
  @Transaction()
  @Returns('string')
  public async capture(ctx: Context): Promise<string> {
    const caller = callerOf(ctx);
    const role = roleOf(caller);
    const ledger = new TraceLedger(ctx.stub);
    assertActsAs(await ledger.enterprise(caller.mspId), caller.mspId, role);
    const level = recordingLevel(role);
    if (!level) throw new TraceError('ROLE_NOT_AUTHORISED', `role '${role}' records no trace events`);
    const { document, salt } = transientInput(ctx);
    const ids = await recordEvents(ledger, { mspId: caller.mspId, role, level }, captureOf(document), salt);
    ctx.stub.setEvent(RECORDED, Buffer.from(canonicalJson({ ids, recordedBy: caller.mspId }), 'utf8'));
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

  /** The full event, for members of its data level; others learn only that it exists and its salted hash. */
  @Transaction(false)
  @Returns('string')
  public async detail(ctx: Context, id: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const summary = await summaryOf(ledger, id);
    const role = roleOf(callerOf(ctx));
    if (!mayRead(role, summary.level)) {
      const hash = await ledger.eventDetailHash(collectionOf(summary.level), id);
      throw new TraceError('DETAIL_DENIED', `role '${role}' may not read ${summary.level} data; the detail of ${id} exists with hash ${hash}`);
    }
    const detail = await ledger.eventDetail<{ event: unknown }>(collectionOf(summary.level), id);
    if (!detail) throw new TraceError('NOT_FOUND', `the detail of ${id} is not on this peer`);
    return canonicalJson({ id, level: summary.level, event: detail.event });
  }

  /** The salted hash of an event's detail: every member may check it against what it is shown. */
  @Transaction(false)
  @Returns('string')
  public async detailHash(ctx: Context, id: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const summary = await summaryOf(ledger, id);
    const collection = collectionOf(summary.level);
    return canonicalJson({ id, level: summary.level, collection, hash: (await ledger.eventDetailHash(collection, id)) ?? null });
  }
}

async function summaryOf(ledger: TraceLedger, id: string) {
  const summary = await ledger.eventSummary(id);
  if (!summary) throw new TraceError('NOT_FOUND', `no event ${id}`);
  return summary;
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
    return { document: JSON.parse(Buffer.from(epcis).toString('utf8')), salt: Buffer.from(salt) };
  } catch (err) {
    throw new TraceError('INVALID_EVENT', `transient '${TRANSIENT_EPCIS}' is not JSON: ${(err as Error).message}`);
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
      events: events.map((event) => ({ captured: event as unknown as Record<string, unknown>, event: normalizeEvent(event) })),
      context,
      ignoreFields,
    };
  } catch (err) {
    if (!(err instanceof EpcisValidationError)) throw err;
    throw new TraceError('INVALID_EVENT', err.issues.map((issue) => `${issue.code}: ${issue.message}`).join('; '));
  }
}
