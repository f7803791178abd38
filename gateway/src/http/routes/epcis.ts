import { CAPTURE_LIMITS } from '@crossborder-trace/domain';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { ReadNotRecorded, type AuditTrail } from '../../services/audit-trail';
import type { CaptureService } from '../../services/capture';
import { captureJobView } from '../../services/job-views';
import { jobEndedWithin } from '../../services/job-wait';
import type { LedgerReads } from '../../services/ledger-reads';
import type { ErrorBehaviour, JobStore } from '../../store/jobs';
import { userOf } from '../auth';
import { DEFAULT_PER_PAGE, eventQueryOf, perPage } from '../epcis-query';
import { EPCIS_VERSION_HEADERS, epcisEventOf, queryDocumentOf } from '../epcis-views';
import { applyPreferredWait, requestGone } from '../prefer';
import { Problem } from '../problem';
import { idempotencyOf, problemOfUnit, sendWriteOutcome } from '../writes';

/** The binding's capture limits, on every capture answer and on OPTIONS /capture. */
const CAPTURE_LIMIT_HEADERS = {
  'GS1-EPCIS-Capture-Limit': String(CAPTURE_LIMITS.maxEvents),
  'GS1-EPCIS-Capture-File-Size-Limit': String(CAPTURE_LIMITS.maxDocumentBytes),
};
const JSON_TYPES = ['application/json', 'application/ld+json'];

export interface EpcisRouteDeps {
  readonly capture: CaptureService;
  readonly reads: LedgerReads;
  readonly jobs: JobStore;
  readonly commitWaitMs: number;
  readonly audit: AuditTrail;
}

/** The GS1 EPCIS 2.0 REST binding: /capture and /events. Problems use the binding's epcisException types. */
export function epcisRoutes({ capture, reads, jobs, commitWaitMs, audit }: EpcisRouteDeps): Router {
  const router = Router();
  router.use(['/capture', '/events'], epcisHeaders);
  // The body stays bytes: it is validated, fingerprinted and sent as it came. One byte over the limit is enough
  // to know it is too large.
  const body = express.raw({ type: JSON_TYPES, limit: CAPTURE_LIMITS.maxDocumentBytes });

  router.options('/capture', (_req, res) => {
    res.set({ ...CAPTURE_LIMIT_HEADERS, Allow: 'GET, POST, OPTIONS' }).status(204).end();
  });

  router.post('/capture', body, async (req, res) => {
    res.set(CAPTURE_LIMIT_HEADERS);
    const bytes = bodyOf(req);
    const behaviour = errorBehaviourOf(req);
    const plan = capture.plan(bytes, behaviour);
    const job = await capture.capture(userOf(res.locals), plan, behaviour, idempotencyOf(req, bytes));
    res.status(202).location(`/capture/${job.id}`).json(captureJobView(job));
  });

  /** The caller's own capture jobs, newest first, perPage at a time; Link rel="next" while more follow, no totals. */
  router.get('/capture', (req, res) => {
    const { limit, before } = capturePageOf(req.query as Record<string, unknown>);
    const page = jobs.ofUser(userOf(res.locals), 'capture', limit, before);
    if (page.next !== undefined) {
      const next = new URLSearchParams(req.query as Record<string, string>);
      next.set('nextPageToken', pageTokenOf(page.next));
      res.set('Link', `</capture?${next.toString()}>; rel="next"`);
    }
    res.json(page.jobs.map(captureJobView));
  });

  /** The job; with Prefer: wait=N, held until the job has ended or N seconds have passed. */
  router.get('/capture/:captureID', async (req, res) => {
    const job = jobs.get(req.params.captureID);
    // Another user's job is not there for this one.
    if (!job || job.kind !== 'capture' || job.user !== userOf(res.locals)) throw new Problem(404, 'NOT_FOUND', 'No such capture job');
    res.json(captureJobView((await jobEndedWithin(jobs, job.id, applyPreferredWait(req, res), requestGone(res))) ?? job));
  });

  router.post('/events', body, async (req, res) => {
    const bytes = bodyOf(req);
    const job = await capture.captureEvent(userOf(res.locals), bytes, idempotencyOf(req, bytes), commitWaitMs);
    if (job.state === 'running') {
      res.status(202).location(`/capture/${job.id}`).json(captureJobView(job));
      return;
    }
    sendWriteOutcome(res, job, {
      status: 201,
      location: (result) => `/events/${encodeURIComponent(idOf(result))}`,
      body: (result) => ({ eventID: idOf(result), captureID: job.id }),
    });
  });

  router.get('/events', async (req, res) => {
    const query = eventQueryOf(req.query as Record<string, unknown>);
    const page = await reads.events(userOf(res.locals), query);
    if (page.bookmark !== '') {
      const next = new URLSearchParams(req.query as Record<string, string>);
      next.set('nextPageToken', page.bookmark);
      res.set('Link', `</events?${next.toString()}>; rel="next"`);
    }
    res.json(queryDocumentOf(page.events));
  });

  router.get('/events/:eventID', async (req, res) => {
    res.json({ '@context': queryDocumentOf([])['@context'], ...epcisEventOf(await reads.event(userOf(res.locals), req.params.eventID)) });
  });

  /** The regulator's gateway records the read on the ledger first (purpose: why, optional), then answers. */
  router.get('/events/:eventID/detail', async (req, res) => {
    const { purpose, ...other } = req.query as Record<string, unknown>;
    const unknown = Object.keys(other)[0];
    if (unknown !== undefined) throw new Problem(400, 'QUERY_PARAMETER', 'A query parameter is not valid', `${unknown} is not a parameter of this route (purpose)`);
    if (purpose !== undefined && typeof purpose !== 'string') throw new Problem(400, 'QUERY_PARAMETER', 'A query parameter is not valid', 'purpose is given more than once');
    try {
      res.json(await audit.eventDetail(userOf(res.locals), req.params.eventID, purpose ?? ''));
    } catch (err) {
      if (!(err instanceof ReadNotRecorded)) throw err;
      const [unit] = err.job.units;
      if (unit?.error) throw problemOfUnit(unit.error, err.job.id);
      throw new Problem(503, 'READ_RECORD_PENDING', 'The read could not be recorded yet', `the detail is answered once its audit record commits (job ${err.job.id})`, {}, { 'Retry-After': '5' });
    }
  });

  return router;
}

/** Marks the route as EPCIS (for problem types), sets the version headers, refuses a version it does not speak. */
function epcisHeaders(req: Request, res: Response, next: NextFunction): void {
  res.locals.epcis = true;
  res.set(EPCIS_VERSION_HEADERS);
  const asked = req.get('gs1-epcis-version');
  if (asked !== undefined && !/^2\.0(\.\d+)?$/.test(asked.trim())) {
    throw new Problem(406, 'EPCIS_VERSION', 'EPCIS version not supported', `this service speaks EPCIS 2.0; GS1-EPCIS-Version: ${asked.slice(0, 20)}`);
  }
  next();
}

const refuseQuery = (detail: string) => new Problem(400, 'QUERY_PARAMETER', 'A query parameter is not valid', detail);

/** GET /capture's parameters: perPage and nextPageToken, each at most once; anything else is refused. */
function capturePageOf(params: Record<string, unknown>): { limit: number; before?: number } {
  let limit = DEFAULT_PER_PAGE;
  let before: number | undefined;
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'string') throw refuseQuery(`${name} is given more than once`);
    if (name === 'perPage') limit = perPage(value);
    else if (name === 'nextPageToken') before = pagePositionOf(value);
    else throw refuseQuery(`${name} is not a parameter of GET /capture (perPage, nextPageToken)`);
  }
  return { limit, ...(before !== undefined && { before }) };
}

/**
 * A page token is opaque to the caller: base64url of the position of the last job it was given. It names no job
 * and gives no access: a page holds only the caller's own jobs, whatever the token.
 */
function pageTokenOf(position: number): string {
  return Buffer.from(`capture:${position}`, 'utf8').toString('base64url');
}

const PAGE_POSITION = /^capture:([1-9]\d{0,15})$/;

function pagePositionOf(token: string): number {
  const position = /^[A-Za-z0-9_-]{1,40}$/.test(token) ? PAGE_POSITION.exec(Buffer.from(token, 'base64url').toString('utf8')) : null;
  // Only the token's own spelling: base64url has other spellings of the same bytes (trailing bits), refused too.
  if (!position || pageTokenOf(Number(position[1])) !== token) throw refuseQuery('nextPageToken is not one this service gave (take it from the Link rel="next" of the previous page)');
  return Number(position[1]);
}

function bodyOf(req: Request): Buffer {
  if (!Buffer.isBuffer(req.body)) {
    throw new Problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'The body must be JSON', `send Content-Type: ${JSON_TYPES.join(' or ')}`);
  }
  return req.body;
}

function errorBehaviourOf(req: Request): ErrorBehaviour {
  const value = (req.get('gs1-capture-error-behaviour') ?? 'rollback').trim().toLowerCase();
  if (value === 'rollback' || value === 'proceed') return value;
  throw new Problem(400, 'CAPTURE_ERROR_BEHAVIOUR', 'GS1-Capture-Error-Behaviour is not valid', 'it is rollback (the default) or proceed');
}

function idOf(result: unknown): string {
  const [id] = (result as { ids: string[] }).ids;
  return id;
}
