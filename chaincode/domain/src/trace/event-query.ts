import { z } from 'zod';
import { readIdentifier } from '../epcis/identifier';
import { EVENT_TYPES } from '../epcis/types';
import { canonicalTerm, VOCABULARIES } from '../epcis/vocabulary';
import { TraceError } from './errors';
import { utcSortable, type EventSummary } from './event-summary';
import { parseJsonInput } from './json-input';

/** Pages are bounded so that a query is bounded on every peer. */
export const MAX_PAGE_SIZE = 100;

/** Values one dimension of a query may list (EPCIS: a pipe-separated list, any of which matches). */
export const MAX_QUERY_VALUES = 50;

/** One value, or a list of values any of which matches. */
const anyOf = <T extends z.ZodType<string>>(value: T) => z.union([value, z.array(value).min(1).max(MAX_QUERY_VALUES)]).optional();

/**
 * The EPCIS SimpleEventQuery dimensions the alliance answers from its indexes alone (no rich queries): event
 * type (eventType), bizStep (EQ_bizStep), disposition (EQ_disposition), bizLocation (EQ_bizLocation), an EPC
 * the event is about (MATCH_epc: epcList, childEPCs, inputs, outputs) or names anywhere (MATCH_anyEPC: the
 * parent too), and an event time range, paginated.
 */
export const eventQuerySchema = z
  .object({
    eventType: anyOf(z.enum(EVENT_TYPES)),
    bizStep: anyOf(z.string().min(1)),
    disposition: anyOf(z.string().min(1)),
    bizLocation: anyOf(z.string().min(1)),
    matchEpc: anyOf(z.string().min(1)),
    matchAnyEpc: anyOf(z.string().min(1)),
    /** GE_eventTime: inclusive. */
    fromTime: z.string().min(1).optional(),
    /** LT_eventTime: exclusive. */
    toTime: z.string().min(1).optional(),
    pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
    /** Opaque: the bookmark a previous page of the same query answered ('' for the first page). */
    bookmark: z.string().max(4 * 1024).default(''),
  })
  .strict();

export type EventQueryInput = z.input<typeof eventQuerySchema>;

/** A query in the form events are stored in, every dimension as the list of values any of which matches. */
export interface EventQuery {
  readonly eventType?: readonly string[];
  readonly bizStep?: readonly string[];
  readonly disposition?: readonly string[];
  readonly bizLocation?: readonly string[];
  readonly matchEpc?: readonly string[];
  readonly matchAnyEpc?: readonly string[];
  readonly fromUtc?: string;
  readonly toUtc?: string;
  readonly pageSize: number;
  readonly bookmark: string;
}

/**
 * Which index serves the query, and the values of it whose entries are read (merged in time order): the most
 * selective dimension that names a single value, else the event types the query names, else every event type.
 */
export interface QueryIndex {
  readonly index: 'epc' | 'bizLocation' | 'bizStep' | 'type';
  readonly values: readonly string[];
}

/**
 * The query with its values in the form events are stored in (see normalizeEvent): identifiers in any form
 * capture takes (EPC URN, Digital Link on any host) as canonical Digital Links, CBV terms in any spelling as
 * bare words, times as sortable UTC.
 */
export function parseEventQuery(json: string): EventQuery {
  const query = parseJsonInput(eventQuerySchema, json, 'INVALID_QUERY', 'the query');
  let times: { fromUtc?: string; toUtc?: string };
  try {
    times = { fromUtc: query.fromTime && utcSortable(query.fromTime), toUtc: query.toTime && utcSortable(query.toTime) };
  } catch (err) {
    throw new TraceError('INVALID_QUERY', (err as Error).message);
  }
  // Values are compared in their stored form, so two spellings of one EPC or step are one value (and a single one
  // picks that dimension's index).
  const list = (value: string | string[] | undefined, read: (v: string) => string) =>
    value === undefined ? undefined : [...new Set((Array.isArray(value) ? value : [value]).map(read))];
  return {
    eventType: list(query.eventType, (v) => v),
    bizStep: list(query.bizStep, (v) => canonicalTerm(VOCABULARIES.bizStep, v)),
    disposition: list(query.disposition, (v) => canonicalTerm(VOCABULARIES.disposition, v)),
    bizLocation: list(query.bizLocation, (v) => queryIdentifier(v, 'bizLocation')),
    matchEpc: list(query.matchEpc, (v) => queryIdentifier(v, 'matchEpc')),
    matchAnyEpc: list(query.matchAnyEpc, (v) => queryIdentifier(v, 'matchAnyEpc')),
    ...times,
    pageSize: query.pageSize,
    bookmark: query.bookmark,
  };
}

/** An identifier a query names, in the canonical form events store it in. */
export function queryIdentifier(value: string, what: string): string {
  const reading = readIdentifier(value);
  if (!reading.ok) throw new TraceError('INVALID_QUERY', `${what}: ${reading.problem}`);
  return reading.canonical;
}

export function indexFor(query: EventQuery): QueryIndex {
  const single = (values: readonly string[] | undefined) => (values?.length === 1 ? values : undefined);
  const epc = single(query.matchEpc) ?? single(query.matchAnyEpc);
  if (epc !== undefined) return { index: 'epc', values: epc };
  const location = single(query.bizLocation);
  if (location !== undefined) return { index: 'bizLocation', values: location };
  const step = single(query.bizStep);
  if (step !== undefined) return { index: 'bizStep', values: step };
  // Every event has one type, so the type index holds every event once: there is no index of time alone.
  return { index: 'type', values: query.eventType ?? EVENT_TYPES };
}

/** Every dimension of the query, the indexed one included (it costs nothing and keeps this the one definition). */
export function matchesQuery(summary: EventSummary, query: EventQuery): boolean {
  const { epcList = [], parentID, childEPCs = [], inputEPCList = [], outputEPCList = [] } = summary.what;
  const about = [...epcList, ...childEPCs, ...inputEPCList, ...outputEPCList];
  const within = (values: readonly string[] | undefined, value: string | undefined) => values === undefined || (value !== undefined && values.includes(value));
  const names = (values: readonly string[] | undefined, epcs: readonly string[]) => values === undefined || epcs.some((epc) => values.includes(epc));
  return (
    within(query.eventType, summary.type) &&
    within(query.bizStep, summary.bizStep) &&
    within(query.disposition, summary.disposition) &&
    within(query.bizLocation, summary.bizLocation) &&
    names(query.matchEpc, about) &&
    names(query.matchAnyEpc, parentID === undefined ? about : [...about, parentID])
  );
}
