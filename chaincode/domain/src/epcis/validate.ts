import type { z } from 'zod';
import { CAPTURE_LIMITS, listLengthIssues } from './capture-limits';
import { EpcisValidationError, issueAt, type EpcisIssue, type PathSegment } from './issues';
import { bareEventEnvelope, documentEnvelope } from './schema-document';
import { EVENT_SCHEMAS } from './schema-events';
import { EVENT_TYPES, type EpcisCapture, type EpcisEvent, type EpcisEventType, type JsonLdContext } from './types';
import { toEpcisIssues } from './zod-issues';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isEventType = (type: unknown): type is EpcisEventType => (EVENT_TYPES as readonly unknown[]).includes(type);

function issuesOf(schema: z.ZodType, input: unknown, at: readonly PathSegment[]): EpcisIssue[] {
  const result = schema.safeParse(input);
  return result.success ? [] : toEpcisIssues(result.error, input, at);
}

/** Everything wrong with one event, its paths prefixed with where the event sits. */
function eventIssues(input: unknown, at: readonly PathSegment[]): EpcisIssue[] {
  if (!isObject(input)) return [issueAt(at, 'invalid_type', 'an event must be a JSON object')];
  // Before the schemas: an over-long list is refused without validating each of its entries.
  const oversized = listLengthIssues(input, at);
  if (oversized.length > 0) return oversized;
  const type = input['type'];
  if (type === undefined) return [issueAt([...at, 'type'], 'required', 'is required (ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent or AssociationEvent)')];
  if (!isEventType(type)) return [issueAt([...at, 'type'], 'unknown_type', `${JSON.stringify(type)} is not an EPCIS 2.0 event type`)];
  return issuesOf(EVENT_SCHEMAS[type], input, at);
}

function refuseIfAny(issues: readonly EpcisIssue[]): void {
  if (issues.length > 0) throw new EpcisValidationError(issues);
}

/**
 * One EPCIS 2.0 event, checked against the standard: members per event type and action, times, CBV 2.0
 * vocabulary, GS1 identifiers and their check digits. Values are returned as written; see normalizeEvent.
 * @throws EpcisValidationError listing every problem, paths relative to the event.
 */
export function parseEpcisEvent(json: unknown): EpcisEvent {
  refuseIfAny(eventIssues(json, []));
  // The schemas check exactly the members and value types EpcisEvent declares.
  return json as EpcisEvent;
}

/**
 * A capture request: an EPCISDocument (its `epcisBody.eventList`) or one bare event with its own
 * `@context`, checked as parseEpcisEvent checks each event.
 * @throws EpcisValidationError listing every problem, with paths like `epcisBody.eventList[2].bizStep`.
 */
export function parseEpcisDocument(json: unknown): EpcisCapture {
  if (!isObject(json)) throw new EpcisValidationError([issueAt([], 'invalid_type', 'an EPCIS document must be a JSON object')]);
  const type = json['type'];
  if (type === 'EPCISDocument') return documentCapture(json);
  if (isEventType(type)) {
    refuseIfAny([...issuesOf(bareEventEnvelope, json, []), ...eventIssues(json, [])]);
    return { context: json['@context'] as JsonLdContext, events: [json as unknown as EpcisEvent] };
  }
  const problem = type === undefined ? 'is required' : `${JSON.stringify(type)} is neither EPCISDocument nor an EPCIS 2.0 event type`;
  throw new EpcisValidationError([issueAt(['type'], type === undefined ? 'required' : 'unknown_type', problem)]);
}

function documentCapture(document: Record<string, unknown>): EpcisCapture {
  const issues = issuesOf(documentEnvelope, document, []);
  const body = document['epcisBody'];
  const events = isObject(body) ? body['eventList'] : undefined;
  if (Array.isArray(events)) {
    if (events.length === 0) issues.push(issueAt(['epcisBody', 'eventList'], 'required', 'names no event to capture'));
    if (events.length > CAPTURE_LIMITS.maxEvents) {
      throw new EpcisValidationError([issueAt(['epcisBody', 'eventList'], 'too_large', `a capture may hold at most ${CAPTURE_LIMITS.maxEvents} events; this one has ${events.length}`)]);
    }
    events.forEach((event, index) => issues.push(...eventIssues(event, ['epcisBody', 'eventList', index])));
  }
  refuseIfAny(issues);
  return { context: document['@context'] as JsonLdContext, events: events as EpcisEvent[] };
}
