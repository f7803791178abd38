export { CAPTURE_LIMITS } from './capture-limits';
export { EpcisValidationError, type EpcisIssue, type EpcisIssueCode } from './issues';
export { parseEpcisJson } from './json';
export { normalizeEvent } from './normalize';
export { parseEpcisDocument, parseEpcisEvent } from './validate';
export {
  canonicalTerm,
  readVocabularyValue,
  VOCABULARIES as EPCIS_VOCABULARIES,
  type Vocabulary as EpcisVocabulary,
  type VocabularyReading,
} from './vocabulary';
export {
  ACTIONS,
  EVENT_TYPES,
  type Action,
  type AggregationEvent,
  type AssociationEvent,
  type BizTransaction,
  type Destination,
  type EpcisCapture,
  type EpcisDocument,
  type EpcisEvent,
  type EpcisEventType,
  type ErrorDeclaration,
  type Extensions,
  type Ilmd,
  type JsonLdContext,
  type JsonValue,
  type ObjectEvent,
  type PersistentDisposition,
  type Place,
  type QuantityElement,
  type SensorElement,
  type SensorMetadata,
  type SensorReport,
  type Source,
  type TransactionEvent,
  type TransformationEvent,
} from './types';
