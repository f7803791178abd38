import type { TraceErrorCode } from '@crossborder-trace/domain';

/**
 * The HTTP status of each chaincode refusal. A Record over TraceErrorCode: a new code does not compile until it
 * has its status here.
 */
export const REFUSAL_STATUS: Readonly<Record<TraceErrorCode, number>> = {
  // The caller may not do this.
  ROLE_NOT_GRANTED: 403,
  ROLE_NOT_AUTHORISED: 403,
  STEP_NOT_AUTHORISED: 403,
  DISPOSITION_NOT_AUTHORISED: 403,
  NOT_CUSTODIAN: 403,
  NOT_BRAND_OWNER: 403,
  DETAIL_DENIED: 403,
  ENTERPRISE_SUSPENDED: 403,
  UNKNOWN_ENTERPRISE: 403,
  RECALL_NOT_AUTHORISED: 403,
  READ_NOT_RECORDED: 403,
  COMPLAINT_NOT_AUTHORISED: 403,
  PURCHASE_NOT_PROVEN: 403,
  CREDIT_NOT_AUTHORISED: 403,
  // What was asked for is not there.
  NOT_FOUND: 404,
  // It is there already.
  DUPLICATE_EVENT: 409,
  CHARTER_EXISTS: 409,
  ALREADY_PUBLISHED: 409,
  DUPLICATE_DOCUMENT: 409,
  ALREADY_CLEARED: 409,
  // The goods wait for their declaration to be cleared.
  PARCEL_NOT_CLEARED: 409,
  // The input is wrong.
  INVALID_EVENT: 400,
  INVALID_PRODUCT: 400,
  INVALID_ENTERPRISE: 400,
  INVALID_CHARTER: 400,
  INVALID_QUERY: 400,
  MISSING_TRANSIENT: 400,
  INVALID_DOCUMENT: 400,
  INVALID_RECALL: 400,
  INVALID_COMPLAINT: 400,
  INVALID_CREDIT: 400,
  EVENT_IN_FUTURE: 422,
  // The request contradicts the ledger: a record that is not the alliance's, a record of an item not sold.
  RECORD_MISMATCH: 422,
  NOT_SOLD: 422,
  // The declaration's documents contradict each other: customs clears only a matched declaration.
  DOCUMENTS_MISMATCH: 422,
  // The ledger is not set up yet.
  NO_CHARTER: 503,
};

export function refusalStatus(code: string): number {
  return (REFUSAL_STATUS as Readonly<Record<string, number>>)[code] ?? 400;
}
