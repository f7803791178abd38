import { aiValueHasFormat, aiValueProblem, PRIMARY_KEYS, type AiElement } from './application-identifiers';
import { toGtin14, isValidGtin } from './check-digit';
import { IdentifierError } from './errors';

/** The canonical GS1 resolver root: CBV 2.0 event hashes use Digital Links rooted here. */
export const CANONICAL_ROOT = 'https://id.gs1.org';

/**
 * Percent-encodes everything outside RFC 3986's unreserved characters, so each value has exactly
 * one spelling whichever source (EPC URN escape or Digital Link) it came from.
 *
 * The apostrophe is encoded too (%27). CBV 2.0 takes the canonical form of the Event Hash ID's Digital Links
 * from GS1 Digital Link: URI Syntax 1.2, whose ABNF grammar (XSYMBOL, as GS1 publishes it) admits the symbols
 * ! % & ' ( ) * + , / : ; < = > ? of a value only percent-encoded, the apostrophe as %27; GS1's Barcode Syntax
 * Engine writes it so. The reference hash generator (RalphTro/epcis-event-hash-generator) leaves ', ; and = literal
 * when it converts an EPC URN, yet keeps %27 as written in a Digital Link, so it gives two hashes to one event
 * spelled two ways; its vector epclist_normalisation expects the literal apostrophe and is the one reference
 * vector this code does not reproduce (see test-vectors/epcis-event-hash-generator/README.md).
 */
function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Builds the canonical Digital Link for a primary key followed by its qualifiers (already in canonical order). */
export function digitalLinkOf(elements: readonly AiElement[]): string {
  return CANONICAL_ROOT + elements.map(({ ai, value }) => `/${ai}/${encodeValue(value)}`).join('');
}

/**
 * Validates elements (primary key first) against the GS1 rules, pads a GTIN to 14 digits and puts
 * the key qualifiers in the order the Digital Link standard fixes.
 */
export function canonicalElements(identifier: string, elements: readonly AiElement[]): AiElement[] {
  const [primary, ...qualifiers] = elements;
  const allowed = primary === undefined ? undefined : PRIMARY_KEYS.get(primary.ai);
  if (primary === undefined || allowed === undefined) {
    throw new IdentifierError(identifier, 'no GS1 primary key');
  }
  const key = primary.ai === '01' && isValidGtin(primary.value) ? { ai: '01', value: toGtin14(primary.value) } : primary;
  const seen = new Set<string>();
  for (const element of [key, ...qualifiers]) {
    if (element !== key && !allowed.includes(element.ai)) {
      throw new IdentifierError(identifier, `AI ${element.ai} is not a key qualifier of AI ${key.ai}`);
    }
    if (seen.has(element.ai)) throw new IdentifierError(identifier, `AI ${element.ai} appears twice`);
    seen.add(element.ai);
    const problem = aiValueProblem(element.ai, element.value);
    if (problem !== undefined) throw new IdentifierError(identifier, problem);
  }
  const ordered = [...qualifiers].sort((a, b) => allowed.indexOf(a.ai) - allowed.indexOf(b.ai));
  return [key, ...ordered];
}

/**
 * The key qualifiers CBV 2.0 keeps in the Event Hash ID, finest level first: of the qualifiers present only the
 * first listed stays. The standard's Event Hash ID rule on GS1 Digital Link URIs in the pre-hash string is that a
 * Digital Link "SHALL only contain the most fine-granular level of identification", i.e. one of 00, 01,
 * 01+21, 01+10, 01+235, 253, 255, 401, 402, 414, 414+254, 417, 8003, 8004, 8006, 8006+21, 8006+10, 8010,
 * 8010+8011, 8017, 8018: the consumer product variant (22) goes, a lot (10) goes when a serial is there, and a
 * key outside that list keeps no qualifier (8018+8019 and 414+7040 hash as the bare key).
 */
const HASHED_QUALIFIERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['01', ['21', '235', '10']],
  ['8006', ['21', '10']],
  ['414', ['254']],
  ['8010', ['8011']],
]);

/** Canonical elements (see canonicalElements) cut down to what the CBV 2.0 Event Hash ID compares. */
export function hashedElements(elements: readonly AiElement[]): AiElement[] {
  const [key, ...qualifiers] = elements;
  if (key === undefined) return [];
  const finest = (HASHED_QUALIFIERS.get(key.ai) ?? []).map((ai) => qualifiers.find((element) => element.ai === ai)).find((element) => element !== undefined);
  return finest === undefined ? [key] : [key, finest];
}

function decodeSegment(identifier: string, segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new IdentifierError(identifier, `bad percent-encoding "${segment}"`);
  }
}

/**
 * The alphabetic short names GS1 Digital Link 1.0 to 1.2 allowed in place of the numeric AIs in a URI path
 * (the "gtin-code", "ser-code", ... rules of the standard's ABNF grammar). They are deprecated in favour of the
 * numeric form but still in circulation, so they are read, never written.
 */
const SHORT_NAMES: ReadonlyMap<string, string> = new Map([
  ['gtin', '01'],
  ['itip', '8006'],
  ['gmn', '8013'],
  ['cpid', '8010'],
  ['gln', '414'],
  ['party', '417'],
  ['gsrnp', '8017'],
  ['gsrn', '8018'],
  ['gcn', '255'],
  ['sscc', '00'],
  ['gdti', '253'],
  ['ginc', '401'],
  ['gsin', '402'],
  ['grai', '8003'],
  ['giai', '8004'],
  ['cpv', '22'],
  ['lot', '10'],
  ['ser', '21'],
  ['cpsn', '8011'],
  ['glnx', '254'],
  ['srin', '8019'],
]);

/** The numeric AI a path segment names, whether written as digits or as a short name. */
const aiOf = (segment: string): string => SHORT_NAMES.get(segment) ?? segment;
const NUMERIC_AI = /^\d{2,4}$/;
const namesAi = (segment: string): boolean => NUMERIC_AI.test(segment) || SHORT_NAMES.has(segment);

/** The value of a path segment, or undefined when its percent-encoding is broken. */
function decodedOrUndefined(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Whether a primary key written at `index` can start the key path. A numeric AI always can: its value is
 * checked later, so a malformed key is reported, not ignored. A short name is a common word ("party", "lot",
 * "gtin") that an ordinary web path may hold, so it names a key only when the next segment has that key's
 * format, as the Digital Link grammar requires (https://shop.example/party/9 is no Digital Link).
 */
function startsKeyPath(segments: readonly string[], index: number): boolean {
  const segment = segments[index] ?? '';
  const ai = aiOf(segment);
  if (!PRIMARY_KEYS.has(ai)) return false;
  if (!SHORT_NAMES.has(segment)) return true;
  const value = decodedOrUndefined(segments[index + 1] ?? '');
  return value !== undefined && aiValueHasFormat(ai, value);
}

/**
 * Where the key path starts: the first segment that names a primary key and is followed by (value, AI,
 * value, ...) pairs to the end of the path; -1 when there is none. Whether the AIs after the key are allowed
 * qualifiers is checked later, so a wrong one is reported, not ignored.
 *
 * One pass from the right records which positions start a run of (AI, value) pairs that reaches the end, so
 * finding the start takes time linear in the number of segments whatever the path holds (a path of thousands
 * of AI-like segments once made the search quadratic).
 */
function keyPathStart(segments: readonly string[]): number {
  const count = segments.length;
  // pairsToEnd[i]: segments i, i+2, ... up to the end all name AIs (each followed by its value).
  const pairsToEnd = new Uint8Array(count + 2);
  pairsToEnd[count] = 1;
  for (let i = count - 2; i >= 0; i--) pairsToEnd[i] = namesAi(segments[i] ?? '') && pairsToEnd[i + 2] === 1 ? 1 : 0;
  for (let start = 0; start + 1 < count; start++) {
    if ((count - start) % 2 === 0 && pairsToEnd[start + 2] === 1 && startsKeyPath(segments, start)) return start;
  }
  return -1;
}

/**
 * Reads a GS1 Digital Link URI on any host (a custom path prefix is allowed before the primary key, AIs may be
 * numeric or short names) into its key elements; undefined when the URI's path does not have Digital Link
 * structure. The query string and fragment carry data attributes, never key parts, so they are ignored.
 * Linear in the length of the URI.
 */
export function parseDigitalLink(uri: string): AiElement[] | undefined {
  const match = /^https?:\/\/[^/?#]+(\/[^?#]*)/i.exec(uri);
  if (match === null) return undefined;
  const segments = (match[1] ?? '').split('/').slice(1);
  if (segments[segments.length - 1] === '') segments.pop();
  const start = keyPathStart(segments);
  if (start < 0) return undefined;
  const elements: AiElement[] = [];
  for (let i = start; i < segments.length; i += 2) {
    elements.push({ ai: aiOf(segments[i] ?? ''), value: decodeSegment(uri, segments[i + 1] ?? '') });
  }
  return elements;
}
