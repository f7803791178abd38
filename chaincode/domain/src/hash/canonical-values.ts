import { eventHashIdentifier } from '../gs1/identifiers';
import { EventHashError } from './errors';
import type { JsonLdContext } from './json-ld-context';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i;

/** A timestamp in UTC with exactly three fraction digits (finer fractions rounded half up). */
export function canonicalTime(value: string): string {
  const match = DATE_TIME.exec(value.trim());
  if (match === null) throw new EventHashError(`not an ISO 8601 date-time with offset: ${value}`);
  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  const digits = fraction.padEnd(4, '0');
  const millis = Number(digits.slice(0, 3)) + (Number(digits[3]) >= 5 ? 1 : 0);
  const offsetMinutes = zone.toUpperCase() === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const midnight = new Date(Date.UTC(2000, 0, 1));
  // setUTCFullYear keeps years below 100 literal, which Date.UTC would shift into the 1900s.
  midnight.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  const elapsed = ((Number(hour) * 60 + Number(minute) - offsetMinutes) * 60 + Number(second)) * 1000 + millis;
  return new Date(midnight.getTime() + elapsed).toISOString();
}

/** Numbers in their shortest decimal spelling: 452.0 and 452 hash alike. */
export function canonicalNumber(value: unknown): string {
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(number)) throw new EventHashError(`not a number: ${String(value)}`);
  return String(number);
}

/** The CBV 2.0 vocabularies an event uses, with their web-URI prefix and CBV 1.x URN spelling. */
export type Vocabulary = 'BizStep' | 'Disp' | 'BTT' | 'SDT' | 'ER' | 'Comp' | 'GS1';

const CBV_ROOT = 'https://ref.gs1.org/cbv/';
const GS1_VOCABULARY = 'https://gs1.org/voc/';
const CBV_URNS: Readonly<Record<string, Vocabulary>> = {
  'urn:epcglobal:cbv:bizstep:': 'BizStep',
  'urn:epcglobal:cbv:disp:': 'Disp',
  'urn:epcglobal:cbv:btt:': 'BTT',
  'urn:epcglobal:cbv:sdt:': 'SDT',
  'urn:epcglobal:cbv:er:': 'ER',
};

const webUri = (vocabulary: Vocabulary, term: string): string =>
  vocabulary === 'GS1' ? GS1_VOCABULARY + term : `${CBV_ROOT}${vocabulary}-${term}`;

/**
 * A vocabulary value as a GS1 web-vocabulary URI: bare CBV terms get the standard prefix, CBV 1.x
 * URNs are rewritten, CURIEs expanded; user-defined URIs stay as they are.
 */
export function canonicalVocabularyValue(value: string, vocabulary: Vocabulary, context: JsonLdContext): string {
  const trimmed = value.trim();
  if (!trimmed.includes(':')) return webUri(vocabulary, trimmed);
  for (const [urn, urnVocabulary] of Object.entries(CBV_URNS)) {
    if (trimmed.startsWith(urn)) return webUri(urnVocabulary, trimmed.slice(urn.length));
  }
  return context.expandCurie(trimmed);
}

/**
 * Any other value: trimmed, a compact IRI (`example:thing`) with a prefix the context knows expanded to its full
 * URI, as the standard asks of every CURIE in the event, and a GS1 identifier written as the constrained
 * canonical Digital Link the Event Hash ID compares (see eventHashIdentifier).
 */
export function canonicalText(value: unknown, context: JsonLdContext): string {
  if (typeof value === 'number') return canonicalNumber(value);
  return eventHashIdentifier(context.expandCurie(String(value).trim()));
}
