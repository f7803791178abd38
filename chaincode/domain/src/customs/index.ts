export {
  assertMayRecordDocument,
  CUSTOMS_DOCUMENT_KINDS,
  CUSTOMS_DOCUMENTS,
  CUSTOMS_RECORDING_ROLES,
  customsViewOf,
  declarationSchema,
  documentNumberOf,
  isCustomsDocumentKind,
  minorUnits,
  orderSchema,
  parseCustomsDocument,
  paymentSchema,
  waybillSchema,
  type CustomsDocumentKind,
  type CustomsDocuments,
  type Declaration,
  type Order,
  type Payment,
  type Waybill,
} from './documents';
export { limitYearOf, RETAIL_IMPORT_LIMITS } from './limits';
export { DOCUMENT_CHECKS, mismatchesOf, type DeclaredDocuments, type Mismatch, type MismatchKind } from './matching';
export { consigneeTotalId, CUSTOMS_KEYS, type CustomsVerdict, type DeclarationRecord, type ParcelRecord, type VerdictStatus, type WaybillRecord } from './records';
export { ACCEPTANCE_RULE, assertParcelsCleared, needsClearance } from './clearance';
