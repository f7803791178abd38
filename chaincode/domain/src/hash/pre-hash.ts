import { canonicalNumber, canonicalText, canonicalTime, canonicalVocabularyValue } from './canonical-values';
import { EventHashError } from './errors';
import { COMMENT, EVENT_SHAPE, EXCLUDED_EVENT_PROPERTIES, type Field, type Shape, type ValueFormat } from './event-shape';
import { JsonLdContext } from './json-ld-context';

/** Options a repository may add on top of the CBV rules. */
export interface PreHashOptions {
  /**
   * Extension properties (compact names such as `example:captureID`) to leave out: values a
   * repository adds after capture, which must not change the event's identity.
   */
  readonly ignoreFields?: readonly string[];
}

interface Canonicaliser {
  readonly context: JsonLdContext;
  /** Expanded `{namespace}localName` names left out of the hash. */
  readonly ignored: ReadonlySet<string>;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** Sibling parts are sorted by their UTF-8 bytes, so the order in the document never matters. */
function sortedJoin(parts: readonly string[]): string {
  return parts
    .filter((part) => part !== '')
    .sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')))
    .join('');
}

function formatValue(field: string, value: unknown, format: ValueFormat, canonicaliser: Canonicaliser): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') throw new EventHashError(`${field} must be a single value`);
  if (format === 'time') return canonicalTime(String(value));
  if (format === 'number') return canonicalNumber(value);
  if (format === 'boolean') return String(value).trim();
  if (format === 'text') return canonicalText(value, canonicaliser.context);
  return canonicalVocabularyValue(String(value), format.vocabulary, canonicaliser.context);
}

function fieldString(field: Field, value: unknown, canonicaliser: Canonicaliser): string {
  switch (field.kind) {
    case 'value': {
      const text = formatValue(field.name, value, field.format, canonicaliser);
      return text === '' ? '' : `${field.name}=${text}`;
    }
    case 'values': {
      const items = sortedJoin(
        asList(value).map((item) => {
          const text = formatValue(field.name, item, field.format, canonicaliser);
          return text === '' ? '' : `${field.item}=${text}`;
        }),
      );
      return items === '' || !field.header ? items : field.name + items;
    }
    case 'object': {
      const body = objectString(field.name, value, field.shape, canonicaliser);
      return body === '' ? '' : field.name + body;
    }
    case 'objects': {
      const items = sortedJoin(
        asList(value).map((item) => {
          const body = objectString(field.name, item, field.shape, canonicaliser);
          return body === '' ? '' : field.element + body;
        }),
      );
      return items === '' || !field.header ? items : field.name + items;
    }
  }
}

/** The names of each shape's standard fields, gathered once per shape rather than for every object hashed. */
const standardNames = new WeakMap<Shape, ReadonlySet<string>>();

function standardNamesOf(shape: Shape): ReadonlySet<string> {
  let names = standardNames.get(shape);
  if (names === undefined) standardNames.set(shape, (names = new Set(shape.map((field) => field.name))));
  return names;
}

const NOTHING_EXCLUDED: ReadonlySet<string> = new Set();

/** Standard fields in canonical order, then the user extensions sorted. */
function objectString(name: string, value: unknown, shape: Shape, canonicaliser: Canonicaliser, excluded = NOTHING_EXCLUDED): string {
  if (!isObject(value)) throw new EventHashError(`${name} must be an object`);
  let standard = '';
  for (const field of shape) if (field.name in value) standard += fieldString(field, value[field.name], canonicaliser);
  const known = standardNamesOf(shape);
  const extensions = Object.entries(value)
    .filter(([key]) => !known.has(key) && !excluded.has(key))
    .map(([key, child]) => extensionString(key, child, canonicaliser));
  return standard + sortedJoin(extensions);
}

function expandedName(key: string, context: JsonLdContext): string {
  const { namespace, localName } = context.expandKey(key);
  return namespace === '' ? localName : `{${namespace}}${localName}`;
}

function extensionString(key: string, value: unknown, canonicaliser: Canonicaliser): string {
  if (key.startsWith('@')) return '';
  const name = expandedName(key, canonicaliser.context);
  if (name === COMMENT || canonicaliser.ignored.has(name)) return '';
  return extensionValueString(name, value, canonicaliser);
}

/** User extensions have no fixed order: children and repeated values are sorted like any list. */
function extensionValueString(name: string, value: unknown, canonicaliser: Canonicaliser): string {
  if (Array.isArray(value)) return sortedJoin(value.map((item) => extensionValueString(name, item, canonicaliser)));
  if (isObject(value)) {
    if ('@value' in value) return extensionValueString(name, value['@value'], canonicaliser);
    const children = sortedJoin(Object.entries(value).map(([key, child]) => extensionString(key, child, canonicaliser)));
    return children === '' ? '' : name + children;
  }
  if (value === null || value === undefined) return '';
  const text = typeof value === 'boolean' ? String(value) : canonicalText(value, canonicaliser.context);
  return text === '' ? '' : `${name}=${text}`;
}

/**
 * The CBV 2.0 (section 8.9) canonical pre-hash string of one EPCIS 2.0 JSON-LD event.
 * `context` is the enclosing document's `@context`; an event's own `@context` is applied over it.
 * @throws EventHashError when the event lacks a type or has values of the wrong shape.
 * @throws IdentifierError when it carries a malformed GS1 identifier.
 */
export function preHashString(event: Record<string, unknown>, context?: unknown, options: PreHashOptions = {}): string {
  const type = event['type'];
  if (typeof type !== 'string' || type.trim() === '') throw new EventHashError('event has no type');
  const jsonLd = new JsonLdContext(context, event['@context']);
  const canonicaliser: Canonicaliser = {
    context: jsonLd,
    ignored: new Set((options.ignoreFields ?? []).map((field) => expandedName(field, jsonLd))),
  };
  return `eventType=${type.trim()}${objectString('event', event, EVENT_SHAPE, canonicaliser, EXCLUDED_EVENT_PROPERTIES)}`;
}
