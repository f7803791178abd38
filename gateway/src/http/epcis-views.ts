import type { EventSummary } from '@crossborder-trace/domain';

/** The JSON-LD context of what the gateway answers: EPCIS 2.0's, and `cbt:` for the alliance's own members. */
export const EPCIS_CONTEXT = ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld', { cbt: 'urn:crossborder-trace:' }] as const;

/** Headers of the binding on every EPCIS answer. */
export const EPCIS_VERSION_HEADERS = { 'GS1-EPCIS-Version': '2.0.0', 'GS1-CBV-Version': '2.0.0' } as const;

/** A summary as event:get and trace:events answer it, with an error declaration where one was made. */
type Summary = EventSummary & { readonly declaredErroneous?: unknown };

/**
 * An alliance summary as an EPCIS 2.0 event: the standard's members where the summary has them (CBV values as
 * bare words, identifiers as Digital Links), the alliance id as eventID, and what only the alliance knows (who
 * recorded it, its data level, the classes of its quantity lists without quantities) under `cbt:`.
 */
export function epcisEventOf(summary: Record<string, unknown>): Record<string, unknown> {
  const s = summary as unknown as Summary;
  const { epcClasses, ...what } = s.what;
  return {
    eventID: s.id,
    type: s.type,
    eventTime: s.eventTime,
    eventTimeZoneOffset: s.eventTimeZoneOffset,
    ...(s.action !== undefined && { action: s.action }),
    ...what,
    ...(s.bizStep !== undefined && { bizStep: s.bizStep }),
    ...(s.disposition !== undefined && { disposition: s.disposition }),
    ...(s.readPoint !== undefined && { readPoint: { id: s.readPoint } }),
    ...(s.bizLocation !== undefined && { bizLocation: { id: s.bizLocation } }),
    'cbt:recordedBy': s.recordedBy,
    'cbt:level': s.level,
    ...(epcClasses !== undefined && { 'cbt:epcClasses': epcClasses }),
    ...(s.verdict !== undefined && { 'cbt:verdict': s.verdict }),
    ...(s.declaredErroneous !== undefined && { 'cbt:declaredErroneous': s.declaredErroneous }),
  };
}

/** The binding's answer to a query: an EPCISQueryDocument of SimpleEventQuery results. */
export function queryDocumentOf(events: readonly Record<string, unknown>[]): Record<string, unknown> {
  return {
    '@context': EPCIS_CONTEXT,
    type: 'EPCISQueryDocument',
    schemaVersion: '2.0',
    creationDate: new Date().toISOString(),
    epcisBody: { queryResults: { queryName: 'SimpleEventQuery', resultsBody: { eventList: events.map(epcisEventOf) } } },
  };
}
