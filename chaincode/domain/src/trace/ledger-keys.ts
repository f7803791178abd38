/**
 * The alliance chaincode's key design: the names of what it keeps on channel state and in its collections, and
 * how index keys are spelled. The chaincode writes with them (its TraceLedger) and every reader of blocks decodes
 * with them (a gateway's read model), so there is one definition of what a key means.
 */
export const LEDGER_KEYS = {
  /** The alliance charter: one simple key, whose history (GetHistoryForKey) is the charter's audit trail. */
  charter: 'charter',
  /** In each private data collection: the key its alliance event ids are computed with (see allianceEventId). */
  collectionKey: 'collection-key',
  /** Composite key object types: the key design every query rests on (LevelDB: no rich queries). */
  enterprise: 'enterprise',
  product: 'product',
  event: 'event',
  /** An error declaration against an event, under the event's id (the event itself is never rewritten). */
  errorDeclaration: 'error-declaration',
  /** Private detail of an event, in its data level's collection, under the same id. */
  eventDetail: 'detail',
  /** An item's current state: one key per EPC, so that its history (GetHistoryForKey) is the item's history. */
  item: 'item',
  /** The credit contract (CREDIT_ACTIONS): a financier by id; an authorisation by (enterprise, financier); a dispute by id. */
  creditFinancier: 'credit-financier',
  creditAuthorisation: 'credit-authorisation',
  creditDispute: 'credit-dispute',
} as const;

/**
 * Indexes of events, each entry ending in (UTC event time, event id) so that a scan runs in time order. They are
 * simple keys with 0x00 between parts, not composite keys: Fabric answers range queries (which a time range
 * needs) only over simple keys, and a simple key may hold 0x00 anywhere but first. There is no index of time
 * alone: every event has exactly one type, so the type index's five ranges, merged, list every event in time
 * order, and each event costs one key fewer. ('idx-time' entries written by earlier versions are left unread.)
 */
export const EVENT_INDEXES = {
  epc: 'idx-epc',
  bizStep: 'idx-step',
  type: 'idx-type',
  bizLocation: 'idx-location',
} as const;

export type EventIndex = keyof typeof EVENT_INDEXES;

export const INDEX_SEPARATOR = '\u0000';

/** index, then the parts, 0x00 between them: a prefix of an entry ends in '' (a trailing separator). */
export function indexKey(index: string, ...parts: string[]): string {
  return [index, ...parts].join(INDEX_SEPARATOR);
}

/** The last part of an index entry: the event id it finds. */
export function indexedEventId(key: string): string {
  return key.slice(key.lastIndexOf(INDEX_SEPARATOR) + 1);
}

/**
 * Fabric's composite key, as the shim's createCompositeKey writes it: 0x00, the object type, then each attribute,
 * each followed by 0x00. Readers of blocks see keys in this form.
 */
const COMPOSITE_KEY_NAMESPACE = '\u0000';
const MIN_UNICODE_RUNE = '\u0000';

/** The object type and attributes of a composite key; undefined for a simple key (a charter, an index entry). */
export function compositeKeyParts(key: string): { readonly objectType: string; readonly attributes: readonly string[] } | undefined {
  if (!key.startsWith(COMPOSITE_KEY_NAMESPACE) || !key.endsWith(MIN_UNICODE_RUNE)) return undefined;
  const [objectType, ...attributes] = key.slice(1, -1).split(MIN_UNICODE_RUNE);
  return { objectType, attributes };
}
