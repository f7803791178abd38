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
  | 'INVALID_QUERY';

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
