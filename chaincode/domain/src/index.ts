export { assertMayRecord, cbvStepWord, rolesForStep } from './trace/authority';
export { collectionOf, DATA_LEVELS, mayRead, recordingLevel, type DataLevel } from './trace/data-levels';
export { TraceError, type TraceErrorCode } from './trace/errors';
export { isRole, ROLES, type Role } from './trace/roles';
export { canonicalJson } from './trace/canonical-json';
export {
  assertActsAs,
  parseEnterpriseRegistration,
  registeredEnterprise,
  type Enterprise,
  type EnterpriseRegistration,
  type EnterpriseStatus,
} from './trace/enterprise';
export { objectsOf, summariseEvent, utcSortable, type EventSummary, type SummarisableEvent } from './trace/event-summary';
export { nextItemState, type ItemState } from './trace/item-state';
export { byEventTime, linksOf, type TraceLink } from './trace/trace-graph';
export { indexFor, matchesQuery, MAX_PAGE_SIZE, parseEventQuery, type EventQuery, type QueryIndex } from './trace/event-query';
export { gs1CheckDigit, gtinOf, hasValidCheckDigit, IdentifierError, isValidGtin, normalizeIdentifier, toGtin14 } from './gs1';
export { EventHashError, eventHashId, eventsOfDocument, preHashString, type DocumentEvents, type PreHashOptions } from './hash';
export * from './epcis';
export { assertMayUpdateProduct, parseProduct, type Product, type ProductLimits } from './trace/product';
export { assertMayDeclareError, type ErrorDeclarationRecord } from './trace/error-declaration';
