import { canonicalElements, digitalLinkOf, parseDigitalLink } from './digital-link';
import { elementsOfEpcUrn } from './epc-urn';

export { IdentifierError } from './errors';

/**
 * The canonical GS1 Digital Link (`https://id.gs1.org/…`) of a GS1 identifier, the form the CBV 2.0
 * event hash compares: EPC pure-identity URNs, LGTIN class URNs, serial-wildcard EPC patterns and
 * Digital Links on any host (re-rooted, GTIN padded to 14 digits, key qualifiers only and in
 * canonical order, query dropped). Any other URI is returned unchanged.
 * @throws IdentifierError when the string is shaped like a GS1 identifier but breaks its rules.
 */
export function normalizeIdentifier(uri: string): string {
  const elements = elementsOfEpcUrn(uri) ?? parseDigitalLink(uri);
  return elements === undefined ? uri : digitalLinkOf(canonicalElements(uri, elements));
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
