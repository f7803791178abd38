import { IdentifierError, normalizeIdentifier } from '../gs1/identifiers';
import type { EpcisIssueCode } from './issues';

export type IdentifierReading =
  | { readonly ok: true; readonly canonical: string }
  | { readonly ok: false; readonly code: Extract<EpcisIssueCode, 'invalid_identifier' | 'bad_check_digit'>; readonly problem: string };

/**
 * An object, class or place identifier in its canonical GS1 Digital Link form (other URIs as written), or
 * why it is refused. A wrong check digit gets its own code because it is the typo a scanner or a person makes,
 * and the caller can say so; the GS1 rules report it as a "check digit" problem.
 */
export function readIdentifier(uri: string): IdentifierReading {
  try {
    return { ok: true, canonical: normalizeIdentifier(uri) };
  } catch (err) {
    if (!(err instanceof IdentifierError)) throw err;
    const code = /check digit/i.test(err.message) ? 'bad_check_digit' : 'invalid_identifier';
    return { ok: false, code, problem: `'${uri}' is not a valid GS1 identifier: ${err.message}` };
  }
}
