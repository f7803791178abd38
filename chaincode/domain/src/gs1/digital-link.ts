import { aiValueProblem, PRIMARY_KEYS, type AiElement } from './application-identifiers';
import { toGtin14, isValidGtin } from './check-digit';
import { IdentifierError } from './errors';

/** The canonical GS1 resolver root: CBV 2.0 event hashes use Digital Links rooted here. */
export const CANONICAL_ROOT = 'https://id.gs1.org';

/**
 * Percent-encodes everything outside RFC 3986's unreserved characters, so each value has exactly
 * one spelling whichever source (EPC URN escape or Digital Link) it came from.
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

function decodeSegment(identifier: string, segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new IdentifierError(identifier, `bad percent-encoding "${segment}"`);
  }
}

/**
 * True when the path segments from `start` read as primary key AI, value, then (AI, value) pairs;
 * whether those AIs are allowed qualifiers is checked later, so a wrong one is reported, not ignored.
 */
function isKeyPath(segments: readonly string[], start: number): boolean {
  if (!PRIMARY_KEYS.has(segments[start] ?? '') || (segments.length - start) % 2 !== 0) return false;
  for (let i = start + 2; i < segments.length; i += 2) {
    if (!/^\d{2,4}$/.test(segments[i] ?? '')) return false;
  }
  return true;
}

/**
 * Reads a GS1 Digital Link URI on any host (a custom path prefix is allowed before the primary key)
 * into its key elements; undefined when the URI's path does not have Digital Link structure.
 * The query string and fragment carry data attributes, never key parts, so they are ignored.
 */
export function parseDigitalLink(uri: string): AiElement[] | undefined {
  const match = /^https?:\/\/[^/?#]+(\/[^?#]*)/i.exec(uri);
  if (match === null) return undefined;
  const segments = (match[1] ?? '').split('/').slice(1);
  if (segments[segments.length - 1] === '') segments.pop();
  for (let start = 0; start < segments.length; start++) {
    if (!isKeyPath(segments, start)) continue;
    const elements: AiElement[] = [];
    for (let i = start; i < segments.length; i += 2) {
      elements.push({ ai: segments[i] ?? '', value: decodeSegment(uri, segments[i + 1] ?? '') });
    }
    return elements;
  }
  return undefined;
}
