import { EpcisValidationError, issueAt } from './issues';

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * The JSON value of an EPCIS document or event as it arrives (raw bytes, or text already decoded). A leading
 * UTF-8 byte-order mark is dropped, as RFC 8259 section 8.1 lets a parser do and as editors on some platforms
 * write one; the bytes must otherwise be UTF-8.
 * @throws EpcisValidationError (invalid_json) when the input is not UTF-8 or not a JSON text.
 */
export function parseEpcisJson(input: Uint8Array | string): unknown {
  const text = typeof input === 'string' ? withoutByteOrderMark(input) : decodeUtf8(input);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new EpcisValidationError([issueAt([], 'invalid_json', `the document is not JSON: ${(err as Error).message}`)]);
  }
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
