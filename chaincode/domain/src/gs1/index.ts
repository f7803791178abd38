export { gs1CheckDigit, hasValidCheckDigit, isValidGtin, toGtin14 } from './check-digit';
export { gtinOf, IdentifierError, normalizeIdentifier } from './identifiers';
