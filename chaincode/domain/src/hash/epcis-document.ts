import { EventHashError } from './errors';
import type { PreHashOptions } from './pre-hash';

/** What hashing the events of one EPCIS document needs: the events, their context and repository options. */
export interface DocumentEvents {
  readonly events: Record<string, unknown>[];
  readonly context: unknown;
  readonly options: PreHashOptions;
}

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A repository lists its own bookkeeping fields under a namespaced `…:ignoreFields` property of the
 * document (or of its query results); those fields stay out of the hash.
 */
function ignoreFieldsIn(holders: readonly JsonObject[]): string[] {
  return holders.flatMap((holder) =>
    Object.entries(holder)
      .filter(([key, value]) => /(^|:)ignoreFields$/.test(key) && Array.isArray(value))
      .flatMap(([, value]) => (value as unknown[]).filter((field): field is string => typeof field === 'string')),
  );
}

/** The events of an EPCISDocument or EPCISQueryDocument, with the document's `@context`. */
export function eventsOfDocument(document: Record<string, unknown>): DocumentEvents {
  const body = document['epcisBody'];
  if (!isObject(body)) throw new EventHashError('document has no epcisBody');
  const queryResults = body['queryResults'];
  const resultsBody = isObject(queryResults) ? queryResults['resultsBody'] : undefined;
  const eventList = isObject(resultsBody) ? resultsBody['eventList'] : body['eventList'];
  if (!Array.isArray(eventList) || !eventList.every(isObject)) throw new EventHashError('document has no list of events');
  const holders = isObject(queryResults) ? [document, queryResults] : [document];
  return { events: eventList, context: document['@context'], options: { ignoreFields: ignoreFieldsIn(holders) } };
}
