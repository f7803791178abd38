import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { ChaincodeRefusal, LedgerUnavailable, UnknownUser } from '../fabric/errors';
import { CaptureRefused } from '../services/capture';
import { IdempotencyMismatch } from '../services/writes';
import { refusalStatus } from './refusal-status';

/** Seconds a client should wait before retrying when the network is away. */
const RETRY_AFTER_SECONDS = 5;

/**
 * An RFC 9457 problem. `type` is the GS1 binding's `epcisException:*` on EPCIS routes, else a URN of this
 * project; `code` is the stable machine code (the chaincode's refusal code where there is one).
 */
export class Problem extends Error {
  override readonly name = 'Problem';

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail ?? title);
  }
}

/** The binding's exception type for a status, on EPCIS routes. */
function epcisType(status: number, code: string): string {
  // The gateway's own check of a parameter, or the chaincode's of the query it made (a bookmark of another query).
  if (code === 'QUERY_PARAMETER' || code === 'INVALID_QUERY') return 'epcisException:QueryParameterException';
  if (status === 400 || status === 409 || status === 422) return 'epcisException:ValidationException';
  if (status === 401 || status === 403) return 'epcisException:SecurityException';
  if (status === 404) return 'epcisException:NoSuchResourceException';
  if (status === 406) return 'epcisException:NotAcceptableException';
  if (status === 413) return 'epcisException:CaptureLimitExceededException';
  return 'epcisException:ImplementationException';
}

export function sendProblem(res: Response, problem: Problem): void {
  const epcis = res.locals.epcis === true;
  const body = {
    type: epcis ? epcisType(problem.status, problem.code) : `urn:crossborder-trace:problem:${problem.code.toLowerCase().replace(/_/g, '-')}`,
    title: problem.title,
    status: problem.status,
    ...(problem.detail !== undefined && { detail: problem.detail }),
    code: problem.code,
    ...(typeof res.locals.requestId === 'string' && { instance: `urn:crossborder-trace:request:${res.locals.requestId}` }),
    ...problem.extra,
  };
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(body));
}

/** Any error as a problem: what the caller may learn of it, never a stack, a path or an internal address. */
export function problemOf(err: unknown): Problem {
  if (err instanceof Problem) return err;
  if (err instanceof ChaincodeRefusal) return new Problem(refusalStatus(err.code), err.code, 'The ledger refused the request', err.detail);
  if (err instanceof CaptureRefused) {
    const status = err.tooLarge ? 413 : 400;
    return new Problem(status, err.tooLarge ? 'CAPTURE_TOO_LARGE' : 'INVALID_EVENT', err.tooLarge ? 'The capture exceeds a limit' : 'The EPCIS input is not valid', err.message, { issues: err.issues });
  }
  if (err instanceof IdempotencyMismatch) return new Problem(422, 'IDEMPOTENCY_KEY_REUSED', 'The Idempotency-Key was used for another request', err.message);
  if (err instanceof LedgerUnavailable) {
    return new Problem(503, 'LEDGER_UNAVAILABLE', 'The network is unavailable', 'the peer or orderer did not answer; try again', {}, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
  }
  if (err instanceof UnknownUser) return new Problem(401, 'UNKNOWN_USER', 'The key names a user this gateway does not hold');
  const status = (err as { status?: unknown; statusCode?: unknown }).status ?? (err as { statusCode?: unknown }).statusCode;
  // Errors of the body parser (too large, not JSON) carry their status and a safe type.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const type = (err as { type?: unknown }).type;
    if (status === 413) return new Problem(413, 'BODY_TOO_LARGE', 'The request body is too large', `bodies of this route are limited; see the GS1-EPCIS-Capture-File-Size-Limit header`);
    // The docs page's static files: a file that is not there, or a path that leads out of their folder.
    if (status === 404 || status === 403) return new Problem(404, 'NO_ROUTE', 'No such resource');
    return new Problem(status, 'BAD_REQUEST', 'The request could not be read', type === 'entity.parse.failed' ? 'the body is not JSON' : undefined);
  }
  return new Problem(500, 'INTERNAL', 'The gateway failed to handle the request');
}

/** The last handler: maps whatever was thrown, logs what is not the caller's fault. */
export function problemHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const problem = problemOf(err);
    if (problem.status >= 500) log.error({ err, requestId: res.locals.requestId, method: req.method, url: req.originalUrl }, 'request failed');
    sendProblem(res, problem);
  };
}
