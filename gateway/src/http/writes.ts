import type { Request, Response } from 'express';
import { fingerprintOf, type Idempotency } from '../services/writes';
import type { JobRecord, UnitError } from '../store/jobs';
import { Problem, sendProblem } from './problem';
import { refusalStatus } from './refusal-status';

/** An Idempotency-Key: the draft's sf-string ("..."), or the same text bare; at most 255 characters. */
const IDEMPOTENCY_KEY = /^"?([\x21\x23-\x7e]{1,255})"?$/;

/** The request's Idempotency-Key with its fingerprint (method, path, body and the headers that change meaning). */
export function idempotencyOf(req: Request, body: Uint8Array | string): Idempotency | undefined {
  const header = req.get('idempotency-key');
  if (header === undefined) return undefined;
  const match = IDEMPOTENCY_KEY.exec(header.trim());
  if (!match) throw new Problem(400, 'BAD_IDEMPOTENCY_KEY', 'The Idempotency-Key is not valid', 'a key is 1 to 255 printable characters, optionally quoted');
  const behaviour = req.get('gs1-capture-error-behaviour') ?? '';
  return { key: match[1], fingerprint: fingerprintOf(req.method, req.baseUrl + req.path, behaviour, body) };
}

/** How a write's transaction ended, in HTTP: its success status, 202 while it still runs, or its refusal. */
export function sendWriteOutcome(res: Response, job: JobRecord, created: { status: number; body: (result: unknown) => unknown; location?: (result: unknown) => string }): void {
  const [unit] = job.units;
  if (job.state === 'running') {
    res.status(202).location(`/jobs/${job.id}`).json(jobView(job));
    return;
  }
  if (unit?.error) {
    sendProblem(res, problemOfUnit(unit.error, job.id));
    return;
  }
  const result: unknown = unit?.result ? JSON.parse(unit.result) : null;
  if (created.location) res.location(created.location(result));
  res.status(created.status).json(created.body(result));
}

export function problemOfUnit(error: UnitError, jobId: string): Problem {
  if (error.code === 'UNKNOWN_USER') return new Problem(401, error.code, 'The key names a user this gateway does not hold', undefined, { jobId });
  if (error.code === 'TRANSACTION_INVALID') return new Problem(409, error.code, 'The transaction was invalidated at commit', error.detail, { jobId });
  if (error.code === 'LEDGER_UNAVAILABLE') return new Problem(503, error.code, 'The network is unavailable', error.detail, { jobId }, { 'Retry-After': '5' });
  return new Problem(refusalStatus(error.code), error.code, 'The ledger refused the request', error.detail, { jobId });
}

/** Any job as the owner sees it: its state and each transaction's id and outcome. */
export function jobView(job: JobRecord): Record<string, unknown> {
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    createdAt: job.createdAt,
    ...(job.finishedAt !== undefined && { finishedAt: job.finishedAt }),
    transactions: job.units.map((u) => ({ state: u.state, ...(u.txId !== undefined && { txId: u.txId }), ...(u.error !== undefined && { error: u.error }) })),
  };
}
