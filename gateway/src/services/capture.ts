import { randomBytes } from 'node:crypto';
import { CAPTURE_LIMITS, EpcisValidationError, normalizeEvent, parseEpcisDocument, parseEpcisJson, type EpcisIssue } from '@crossborder-trace/domain';
import type { ChaincodeCall } from '../fabric/port';
import type { ErrorBehaviour, JobRecord, SkippedEvent } from '../store/jobs';
import type { Idempotency, Writes } from './writes';

/** The salt of each capture: 128 random bits (the chaincode's minimum), fixed when the job is made. */
const SALT_BYTES = 16;

/** The document was refused before anything was submitted: every problem found, or a limit it exceeds. */
export class CaptureRefused extends Error {
  override readonly name = 'CaptureRefused';

  constructor(
    readonly issues: readonly EpcisIssue[],
    readonly tooLarge: boolean,
  ) {
    super(issues.map((i) => i.message).join('; '));
  }
}

/** How a capture is split into transactions: the whole document, or (proceed) each valid event on its own. */
export interface CapturePlan {
  readonly calls: readonly ChaincodeCall[];
  /** Events left out under proceed, with their problems. */
  readonly skipped: readonly SkippedEvent[];
}

/**
 * EPCIS capture: validated here with the chaincode's own rules (the domain package) before anything is sent,
 * then run as a job. Under rollback the document is one transaction: all its events or none. Under proceed each
 * valid event is its own transaction and invalid ones are reported without stopping the rest.
 */
export class CaptureService {
  constructor(private readonly writes: Writes) {}

  plan(body: Uint8Array, behaviour: ErrorBehaviour): CapturePlan {
    const document = read(body);
    if (behaviour === 'rollback') {
      check(() => validate(document));
      return { calls: [captureCall(body)], skipped: [] };
    }
    const events = eventsOf(document);
    let issues: readonly EpcisIssue[] = [];
    try {
      validate(document);
    } catch (err) {
      if (!(err instanceof EpcisValidationError)) throw err;
      issues = err.issues;
    }
    const envelope = issues.filter((i) => eventIndexOf(i) === undefined);
    if (envelope.length > 0) throw new CaptureRefused(envelope, envelope.some((i) => i.code === 'too_large'));
    const skipped = events.map((_, index) => ({ eventIndex: index, issues: issues.filter((i) => eventIndexOf(i) === index) })).filter((p) => p.issues.length > 0);
    const calls = events
      .map((event, index) => ({ event, index }))
      .filter(({ index }) => !skipped.some((s) => s.eventIndex === index))
      .map(({ event }) => captureCall(Buffer.from(JSON.stringify({ ...(document as Record<string, unknown>), epcisBody: { eventList: [event] } }), 'utf8')));
    return { calls, skipped };
  }

  /** Starts a capture job and answers it at once (POST /capture: 202). */
  async capture(user: string, plan: CapturePlan, behaviour: ErrorBehaviour, idempotency?: Idempotency): Promise<JobRecord> {
    return this.writes.perform({ user, kind: 'capture', behaviour, calls: plan.calls, skipped: plan.skipped, idempotency }, 0);
  }

  /** Captures one event and waits up to waitMs for its commit (POST /events: 201). */
  async captureEvent(user: string, body: Uint8Array, idempotency: Idempotency | undefined, waitMs: number): Promise<JobRecord> {
    const event = read(body);
    check(() => {
      const parsed = parseEpcisDocument(event);
      if ((event as { type?: unknown }).type === 'EPCISDocument') {
        throw new EpcisValidationError([{ path: 'type', code: 'unknown_type', message: 'type: POST /events takes one event; send documents to POST /capture' }]);
      }
      for (const e of parsed.events) normalizeEvent(e, parsed.context);
    });
    return this.writes.perform({ user, kind: 'capture', behaviour: 'rollback', calls: [captureCall(body)], idempotency }, waitMs);
  }
}

function captureCall(epcis: Uint8Array): ChaincodeCall {
  return { contract: 'event', transaction: 'capture', transient: { epcis, salt: randomBytes(SALT_BYTES) } };
}

/** JSON within the byte and nesting limits, or refused. */
function read(body: Uint8Array): unknown {
  let value: unknown;
  check(() => {
    value = parseEpcisJson(body);
  });
  return value;
}

/** What the chaincode will check of each event: the standard's rules, then its identifiers' canonical forms. */
function validate(document: unknown): void {
  const { context, events } = parseEpcisDocument(document);
  const issues: EpcisIssue[] = [];
  events.forEach((event, index) => {
    try {
      normalizeEvent(event, context);
    } catch (err) {
      if (!(err instanceof EpcisValidationError)) throw err;
      const at = (document as { type?: unknown }).type === 'EPCISDocument' ? `epcisBody.eventList[${index}].` : '';
      issues.push(...err.issues.map((i) => ({ ...i, path: `${at}${i.path}`, message: `${at}${i.message}` })));
    }
  });
  if (issues.length > 0) throw new EpcisValidationError(issues);
}

function check(step: () => void): void {
  try {
    step();
  } catch (err) {
    if (!(err instanceof EpcisValidationError)) throw err;
    const tooLarge = err.issues.some((i) => i.code === 'too_large' && (i.path === '' || i.path === 'epcisBody.eventList'));
    throw new CaptureRefused(err.issues, tooLarge);
  }
}

function eventsOf(document: unknown): unknown[] {
  const body = (document as { epcisBody?: { eventList?: unknown } } | null)?.epcisBody;
  const list = body?.eventList;
  if ((document as { type?: unknown } | null)?.type !== 'EPCISDocument' || !Array.isArray(list)) {
    check(() => parseEpcisDocument(document));
    throw new CaptureRefused([{ path: 'epcisBody.eventList', code: 'required', message: 'epcisBody.eventList: GS1-Capture-Error-Behaviour proceed takes an EPCISDocument with events' }], false);
  }
  if (list.length > CAPTURE_LIMITS.maxEvents) check(() => parseEpcisDocument(document));
  return list;
}

const EVENT_PATH = /^epcisBody\.eventList\[(\d+)\]/;

function eventIndexOf(issue: EpcisIssue): number | undefined {
  const match = EVENT_PATH.exec(issue.path);
  return match ? Number(match[1]) : undefined;
}
