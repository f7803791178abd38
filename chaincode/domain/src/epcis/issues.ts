/**
 * Stable machine codes for what is wrong with EPCIS input; the gateway turns them into problem+json and
 * the chaincode into its refusal, so they never change meaning.
 */
export type EpcisIssueCode =
  /** A field the standard makes mandatory (for this event type and action) is missing or empty. */
  | 'required'
  /** A value of the wrong JSON type (a string where a list belongs, ...). */
  | 'invalid_type'
  /** An un-prefixed member the standard does not define; extensions must be namespaced. */
  | 'unknown_field'
  /** A `type` that is neither EPCISDocument nor one of the five event types. */
  | 'unknown_type'
  /** An action other than ADD, OBSERVE, DELETE. */
  | 'invalid_action'
  /** Not an xsd:dateTime with a zone, or a time zone offset not of the form ±hh:mm. */
  | 'invalid_time'
  /** A vocabulary value that is no term of its CBV / GS1 vocabulary and no absolute URI either. */
  | 'unknown_vocabulary'
  /** A value that must be an absolute URI but is not. */
  | 'invalid_uri'
  /** A GS1 identifier (EPC URN or Digital Link) that breaks the GS1 rules. */
  | 'invalid_identifier'
  /** A GS1 key whose check digit is wrong. */
  | 'bad_check_digit'
  /** A value of the right type outside what the field allows (a unit code, a hex string, a schema version). */
  | 'invalid_value'
  /** A value longer than the field allows (an identifier beyond MAX_IDENTIFIER_LENGTH characters). */
  | 'too_long'
  /** Input beyond a capture limit (CAPTURE_LIMITS): bytes, events, entries of a list, nesting. */
  | 'too_large'
  /** Input that is not a JSON text (malformed, or not UTF-8). */
  | 'invalid_json';

export interface EpcisIssue {
  /** Where, in the input's own terms: `epcisBody.eventList[2].bizStep`; empty for the input as a whole. */
  readonly path: string;
  readonly code: EpcisIssueCode;
  /** What is wrong and where, for a person. */
  readonly message: string;
}

/** EPCIS input refused, with every problem found (not just the first). */
export class EpcisValidationError extends Error {
  override readonly name = 'EpcisValidationError';

  constructor(readonly issues: readonly EpcisIssue[]) {
    super(`EPCIS input refused (${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}): ${issues.map((issue) => issue.message).join('; ')}`);
  }
}

export type PathSegment = string | number;

/** `epcisBody.eventList[2].bizStep` from its segments. */
export function formatPath(segments: readonly PathSegment[]): string {
  return segments.reduce<string>((path, segment) => {
    if (typeof segment === 'number') return `${path}[${segment}]`;
    return path === '' ? segment : `${path}.${segment}`;
  }, '');
}

/** An issue whose message names the place it is about. */
export function issueAt(segments: readonly PathSegment[], code: EpcisIssueCode, problem: string): EpcisIssue {
  const path = formatPath(segments);
  return { path, code, message: path === '' ? problem : `${path}: ${problem}` };
}
