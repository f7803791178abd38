import { z } from 'zod';
import { readIdentifier } from '../epcis/identifier';
import { canonicalTerm, VOCABULARIES } from '../epcis/vocabulary';
import { TraceError } from './errors';
import { utcSortable, type EventSummary } from './event-summary';
import { parseJsonInput } from './json-input';

/** Pages are bounded so that a query is bounded on every peer. */
export const MAX_PAGE_SIZE = 100;

/**
 * The EPCIS SimpleEventQuery dimensions the alliance answers from its indexes alone (no rich queries): event
 * type, bizStep, bizLocation, an EPC the event names, and an event time range, paginated.
 */
export const eventQuerySchema = z
  .object({
    eventType: z.enum(['ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent']).optional(),
    bizStep: z.string().min(1).optional(),
    bizLocation: z.string().min(1).optional(),
    matchEpc: z.string().min(1).optional(),
    /** GE_eventTime: inclusive. */
    fromTime: z.string().min(1).optional(),
    /** LT_eventTime: exclusive. */
    toTime: z.string().min(1).optional(),
    pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
    /** Opaque: the bookmark a previous page of the same query answered ('' for the first page). */
    bookmark: z.string().max(4 * 1024).default(''),
  })
  .strict();

export type EventQuery = z.infer<typeof eventQuerySchema>;

/** Which index serves the query: the most selective dimension it names. */
export type QueryIndex = { readonly index: 'epc' | 'bizLocation' | 'bizStep' | 'type' | 'time'; readonly value?: string };

/**
 * The query with its values in the form events are stored in (see normalizeEvent): identifiers in any form
 * capture takes (EPC URN, Digital Link on any host) as canonical Digital Links, CBV steps in any spelling as
 * bare words, times as sortable UTC.
 */
export function parseEventQuery(json: string): EventQuery & { readonly fromUtc?: string; readonly toUtc?: string } {
  const query = parseJsonInput(eventQuerySchema, json, 'INVALID_QUERY', 'the query');
  let times: { fromUtc?: string; toUtc?: string };
  try {
    times = { fromUtc: query.fromTime && utcSortable(query.fromTime), toUtc: query.toTime && utcSortable(query.toTime) };
  } catch (err) {
    throw new TraceError('INVALID_QUERY', (err as Error).message);
  }
  return {
    ...query,
    ...times,
    ...(query.matchEpc !== undefined && { matchEpc: queryIdentifier(query.matchEpc, 'matchEpc') }),
    ...(query.bizLocation !== undefined && { bizLocation: queryIdentifier(query.bizLocation, 'bizLocation') }),
    ...(query.bizStep !== undefined && { bizStep: canonicalTerm(VOCABULARIES.bizStep, query.bizStep) }),
  };
}

/** An identifier a query names, in the canonical form events store it in. */
export function queryIdentifier(value: string, what: string): string {
  const reading = readIdentifier(value);
  if (!reading.ok) throw new TraceError('INVALID_QUERY', `${what}: ${reading.problem}`);
  return reading.canonical;
}

export function indexFor(query: EventQuery): QueryIndex {
  if (query.matchEpc) return { index: 'epc', value: query.matchEpc };
  if (query.bizLocation) return { index: 'bizLocation', value: query.bizLocation };
  if (query.bizStep) return { index: 'bizStep', value: query.bizStep };
  if (query.eventType) return { index: 'type', value: query.eventType };
  return { index: 'time' };
}

/** The dimensions the chosen index did not already apply. */
export function matchesQuery(summary: EventSummary, query: EventQuery): boolean {
  return (
    (query.eventType === undefined || summary.type === query.eventType) &&
    (query.bizStep === undefined || summary.bizStep === query.bizStep) &&
    (query.bizLocation === undefined || summary.bizLocation === query.bizLocation)
  );
}
