import { CANONICAL_ROOT } from '../gs1/digital-link';
import { prefixHolder, type AllianceCharter } from './charter';
import { TraceError } from './errors';

/**
 * Where the GS1 company prefix starts in each primary key's value (GS1 General Specifications, 3.2): after the
 * indicator digit of a GTIN or ITIP, the extension digit of an SSCC, the leading zero of a GRAI; at the start
 * of every other key. Its length is not written in the key: the charter's prefixes, which never overlap, say it.
 */
const PREFIX_OFFSET: Readonly<Record<string, number>> = {
  '00': 1,
  '01': 1,
  '8006': 1,
  '8003': 1,
  '253': 0,
  '255': 0,
  '401': 0,
  '402': 0,
  '414': 0,
  '417': 0,
  '8004': 0,
  '8010': 0,
  '8013': 0,
  '8017': 0,
  '8018': 0,
};

/** `https://id.gs1.org/<primary key AI>/<value>...`: the canonical form normalised identifiers take. */
const CANONICAL_KEY = new RegExp(`^${CANONICAL_ROOT.replace(/[./]/g, '\\$&')}/(\\d{2,4})/(\\d+)`);

/** The digits of a GS1 key from where its company prefix starts, or undefined for an identifier that is no GS1 key. */
export function companyPrefixDigits(identifier: string): string | undefined {
  const match = CANONICAL_KEY.exec(identifier);
  if (!match) return undefined;
  const offset = PREFIX_OFFSET[match[1]];
  return offset === undefined ? undefined : match[2].slice(offset);
}

/**
 * The member MSP that owns the brand of a GS1 key (instance or class): the holder of its company prefix in the
 * charter. Undefined for a key under no member's prefix (goods of a brand outside the alliance) and for
 * identifiers that are no GS1 key.
 */
export function brandOwnerOf(charter: AllianceCharter, identifier: string): string | undefined {
  const digits = companyPrefixDigits(identifier);
  return digits === undefined ? undefined : prefixHolder(charter, digits);
}

/** Throws NOT_BRAND_OWNER unless the GTIN-14 is under one of the member's company prefixes in the charter. */
export function assertGtinBrandOwner(charter: AllianceCharter, gtin14: string, mspId: string): void {
  const owner = brandOwnerOf(charter, `${CANONICAL_ROOT}/01/${gtin14}`);
  if (owner !== mspId) {
    const held = owner === undefined ? 'no member holds its company prefix' : `its company prefix is ${owner}'s`;
    throw new TraceError('NOT_BRAND_OWNER', `GTIN ${gtin14} is not under a company prefix of ${mspId} in the alliance charter: ${held}`);
  }
}
