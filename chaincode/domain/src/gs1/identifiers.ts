import { canonicalElements, digitalLinkOf, hashedElements, parseDigitalLink } from './digital-link';
import type { AiElement } from './application-identifiers';
import { elementsOfEpcUrn } from './epc-urn';
import { IdentifierError } from './errors';

export { IdentifierError } from './errors';

/**
 * The keys the trace relies on to tell products, logistic units and places apart: GTIN, SSCC, GLN (location
 * and party). A malformed one is refused. Any other GS1 key that breaks its rules (an asset or document
 * identifier with a wrong check digit, say) is kept as written, since EPCIS accepts any URI there and nothing
 * in the alliance's rules depends on it.
 */
const STRICT_KEYS = new Set(['00', '01', '414', '417']);

/**
 * The longest identifier accepted, in characters. GS1 fixes the length of every key and key qualifier (the
 * AI formats of the GS1 General Specifications): the longest canonical Digital Link, https://id.gs1.org
 * with a GTIN, variant, lot and serial whose every character is percent-encoded, has 228 characters. A custom
 * host, a path prefix and a query string of data attributes add to that, and no GS1 text at hand fixes a
 * maximum for the whole URI (GS1's Barcode Syntax Engine stops at 8191 characters, its own buffer size), so
 * this is the project's bound: far above any real identifier, far below what would let one event field make
 * every peer parse kilobytes.
 */
export const MAX_IDENTIFIER_LENGTH = 2048;

function canonicalForm(uri: string, shape: (elements: readonly AiElement[]) => readonly AiElement[]): string {
  const elements = canonicalElementsOf(uri);
  return elements === undefined ? uri : digitalLinkOf(shape(elements));
}

/**
 * The canonical elements of identifiers read lately; undefined for one kept as written. Every peer reads each
 * identifier of a capture three times (validating it, normalising it, hashing the event as captured), and reading
 * is pure, so an identifier is parsed and checked once. One that breaks its rules is read again each time, so
 * that it throws afresh. The event hash reads every text value of an event this way, so only text no longer than
 * an identifier may be is kept, and at most READ_LATELY_ENTRIES of them (emptied when full): a few megabytes at
 * worst, whatever the captures hold.
 */
const readLately = new Map<string, readonly AiElement[] | undefined>();
const READ_LATELY_ENTRIES = 4096;

function canonicalElementsOf(uri: string): readonly AiElement[] | undefined {
  if (uri.length > MAX_IDENTIFIER_LENGTH) return readCanonicalElements(uri);
  if (readLately.has(uri)) return readLately.get(uri);
  const elements = readCanonicalElements(uri);
  if (readLately.size >= READ_LATELY_ENTRIES) readLately.clear();
  readLately.set(uri, elements);
  return elements;
}

function readCanonicalElements(uri: string): readonly AiElement[] | undefined {
  const elements = elementsOfEpcUrn(uri) ?? parseDigitalLink(uri);
  if (elements === undefined) return undefined;
  try {
    return canonicalElements(uri, elements);
  } catch (err) {
    if (err instanceof IdentifierError && elements[0] !== undefined && !STRICT_KEYS.has(elements[0].ai)) return undefined;
    throw err;
  }
}

/**
 * The canonical GS1 Digital Link (`https://id.gs1.org/…`) of a GS1 identifier: EPC pure-identity URNs, LGTIN
 * class URNs, serial-wildcard EPC patterns and Digital Links on any host, with numeric AIs or the short names
 * (re-rooted, GTIN padded to 14 digits, key qualifiers only and in canonical order, query dropped). Any other
 * URI is returned unchanged. Linear in the length of the input.
 * @throws IdentifierError when a GTIN, SSCC or GLN identifier breaks its rules (see STRICT_KEYS).
 */
export function normalizeIdentifier(uri: string): string {
  return canonicalForm(uri, (elements) => elements);
}

/**
 * The form the CBV 2.0 Event Hash ID writes an identifier in: normalizeIdentifier's Digital Link with only the
 * finest level of identification kept (see hashedElements), so a serialised item hashes alike whether or not
 * its lot or variant was written beside the serial.
 * @throws IdentifierError as normalizeIdentifier does.
 */
export function eventHashIdentifier(uri: string): string {
  return canonicalForm(uri, hashedElements);
}

const GTIN_DIGITAL_LINK = /^https:\/\/id\.gs1\.org\/01\/(\d{14})(?:\/|$)/;

/**
 * The GTIN-14 an identifier is an instance or class of (SGTIN, UPUI, LGTIN, GTIN pattern, Digital
 * Link with AI 01); undefined for any other identifier.
 * @throws IdentifierError as normalizeIdentifier does.
 */
export function gtinOf(uri: string): string | undefined {
  return GTIN_DIGITAL_LINK.exec(normalizeIdentifier(uri))?.[1];
}
