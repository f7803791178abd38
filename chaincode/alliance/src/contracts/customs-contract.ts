import {
  canonicalJson,
  collectionOf,
  CUSTOMS_DOCUMENT_KINDS,
  CUSTOMS_DOCUMENTS,
  isCustomsDocumentKind,
  mayReadDetail,
  recordingLevel,
  TraceError,
  type CustomsDocumentKind,
  type DataLevel,
  type Declaration,
} from '@crossborder-trace/domain';
import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';
import { TraceLedger } from '../ledger/trace-ledger';
import { checkDeclaration, clearDeclaration } from '../recording/customs-check';
import { recordCustomsDocument } from '../recording/customs-documents';
import { activeActorOf, actorOf, type Actor } from './caller';
import { txTimeOf } from './tx-time';

/** Transient keys: a document and its salt travel there, never as arguments (arguments land in blocks). */
const TRANSIENT_DOCUMENT = 'document';
const TRANSIENT_SALT = 'salt';
/** 128 bits: a stored document's hash, in every block, then confirms no guess about it. */
const MIN_SALT_BYTES = 16;

/**
 * Customs supervision of cross-border retail imports: the parties' documents (order, payment, waybill, declaration
 * list), the three-document check and clearance by customs, and who reads what of them.
 */
export class CustomsContract extends Contract {
  constructor() {
    super('customs');
  }

  /**
   * Records a document of `kind` (order, payment, waybill, declaration) from transient `document`, salted with
   * transient `salt`. Answers only the kind: what a transaction returns is in its block, and an order number or a
   * payment serial is not every member's to read.
   */
  @Transaction()
  @Returns('string')
  public async record(ctx: Context, kind: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const actor = await activeActorOf(ctx, ledger);
    const document = transient(ctx, TRANSIENT_DOCUMENT, 1);
    const salt = transient(ctx, TRANSIENT_SALT, MIN_SALT_BYTES);
    const documentKind = kindOf(kind);
    await recordCustomsDocument(ledger, actor, documentKind, document.toString('utf8'), salt, txTimeOf(ctx));
    return canonicalJson({ kind: documentKind });
  }

  /** Customs checks a declaration against its documents; the verdict goes to channel state for every member. */
  @Transaction()
  @Returns('string')
  public async check(ctx: Context, declarationId: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const actor = await customsOf(ctx, ledger);
    return canonicalJson(await checkDeclaration(ledger, declarationId, { mspId: actor.mspId, txTime: txTimeOf(ctx) }));
  }

  /** Customs clears a matched declaration; transient `salt` salts the consignee's new yearly total. */
  @Transaction()
  @Returns('string')
  public async clear(ctx: Context, declarationId: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const actor = await customsOf(ctx, ledger);
    const salt = transient(ctx, TRANSIENT_SALT, MIN_SALT_BYTES);
    return canonicalJson(await clearDeclaration(ledger, declarationId, { mspId: actor.mspId, txTime: txTimeOf(ctx) }, salt));
  }

  /** What every member sees of a declaration: that it was made, by whom, and the verdict (null before a check). */
  @Transaction(false)
  @Returns('string')
  public async declaration(ctx: Context, declarationId: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const record = await ledger.customsDeclaration(declarationId);
    if (!record) throw new TraceError('NOT_FOUND', `no declaration ${declarationId}`);
    return canonicalJson({ ...record, verdict: (await ledger.customsVerdict(declarationId)) ?? null });
  }

  /** The customs views of a declaration and the documents it names (null where none), for customs and the regulator. */
  @Transaction(false)
  @Returns('string')
  public async views(ctx: Context, declarationId: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const actor = await actorOf(ctx, ledger);
    if (actor.role !== 'customs' && actor.role !== 'regulator') throw new TraceError('DETAIL_DENIED', `the customs views of a declaration are for customs and the regulator, not for role '${actor.role}'`);
    const { declaredBy, waybillNumber } = await declarationRecord(ledger, declarationId);
    const carrier = (await ledger.waybill(waybillNumber))?.carrier;
    const declaration = await viewIn<Declaration>(ledger, declaredBy, 'declaration', declarationId);
    return canonicalJson({
      declaration,
      order: declaration && (await viewIn(ledger, declaredBy, 'order', declaration.orderNumber)),
      payment: declaration && (await viewIn(ledger, declaredBy, 'payment', declaration.paymentSerial)),
      waybill: carrier ? await viewIn(ledger, carrier, 'waybill', waybillNumber) : null,
    });
  }

  /** The full documents of a declaration the caller recorded (the regulator: all), by kind; null where none. */
  @Transaction(false)
  @Returns('string')
  public async documents(ctx: Context, declarationId: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const actor = await actorOf(ctx, ledger);
    const { declaredBy, waybillNumber } = await declarationRecord(ledger, declarationId);
    const carrier = (await ledger.waybill(waybillNumber))?.carrier;
    const mine = (recorder: string | undefined) => recorder !== undefined && (recorder === actor.mspId || actor.role === 'regulator');
    const declaration = mine(declaredBy) ? await fullIn<Declaration>(ledger, declaredBy, 'declaration', declarationId) : null;
    return canonicalJson({
      declaration,
      order: declaration && (await fullIn(ledger, declaredBy, 'order', declaration.orderNumber)),
      payment: declaration && (await fullIn(ledger, declaredBy, 'payment', declaration.paymentSerial)),
      waybill: mine(carrier) ? await fullIn(ledger, carrier!, 'waybill', waybillNumber) : null,
    });
  }

  /** One document's full detail, for those who may read its recorder's own level collection. */
  @Transaction(false)
  @Returns('string')
  public async document(ctx: Context, kind: string, number: string, recorderMspId: string): Promise<string> {
    const documentKind = kindOf(kind);
    return canonicalJson(await readable(ctx, documentLevel(documentKind), recorderMspId, (ledger) => fullIn(ledger, recorderMspId, documentKind, number)));
  }

  /** One document's customs view, for its recorder, customs and the regulator. */
  @Transaction(false)
  @Returns('string')
  public async view(ctx: Context, kind: string, number: string, recorderMspId: string): Promise<string> {
    const documentKind = kindOf(kind);
    return canonicalJson(await readable(ctx, 'customsDeclaration', recorderMspId, (ledger) => viewIn(ledger, recorderMspId, documentKind, number)));
  }
}

/** A customs user of an active customs enterprise: only customs checks and clears. */
async function customsOf(ctx: Context, ledger: TraceLedger): Promise<Actor> {
  const actor = await activeActorOf(ctx, ledger);
  if (actor.role !== 'customs') throw new TraceError('ROLE_NOT_AUTHORISED', `only customs checks and clears declarations, not role '${actor.role}'`);
  return actor;
}

async function declarationRecord(ledger: TraceLedger, declarationId: string) {
  const record = await ledger.customsDeclaration(declarationId);
  if (!record) throw new TraceError('NOT_FOUND', `no declaration ${declarationId}`);
  return record;
}

/** The document, when the caller may read the recorder's collection at that level. @throws DETAIL_DENIED, NOT_FOUND */
async function readable(ctx: Context, level: DataLevel, recorder: string, read: (ledger: TraceLedger) => Promise<unknown>): Promise<unknown> {
  const ledger = new TraceLedger(ctx.stub);
  const actor = await actorOf(ctx, ledger);
  if (!mayReadDetail(actor, level, recorder)) throw new TraceError('DETAIL_DENIED', `${actor.mspId} (${actor.role}) may not read ${recorder}'s ${level} data`);
  const document = await read(ledger);
  if (document === null) throw new TraceError('NOT_FOUND', `no such document of ${recorder}`);
  return document;
}

async function viewIn<T>(ledger: TraceLedger, recorder: string, kind: CustomsDocumentKind, number: string): Promise<T | null> {
  return (await ledger.customsDocument<T>(collectionOf('customsDeclaration', recorder), kind, number))?.value ?? null;
}

async function fullIn<T>(ledger: TraceLedger, recorder: string, kind: CustomsDocumentKind, number: string): Promise<T | null> {
  return (await ledger.customsDocument<T>(collectionOf(documentLevel(kind), recorder), kind, number))?.value ?? null;
}

/** The level whose collection holds a document's full detail: its recording role's own. */
function documentLevel(kind: CustomsDocumentKind): DataLevel {
  return recordingLevel(CUSTOMS_DOCUMENTS[kind].recordedBy)!;
}

function kindOf(kind: string): CustomsDocumentKind {
  if (!isCustomsDocumentKind(kind)) throw new TraceError('INVALID_DOCUMENT', `'${kind}' is not a customs document: ${CUSTOMS_DOCUMENT_KINDS.join(', ')}`);
  return kind;
}

function transient(ctx: Context, name: string, minBytes: number): Buffer {
  const value = ctx.stub.getTransient().get(name);
  if (!value || value.length < minBytes) throw new TraceError('MISSING_TRANSIENT', `transient '${name}' must hold ${minBytes === 1 ? 'the document' : `at least ${minBytes} random bytes`}`);
  return Buffer.from(value);
}
