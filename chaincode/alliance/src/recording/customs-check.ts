import {
  collectionOf,
  consigneeTotalId,
  limitYearOf,
  minorUnits,
  mismatchesOf,
  TraceError,
  type CustomsVerdict,
  type Declaration,
  type DeclarationRecord,
  type DeclaredDocuments,
  type Order,
  type Payment,
  type Waybill,
} from '@crossborder-trace/domain';
import type { TraceLedger } from '../ledger/trace-ledger';
import { collectionKey } from './record-events';

/** The customs member that checks, and the transaction's time (whose China calendar year the limits count in). */
export interface Checker {
  readonly mspId: string;
  readonly txTime: string;
}

/**
 * Checks the declaration's documents against each other on the endorsing peers (customs' and the regulator's, both
 * members of every customs-view collection) and writes the verdict to channel state: the mismatch kinds with the
 * fields' names, never their values.
 */
export async function checkDeclaration(ledger: TraceLedger, declarationId: string, checker: Checker): Promise<CustomsVerdict> {
  const { record, docs } = await declaredDocuments(ledger, declarationId, checker);
  const mismatches = mismatchesOf(docs);
  const verdict: CustomsVerdict = { declarationId, declaredBy: record.declaredBy, status: mismatches.length === 0 ? 'matched' : 'mismatched', mismatches, checkedBy: checker.mspId, checkedAt: checker.txTime };
  await ledger.putCustomsVerdict(verdict);
  return verdict;
}

/**
 * Clears a declaration whose documents match now (checked again: another clearance may have used up the
 * consignee's year since), adding its value to the consignee's total in the same transaction, and marks its parcel
 * cleared. @throws TraceError DOCUMENTS_MISMATCH, ALREADY_CLEARED
 */
export async function clearDeclaration(ledger: TraceLedger, declarationId: string, checker: Checker, salt: Buffer): Promise<CustomsVerdict> {
  const { record, docs, totals } = await declaredDocuments(ledger, declarationId, checker);
  const mismatches = mismatchesOf(docs);
  if (mismatches.length > 0) {
    throw new TraceError('DOCUMENTS_MISMATCH', `declaration ${declarationId} does not match its documents (${mismatches.map((m) => `${m.kind}: ${m.fields.join(', ')}`).join('; ')}); customs clears only a matched declaration`);
  }
  const { declaration } = docs;
  const key = await collectionKey(ledger, totals, salt);
  const totalId = consigneeTotalId(key, declaration.consigneeRef, limitYearOf(Date.parse(checker.txTime)));
  await ledger.putConsigneeTotal(totals, totalId, { salt: salt.toString('base64'), value: docs.consigneeYearTotalMinor + minorUnits(declaration.declaredValue) });
  const parcel = await ledger.parcel(docs.waybill!.sscc);
  await ledger.putParcel({ ...parcel!, clearedBy: declarationId });
  const verdict: CustomsVerdict = { declarationId, declaredBy: record.declaredBy, status: 'cleared', mismatches: [], checkedBy: checker.mspId, checkedAt: checker.txTime, clearedAt: checker.txTime };
  await ledger.putCustomsVerdict(verdict);
  return verdict;
}

/**
 * The declaration and the customs views of the documents it names, as this peer holds them, and the consignee's
 * cleared total this year from the checking customs' own collection. @throws TraceError NOT_FOUND, ALREADY_CLEARED
 */
async function declaredDocuments(ledger: TraceLedger, declarationId: string, checker: Checker): Promise<{ record: DeclarationRecord; docs: DeclaredDocuments; totals: string }> {
  const record = await ledger.customsDeclaration(declarationId);
  if (!record) throw new TraceError('NOT_FOUND', `no declaration ${declarationId}`);
  if ((await ledger.customsVerdict(declarationId))?.status === 'cleared') throw new TraceError('ALREADY_CLEARED', `declaration ${declarationId} is cleared already`);
  const views = collectionOf('customsDeclaration', record.declaredBy);
  const declaration = (await ledger.customsDocument<Declaration>(views, 'declaration', declarationId))?.value;
  if (!declaration) throw new TraceError('NOT_FOUND', `the customs view of declaration ${declarationId} is not on this peer`);
  const order = (await ledger.customsDocument<Order>(views, 'order', declaration.orderNumber))?.value;
  const payment = (await ledger.customsDocument<Payment>(views, 'payment', declaration.paymentSerial))?.value;
  const waybillRecord = await ledger.waybill(declaration.waybillNumber);
  const waybill = waybillRecord && (await ledger.customsDocument<Waybill>(collectionOf('customsDeclaration', waybillRecord.carrier), 'waybill', waybillRecord.waybillNumber))?.value;
  const parcelOnLedger = waybill !== undefined && (await ledger.itemState(waybill.sscc)) !== undefined;
  const totals = collectionOf('customsQc', checker.mspId);
  const key = await ledger.collectionKey(totals);
  const year = limitYearOf(Date.parse(checker.txTime));
  const consigneeYearTotalMinor = key ? await ledger.consigneeTotal(totals, consigneeTotalId(key, declaration.consigneeRef, year)) : 0;
  return { record, docs: { declaration, order, payment, waybill, parcelOnLedger, consigneeYearTotalMinor }, totals };
}
