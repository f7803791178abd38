import { documentSizeIssues, nestingIssues } from './capture-limits';
import { EpcisValidationError, issueAt, type EpcisIssue } from './issues';

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * The JSON value of an EPCIS document or event as it arrives (raw bytes, or text already decoded). A leading
 * UTF-8 byte-order mark is dropped, as RFC 8259 section 8.1 lets a parser do and as editors on some platforms
 * write one; the bytes must otherwise be UTF-8.
 * @throws EpcisValidationError (invalid_json) when the input is not UTF-8 or not a JSON text; (too_large) when it
 * is beyond CAPTURE_LIMITS in bytes or nesting.
 */
export function parseEpcisJson(input: Uint8Array | string): unknown {
  refuseIfAny(documentSizeIssues(typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength));
  const text = typeof input === 'string' ? withoutByteOrderMark(input) : decodeUtf8(input);
  refuseIfAny(nestingIssues(text));
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new EpcisValidationError([issueAt([], 'invalid_json', `the document is not JSON: ${(err as Error).message}`)]);
  }
}

function refuseIfAny(issues: readonly EpcisIssue[]): void {
  if (issues.length > 0) throw new EpcisValidationError(issues);
}

const withoutByteOrderMark = (text: string): string => (text.startsWith(BYTE_ORDER_MARK) ? text.slice(BYTE_ORDER_MARK.length) : text);

function decodeUtf8(bytes: Uint8Array): string {
  try {
    // With ignoreBOM false the decoder itself drops one leading byte-order mark.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new EpcisValidationError([issueAt([], 'invalid_json', 'the document is not UTF-8 text')]);
  }
}
