export { gs1CheckDigit, hasValidCheckDigit, isValidGtin, toGtin14 } from './check-digit';
export { eventHashIdentifier, gtinOf, IdentifierError, MAX_IDENTIFIER_LENGTH, normalizeIdentifier } from './identifiers';
