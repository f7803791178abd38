import { canonicalElements, digitalLinkOf, parseDigitalLink } from './digital-link';
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
 * The canonical GS1 Digital Link (`https://id.gs1.org/…`) of a GS1 identifier, the form the CBV 2.0
 * event hash compares: EPC pure-identity URNs, LGTIN class URNs, serial-wildcard EPC patterns and
 * Digital Links on any host (re-rooted, GTIN padded to 14 digits, key qualifiers only and in
 * canonical order, query dropped). Any other URI is returned unchanged.
 * @throws IdentifierError when a GTIN, SSCC or GLN identifier breaks its rules (see STRICT_KEYS).
 */
export function normalizeIdentifier(uri: string): string {
  const elements = elementsOfEpcUrn(uri) ?? parseDigitalLink(uri);
  if (elements === undefined) return uri;
  try {
    return digitalLinkOf(canonicalElements(uri, elements));
  } catch (err) {
    if (err instanceof IdentifierError && elements[0] !== undefined && !STRICT_KEYS.has(elements[0].ai)) return uri;
    throw err;
  }
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
