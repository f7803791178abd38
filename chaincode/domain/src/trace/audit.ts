import { z } from 'zod';
import type { AllianceCharter } from './charter';
import { TraceError } from './errors';
import { parseJsonInput } from './json-input';
import { MAX_PAGE_SIZE } from './event-query';
import type { Role } from './roles';

/**
 * The audit trail: every action of the regulator or a brand owner (a recall, a suspension or reinstatement) and
 * every read of private detail by the regulator is itself a transaction on the ledger, which writes one entry.
 * Each entry names the enterprises it concerns: the regulator reads every entry, a firm the entries that concern it.
 */
export type AuditAction = 'recall' | 'enterprise_status' | 'detail_read';

export interface AuditEntry {
  /** The transaction that wrote it (and did what it records). */
  readonly txId: string;
  /** The transaction's timestamp, UTC with milliseconds. */
  readonly time: string;
  readonly action: AuditAction;
  /** Who acted: MSP id and the role it acted in. */
  readonly actor: string;
  readonly actorRole: Role;
  /** What was acted on: a recall id, an enterprise's MSP id, an event's alliance id. */
  readonly subject: string;
  /** The enterprises it concerns (besides the regulator, who reads all): the firm suspended, the brand owner, the recorder of the event read. */
  readonly concerns: readonly string[];
  readonly detail?: Readonly<Record<string, unknown>>;
}

/**
 * Ledger keys of the trail, simple keys with U+0000 between parts (range scans in time order need simple keys):
 * `audit␀<time>␀<txId>` holds the entry; `audit-of␀<mspId>␀<time>␀<txId>` finds it for each enterprise it concerns
 * (an index entry, one zero byte).
 */
export const AUDIT_KEYS = { entry: 'audit', concerning: 'audit-of', lastRead: 'audit-read' } as const;

/**
 * How long a recorded read opens an event's detail to the regulator: event:detail answers the regulator only when
 * its MSP recorded a read of that event (audit:recordRead, the composite key `audit-read` [MSP id, event id] holds
 * the latest) no longer than this before the query's own timestamp. The regulator's gateway records every read;
 * a client of its own cannot read without a record either.
 */
export const DETAIL_READ_WINDOW_MS = 10 * 60_000;

/** The latest recorded read of an event by an MSP. */
export interface RecordedRead {
  readonly txId: string;
  readonly time: string;
}

/**
 * Throws READ_NOT_RECORDED unless the read was recorded at most DETAIL_READ_WINDOW_MS before the query's timestamp
 * (and not after it, beyond the clock skew an event may have).
 */
export function assertReadRecorded(recorded: RecordedRead | undefined, queryTimeMs: number, eventId: string, skewMs: number): void {
  const at = recorded === undefined ? Number.NaN : Date.parse(recorded.time);
  if (!(queryTimeMs - at <= DETAIL_READ_WINDOW_MS && at - queryTimeMs <= skewMs)) {
    const last = recorded === undefined ? 'none is' : `the last was at ${recorded.time}`;
    throw new TraceError(
      'READ_NOT_RECORDED',
      `the regulator reads the detail of ${eventId} within ${DETAIL_READ_WINDOW_MS / 60_000} minutes of recording the read (audit:recordRead); ${last} recorded`,
    );
  }
}

/** Why the regulator reads an event's private detail: free text, kept with the record of the read. */
export const MAX_AUDIT_PURPOSE = 500;

export const auditQuerySchema = z
  .object({
    /** Only entries concerning this enterprise; a firm's own queries are always limited to itself. */
    concerning: z.string().min(1).max(100).optional(),
    /** Inclusive, an xsd:dateTime with offset. */
    fromTime: z.string().min(1).max(64).optional(),
    /** Exclusive. */
    toTime: z.string().min(1).max(64).optional(),
    pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(30),
    bookmark: z.string().max(4096).default(''),
  })
  .strict();

export type AuditQuery = z.output<typeof auditQuerySchema> & { readonly fromUtc?: string; readonly toUtc?: string };

/** @throws TraceError INVALID_QUERY */
export function parseAuditQuery(json: string): AuditQuery {
  const query = parseJsonInput(auditQuerySchema, json, 'INVALID_QUERY', 'the audit query');
  const utc = (time: string | undefined) => {
    if (time === undefined) return undefined;
    const ms = Date.parse(time);
    if (Number.isNaN(ms)) throw new TraceError('INVALID_QUERY', `not a date-time: ${time}`);
    return new Date(ms).toISOString();
  };
  return { ...query, fromUtc: utc(query.fromTime), toUtc: utc(query.toTime) };
}

/**
 * Whose entries a caller reads: the regulator any enterprise's (or all); any other member only its own.
 * @throws TraceError ROLE_NOT_AUTHORISED when a firm asks for another's.
 */
export function auditScopeOf(charter: AllianceCharter, caller: { readonly mspId: string; readonly role: Role }, concerning: string | undefined): string | undefined {
  if (caller.role === 'regulator' && caller.mspId === charter.regulator) return concerning;
  if (concerning !== undefined && concerning !== caller.mspId) {
    throw new TraceError('ROLE_NOT_AUTHORISED', `${caller.mspId} reads the audit entries that concern it, not ${concerning}'s`);
  }
  return caller.mspId;
}
