import type { AiElement } from './application-identifiers';
import { withCheckDigit } from './check-digit';
import { IdentifierError } from './errors';

/**
 * Turns the dot-separated components of an EPC URN (GS1 EPC Tag Data Standard 2.x) into GS1 elements.
 * `serial` is the decoded last component of serialised schemes, undefined for a class-level pattern.
 */
type Conversion = (urn: string, parts: readonly string[], serial: string | undefined) => AiElement[];

interface Scheme {
  /** Components before the serial (or all components when the scheme has no serial). */
  readonly keyParts: number;
  readonly serialised: boolean;
  readonly convert: Conversion;
}

function companyPrefix(urn: string, part: string): string {
  if (!/^\d{6,12}$/.test(part)) throw new IdentifierError(urn, `GS1 company prefix must be 6 to 12 digits, got "${part}"`);
  return part;
}

/** Company prefix and reference must together have `total` digits; the dot between them fixes the prefix length. */
function prefixAndReference(urn: string, [prefix = '', reference = '']: readonly string[], total: number): [string, string] {
  companyPrefix(urn, prefix);
  if (!/^\d*$/.test(reference) || prefix.length + reference.length !== total) {
    throw new IdentifierError(urn, `company prefix and reference must be ${total} digits together`);
  }
  return [prefix, reference];
}

/** GTIN-14 from company prefix and indicator digit + item reference (the indicator moves to the front). */
function gtinOf(urn: string, parts: readonly string[]): string {
  const [prefix, indicatorAndItem] = prefixAndReference(urn, parts, 13);
  return withCheckDigit(indicatorAndItem.slice(0, 1) + prefix + indicatorAndItem.slice(1));
}

/** GS1 key made of company prefix + reference + check digit (GLN, GSRN, GSIN, GDTI and GCN bases). */
function checkedKey(urn: string, parts: readonly string[], total: number): string {
  return withCheckDigit(prefixAndReference(urn, parts, total).join(''));
}

/** Company prefix + free-form reference (GIAI, GINC, CPID), decoded from URN escapes. */
function freeKey(urn: string, parts: readonly string[]): string {
  return companyPrefix(urn, parts[0] ?? '') + decodeComponent(urn, parts[1] ?? '');
}

const serialTail = (ai: string, serial: string | undefined): AiElement[] => (serial === undefined ? [] : [{ ai, value: serial }]);

const SCHEMES: ReadonlyMap<string, Scheme> = new Map<string, Scheme>([
  ['sgtin', { keyParts: 2, serialised: true, convert: (u, p, s) => [{ ai: '01', value: gtinOf(u, p) }, ...serialTail('21', s)] }],
  ['sscc', {
    keyParts: 2, serialised: false,
    // The extension digit leads the SSCC but trails the company prefix in the URN.
    convert: (u, p) => {
      const [prefix, extensionAndSerial] = prefixAndReference(u, p, 17);
      return [{ ai: '00', value: withCheckDigit(extensionAndSerial.slice(0, 1) + prefix + extensionAndSerial.slice(1)) }];
    },
  }],
  // A GLN extension of "0" means the plain GLN.
  ['sgln', { keyParts: 2, serialised: true, convert: (u, p, s) => [{ ai: '414', value: checkedKey(u, p, 12) }, ...serialTail('254', s === '0' ? undefined : s)] }],
  ['grai', { keyParts: 2, serialised: true, convert: (u, p, s) => [{ ai: '8003', value: `0${checkedKey(u, p, 12)}${s ?? ''}` }] }],
  ['giai', { keyParts: 2, serialised: false, convert: (u, p) => [{ ai: '8004', value: freeKey(u, p) }] }],
  ['gsrn', { keyParts: 2, serialised: false, convert: (u, p) => [{ ai: '8018', value: checkedKey(u, p, 17) }] }],
  ['gsrnp', { keyParts: 2, serialised: false, convert: (u, p) => [{ ai: '8017', value: checkedKey(u, p, 17) }] }],
  ['gdti', { keyParts: 2, serialised: true, convert: (u, p, s) => [{ ai: '253', value: checkedKey(u, p, 12) + (s ?? '') }] }],
  ['cpi', { keyParts: 2, serialised: true, convert: (u, p, s) => [{ ai: '8010', value: freeKey(u, p) }, ...serialTail('8011', s)] }],
  ['sgcn', { keyParts: 2, serialised: true, convert: (u, p, s) => [{ ai: '255', value: checkedKey(u, p, 12) + (s ?? '') }] }],
  ['ginc', { keyParts: 2, serialised: false, convert: (u, p) => [{ ai: '401', value: freeKey(u, p) }] }],
  ['gsin', { keyParts: 2, serialised: false, convert: (u, p) => [{ ai: '402', value: checkedKey(u, p, 16) }] }],
  ['itip', {
    keyParts: 4, serialised: true,
    convert: (u, p, s) => {
      const [piece = '', total = ''] = p.slice(2);
      if (!/^\d{2}$/.test(piece) || !/^\d{2}$/.test(total)) throw new IdentifierError(u, 'ITIP piece and total must be 2 digits each');
      return [{ ai: '8006', value: gtinOf(u, p) + piece + total }, ...serialTail('21', s)];
    },
  }],
  ['upui', { keyParts: 2, serialised: true, convert: (u, p, s) => [{ ai: '01', value: gtinOf(u, p) }, ...serialTail('235', s)] }],
  ['pgln', { keyParts: 2, serialised: false, convert: (u, p) => [{ ai: '417', value: checkedKey(u, p, 12) }] }],
]);

/** EPC schemes of the Tag Data Standard that are not GS1 keys: valid EPCs with no Digital Link form. */
const NON_GS1_SCHEMES = new Set(['gid', 'usdod', 'adi', 'bic', 'imovn']);

/** Undoes the URN escapes (%2F, %22, ...) of the Tag Data Standard. */
function decodeComponent(urn: string, component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    throw new IdentifierError(urn, `bad escape in EPC URN component "${component}"`);
  }
}

function schemeOf(urn: string, name: string): Scheme {
  const scheme = SCHEMES.get(name);
  if (scheme === undefined) throw new IdentifierError(urn, `unknown GS1 EPC scheme "${name}"`);
  return scheme;
}

function components(urn: string, body: string, count: number): string[] {
  const parts = body.split('.');
  if (parts.length !== count) throw new IdentifierError(urn, `expected ${count} dot-separated components`);
  return parts;
}

/**
 * GS1 elements of an EPC URN: pure identity (urn:epc:id), LGTIN class (urn:epc:class:lgtin) or an
 * identity pattern whose only wildcard is the serial (urn:epc:idpat:…:…*). Undefined for EPC
 * schemes that are not GS1 keys and for URNs outside urn:epc.
 */
export function elementsOfEpcUrn(urn: string): AiElement[] | undefined {
  const match = /^urn:epc:(id|class|idpat):([a-z0-9]+):(.*)$/i.exec(urn);
  if (match === null) return undefined;
  const [, kind = '', name = '', body = ''] = match;
  const lowerKind = kind.toLowerCase();
  const lowerName = name.toLowerCase();
  if (lowerKind === 'class') {
    if (lowerName !== 'lgtin') throw new IdentifierError(urn, `unknown EPC class scheme "${name}"`);
    const parts = components(urn, body, 3);
    return [{ ai: '01', value: gtinOf(urn, parts) }, { ai: '10', value: decodeComponent(urn, parts[2] ?? '') }];
  }
  if (lowerKind === 'id' && NON_GS1_SCHEMES.has(lowerName)) return undefined;
  const scheme = schemeOf(urn, lowerName);
  const parts = components(urn, body, scheme.keyParts + (scheme.serialised ? 1 : 0));
  const keyParts = parts.slice(0, scheme.keyParts);
  const last = parts[scheme.keyParts];
  if (lowerKind === 'idpat') {
    if (!scheme.serialised || last !== '*' || keyParts.includes('*')) {
      throw new IdentifierError(urn, 'only patterns whose sole wildcard is the serial have a Digital Link form');
    }
    return scheme.convert(urn, keyParts, undefined);
  }
  if (last === '') throw new IdentifierError(urn, 'empty serial component');
  return scheme.convert(urn, keyParts, last === undefined ? undefined : decodeComponent(urn, last));
}
