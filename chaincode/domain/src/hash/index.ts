export { eventsOfDocument, type DocumentEvents } from './epcis-document';
export { EventHashError } from './errors';
export { eventHashId } from './event-hash';
export { preHashString, type PreHashOptions } from './pre-hash';
