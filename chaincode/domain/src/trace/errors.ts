/** Stable codes the chaincode and the gateway report (the gateway maps them to problem+json). */
export type TraceErrorCode =
  | 'STEP_NOT_AUTHORISED'
  | 'ROLE_NOT_AUTHORISED'
  | 'UNKNOWN_ENTERPRISE'
  | 'ENTERPRISE_SUSPENDED'
  | 'DUPLICATE_EVENT'
  | 'INVALID_EVENT'
  | 'INVALID_PRODUCT'
  | 'INVALID_ENTERPRISE'
  | 'NOT_FOUND'
  | 'DETAIL_DENIED'
  | 'MISSING_TRANSIENT'
  | 'INVALID_QUERY'
  | 'ROLE_NOT_GRANTED'
  | 'INVALID_CHARTER'
  | 'CHARTER_EXISTS'
  | 'NO_CHARTER'
  | 'NOT_CUSTODIAN'
  | 'NOT_BRAND_OWNER'
  | 'DISPOSITION_NOT_AUTHORISED'
  | 'EVENT_IN_FUTURE'
  | 'RECALL_NOT_AUTHORISED'
  | 'INVALID_RECALL'
  | 'READ_NOT_RECORDED'
  | 'INVALID_DOCUMENT'
  | 'DUPLICATE_DOCUMENT'
  | 'DOCUMENTS_MISMATCH'
  | 'ALREADY_CLEARED'
  | 'PARCEL_NOT_CLEARED'
  | 'NOT_SOLD'
  | 'RECORD_MISMATCH'
  | 'ALREADY_PUBLISHED'
  | 'INVALID_COMPLAINT'
  | 'PURCHASE_NOT_PROVEN'
  | 'COMPLAINT_NOT_AUTHORISED'
  | 'CREDIT_NOT_AUTHORISED'
  | 'INVALID_CREDIT';

/** A domain rule refused the request; the message starts with the code so it survives the wire as text. */
export class TraceError extends Error {
  override readonly name = 'TraceError';

  constructor(
    readonly code: TraceErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}
