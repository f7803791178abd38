import { IdentifierError, MAX_IDENTIFIER_LENGTH, normalizeIdentifier } from '../gs1/identifiers';
import type { EpcisIssueCode } from './issues';

export type IdentifierReading =
  | { readonly ok: true; readonly canonical: string }
  | { readonly ok: false; readonly code: Extract<EpcisIssueCode, 'invalid_identifier' | 'bad_check_digit' | 'too_long'>; readonly problem: string };

/** Why a value is too long to be an identifier, naming its start only; undefined when it is short enough. */
export function identifierLengthProblem(value: string): string | undefined {
  if (value.length <= MAX_IDENTIFIER_LENGTH) return undefined;
  return `an identifier may have at most ${MAX_IDENTIFIER_LENGTH} characters; this one has ${value.length} ('${value.slice(0, 40)}…')`;
}

/**
 * An object, class or place identifier in its canonical GS1 Digital Link form (other URIs as written), or
 * why it is refused. A wrong check digit gets its own code because it is the typo a scanner or a person makes,
 * and the caller can say so; the GS1 rules report it as a "check digit" problem.
 */
export function readIdentifier(uri: string): IdentifierReading {
  const tooLong = identifierLengthProblem(uri);
  if (tooLong !== undefined) return { ok: false, code: 'too_long', problem: tooLong };
  try {
    return { ok: true, canonical: normalizeIdentifier(uri) };
  } catch (err) {
    if (!(err instanceof IdentifierError)) throw err;
    const code = /check digit/i.test(err.message) ? 'bad_check_digit' : 'invalid_identifier';
    return { ok: false, code, problem: `'${uri}' is not a valid GS1 identifier: ${err.message}` };
  }
}
