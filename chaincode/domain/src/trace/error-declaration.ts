import { TraceError } from './errors';
import type { EventSummary } from './event-summary';

/**
 * An EPCIS error declaration against a recorded event: kept beside the event, which is never edited. EPCIS
 * declares an event erroneous by capturing it again with errorDeclaration; the hash ID leaves that field out,
 * so the declaration arrives with the id of the event it corrects.
 */
export interface ErrorDeclarationRecord {
  readonly eventId: string;
  readonly declarationTime: string;
  readonly reason?: string;
  readonly correctiveEventIDs?: readonly string[];
  /** The MSP id that declared it: the enterprise that recorded the event. */
  readonly declaredBy: string;
}

/** Only the enterprise that recorded an event declares it erroneous, once. */
export function assertMayDeclareError(original: EventSummary, existing: ErrorDeclarationRecord | undefined, mspId: string): void {
  if (original.recordedBy !== mspId) {
    throw new TraceError('ROLE_NOT_AUTHORISED', `event ${original.id} was recorded by ${original.recordedBy}; only it may declare the event erroneous`);
  }
  if (existing) throw new TraceError('DUPLICATE_EVENT', `event ${original.id} was already declared erroneous at ${existing.declarationTime}`);
}
