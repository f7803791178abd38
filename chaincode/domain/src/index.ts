export { assertMayRecord, assertMaySetDisposition, cbvStepWord, rolesForStep, VERDICT_STEPS } from './trace/authority';
export { collectionOf, collectionsFor, DATA_LEVELS, levelsRecordedBy, mayReadDetail, recordingLevel, type CollectionConfig, type DataLevel } from './trace/data-levels';
export {
  actingRole,
  assertRegistrationChartered,
  MAX_CHARTER_MEMBERS,
  MAX_COMPANY_PREFIXES,
  charterMajority,
  parseCharter,
  prefixHolder,
  type AllianceCharter,
  type CharterMember,
  type CharterProposal,
} from './trace/charter';
export { assertGtinBrandOwner, brandOwnerOf, companyPrefixDigits } from './trace/company-prefix';
export {
  assertCustody,
  CUSTODY_RULES,
  custodyAfter,
  destinationHolder,
  MAX_NESTING,
  NEW_ITEMS,
  relationOf,
  type Custody,
  type CustodyCheck,
  type CustodyRelation,
} from './trace/custody';
export { allianceEventId, collectionKeyFrom, EVENT_ID_PREFIX } from './trace/event-id';
export { assertNotInFuture, MAX_CLOCK_SKEW_MS, txTimeMs } from './trace/event-time';
export { TraceError, type TraceErrorCode } from './trace/errors';
export { isRole, ROLES, type Role } from './trace/roles';
export { canonicalJson } from './trace/canonical-json';
export {
  assertActsAs,
  enterpriseRegistrationSchema,
  parseEnterpriseRegistration,
  registeredEnterprise,
  type Enterprise,
  type EnterpriseRegistration,
  type EnterpriseStatus,
  MAX_STATUS_REASON,
  parseStatusChange,
} from './trace/enterprise';
export { objectsOf, summariseEvent, utcSortable, type EventSummary, type SummarisableEvent } from './trace/event-summary';
export { nextItemState, recalledItemState, type ItemState } from './trace/item-state';
export { readingsOutsideLimits, temperatureReadings } from './trace/cold-chain';
export { byEventTime, linksOf, type TraceLink } from './trace/trace-graph';
export { eventQuerySchema, indexFor, matchesQuery, MAX_PAGE_SIZE, MAX_QUERY_VALUES, parseEventQuery, queryIdentifier, type EventQuery, type EventQueryInput, type QueryIndex } from './trace/event-query';
export { gs1CheckDigit, gtinOf, hasValidCheckDigit, IdentifierError, isValidGtin, normalizeIdentifier, toGtin14 } from './gs1';
export { EventHashError, eventHashId, eventsOfDocument, preHashString, type DocumentEvents, type PreHashOptions } from './hash';
export * from './epcis';
export { assertMayUpdateProduct, parseProduct, productSchema, type Product, type ProductLimits } from './trace/product';
export { assertMayDeclareError, type ErrorDeclarationRecord } from './trace/error-declaration';
export { compositeKeyParts, EVENT_INDEXES, INDEX_SEPARATOR, indexedEventId, indexKey, LEDGER_KEYS, type EventIndex } from './trace/ledger-keys';
export {
  assertMayRecall,
  forwardLinks,
  itemSelectorSchema,
  parseItemSelector,
  type ItemSelector,
  parseRecallRequest,
  publicRecallNotice,
  type PublicRecallNotice,
  RECALL_FORWARD,
  RECALL_ISSUED_EVENT,
  RECALL_KEYS,
  RECALL_LIMITS,
  RECALL_SEVERITIES,
  recallRequestSchema,
  recallSelector,
  salesOf,
  type RecallCarrier,
  type RecalledItem,
  type RecalledSale,
  type RecallRecord,
  type RecallRequest,
  type RecallSeverity,
} from './trace/recall';
export { recallScope, type RecallScope, type ScopeLimits } from './trace/recall-scope';
export {
  assertReadRecorded,
  AUDIT_KEYS,
  auditQuerySchema,
  auditScopeOf,
  DETAIL_READ_WINDOW_MS,
  MAX_AUDIT_PURPOSE,
  parseAuditQuery,
  type AuditAction,
  type AuditEntry,
  type AuditQuery,
  type RecordedRead,
} from './trace/audit';
export * from './public';
export * from './customs';
export * from './credit';
export * from './wire/protobuf-fields';
