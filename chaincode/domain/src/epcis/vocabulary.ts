import { isAbsoluteUri } from './uri';
import {
  BIZ_STEPS,
  BIZ_TRANSACTION_TYPES,
  COMPONENTS,
  DISPOSITIONS,
  ERROR_REASONS,
  MEASUREMENT_TYPES,
  SENSOR_ALERT_TYPES,
  SOURCE_DESTINATION_TYPES,
} from './vocabulary-terms';

export interface Vocabulary {
  /** What a term of it is, for messages: "business step". */
  readonly title: string;
  readonly terms: ReadonlySet<string>;
  /** The prefixes that put a term in this vocabulary's namespace: CBV URN, web-vocabulary URI, CURIE. */
  readonly namespaces: readonly string[];
}

const CBV_WEB = 'https://ref.gs1.org/cbv/';
const GS1_NAMESPACES = ['gs1:', 'https://gs1.org/voc/', 'https://ref.gs1.org/voc/'];

function cbv(title: string, terms: readonly string[], webName: string, urnName?: string): Vocabulary {
  const urn = urnName === undefined ? [] : [`urn:epcglobal:cbv:${urnName}:`];
  return { title, terms: new Set(terms), namespaces: [...urn, `${CBV_WEB}${webName}-`, `cbv:${webName}-`] };
}

export const VOCABULARIES = {
  bizStep: cbv('CBV 2.0 business step', BIZ_STEPS, 'BizStep', 'bizstep'),
  disposition: cbv('CBV 2.0 disposition', DISPOSITIONS, 'Disp', 'disp'),
  bizTransactionType: cbv('CBV 2.0 business transaction type', BIZ_TRANSACTION_TYPES, 'BTT', 'btt'),
  sourceDestinationType: cbv('CBV 2.0 source/destination type', SOURCE_DESTINATION_TYPES, 'SDT', 'sdt'),
  errorReason: cbv('CBV 2.0 error reason', ERROR_REASONS, 'ER', 'er'),
  component: cbv('CBV 2.0 sensor component', COMPONENTS, 'Comp'),
  measurementType: { title: 'GS1 measurement type', terms: new Set(MEASUREMENT_TYPES), namespaces: GS1_NAMESPACES },
  sensorAlertType: { title: 'GS1 sensor alert type', terms: new Set(SENSOR_ALERT_TYPES), namespaces: GS1_NAMESPACES },
} satisfies Record<string, Vocabulary>;

/**
 * How a vocabulary field's value reads: a standard term (in any of its spellings), a user-defined URI, or
 * neither. A value in the vocabulary's own namespace must be one of its terms: `cbv:BizStep-shiping` is a
 * typo, not a user's own step; and a value in another vocabulary's namespace is in the wrong field.
 */
export type VocabularyReading =
  | { readonly kind: 'term'; readonly term: string }
  | { readonly kind: 'user' }
  | { readonly kind: 'unknown'; readonly problem: string };

export function readVocabularyValue(vocabulary: Vocabulary, value: string): VocabularyReading {
  if (vocabulary.terms.has(value)) return { kind: 'term', term: value };
  const namespace = vocabulary.namespaces.find((prefix) => value.startsWith(prefix));
  if (namespace !== undefined) {
    const term = value.slice(namespace.length);
    if (vocabulary.terms.has(term)) return { kind: 'term', term };
    return { kind: 'unknown', problem: `'${value}' is in the namespace of the ${vocabulary.title}s but '${term}' is none of them` };
  }
  const other = Object.values(VOCABULARIES).find((candidate) => candidate.namespaces.some((prefix) => value.startsWith(prefix)));
  if (other !== undefined) return { kind: 'unknown', problem: `'${value}' is in the namespace of the ${other.title}s, not a ${vocabulary.title}` };
  if (isAbsoluteUri(value)) return { kind: 'user' };
  return { kind: 'unknown', problem: `'${value}' is not a ${vocabulary.title}; a value of one's own must be an absolute URI` };
}

/** The bare term for any spelling of a standard term; a user-defined URI as written. */
export function canonicalTerm(vocabulary: Vocabulary, value: string): string {
  const reading = readVocabularyValue(vocabulary, value);
  return reading.kind === 'term' ? reading.term : value;
}
