import {
  assertMayRecordDocument,
  collectionOf,
  customsViewOf,
  documentNumberOf,
  parseCustomsDocument,
  recordingLevel,
  TraceError,
  type AllianceCharter,
  type CustomsDocumentKind,
  type CustomsDocuments,
  type Role,
} from '@crossborder-trace/domain';
import type { TraceLedger } from '../ledger/trace-ledger';

export interface DocumentRecorder {
  readonly mspId: string;
  readonly role: Role;
  readonly charter: AllianceCharter;
}

/**
 * Records a customs document: the full detail in the recorder's own level collection, its customs view in the
 * recorder's customs-declaration collection, both with the salt. On channel state, only what every member may see:
 * a waybill's promise and its parcel, a declaration's existence. Refuses a number recorded before.
 */
export async function recordCustomsDocument(ledger: TraceLedger, recorder: DocumentRecorder, kind: CustomsDocumentKind, json: string, salt: Buffer, recordedAt: string): Promise<void> {
  assertMayRecordDocument(recorder.role, kind);
  const document = parseCustomsDocument(kind, json);
  const number = documentNumberOf(kind, document);
  const views = collectionOf('customsDeclaration', recorder.mspId);
  if (await ledger.customsDocument(views, kind, number)) throw new TraceError('DUPLICATE_DOCUMENT', `${recorder.mspId} recorded ${kind} ${number} already`);
  await recordPublicPart(ledger, recorder.mspId, kind, document, recordedAt);
  const stored = salt.toString('base64');
  await ledger.putCustomsDocument(collectionOf(recordingLevel(recorder.role)!, recorder.mspId), kind, number, { salt: stored, value: document });
  await ledger.putCustomsDocument(views, kind, number, { salt: stored, value: customsViewOf(kind, document) });
}

/** Waybill and declaration numbers are the alliance's (their public records are keyed by them): each is recorded once. */
async function recordPublicPart<K extends CustomsDocumentKind>(ledger: TraceLedger, recorder: string, kind: K, document: CustomsDocuments[K], recordedAt: string): Promise<void> {
  if (kind === 'waybill') {
    const { waybillNumber, sscc, promisedDeliveryBy } = document as CustomsDocuments['waybill'];
    if (await ledger.waybill(waybillNumber)) throw new TraceError('DUPLICATE_DOCUMENT', `waybill ${waybillNumber} is recorded already`);
    const named = await ledger.parcel(sscc);
    if (named) throw new TraceError('DUPLICATE_DOCUMENT', `parcel ${sscc} is named by waybill ${named.waybillNumber} already`);
    await ledger.putWaybill({ waybillNumber, sscc, carrier: recorder, promisedDeliveryBy, recordedAt });
    await ledger.putParcel({ sscc, waybillNumber });
  }
  if (kind === 'declaration') {
    const { declarationId, mode, waybillNumber } = document as CustomsDocuments['declaration'];
    if (await ledger.customsDeclaration(declarationId)) throw new TraceError('DUPLICATE_DOCUMENT', `declaration ${declarationId} is recorded already`);
    await ledger.putCustomsDeclaration({ declarationId, mode, waybillNumber, declaredBy: recorder, declaredAt: recordedAt });
  }
}
