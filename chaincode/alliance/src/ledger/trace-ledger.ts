import {
  canonicalJson,
  charterMajority,
  objectsOf,
  type AllianceCharter,
  type Enterprise,
  type ErrorDeclarationRecord,
  type EventSummary,
  type ItemState,
  type Product,
} from '@crossborder-trace/domain';
import type { ChaincodeStub } from 'fabric-shim';
import { peersOutOfPolicy } from './majority-policy';

/** The alliance charter: one simple key, whose history (GetHistoryForKey) is the charter's audit trail. */
const CHARTER = 'charter';
/** In each private data collection: the key its alliance event ids are computed with (see allianceEventId). */
const COLLECTION_KEY = 'collection-key';
/** Composite key object types: the key design every query rests on (LevelDB: no rich queries). */
const ENTERPRISE = 'enterprise';
const PRODUCT = 'product';
const EVENT = 'event';
/** An error declaration against an event, under the event's id (the event itself is never rewritten). */
const ERROR_DECLARATION = 'error-declaration';
/** Private detail of an event, in its data level's collection, under the same id. */
const EVENT_DETAIL = 'detail';
/**
 * Indexes of events, each entry ending in (UTC event time, event id) so that a scan runs in time order. They are
 * simple keys with 0x00 between parts, not composite keys: Fabric answers range queries (which a time range
 * needs) only over simple keys, and a simple key may hold 0x00 anywhere but first.
 */
const BY_EPC = 'idx-epc';
const BY_STEP = 'idx-step';
const BY_TYPE = 'idx-type';
const BY_LOCATION = 'idx-location';
const BY_TIME = 'idx-time';
const SEPARATOR = '\u0000';
/** An item's current state: one key per EPC, so that its history (GetHistoryForKey) is the item's history. */
const ITEM = 'item';
/** The highest code point: appended to a composite key prefix it ends a range over everything under it. */
const MAX_RUNE = '\u{10FFFF}';
/** Fabric deletes a key written with an empty value: index entries hold one zero byte. */
const INDEX_ENTRY = Buffer.of(0);

/**
 * All ledger access of the alliance chaincode: key design, (de)serialisation in canonical JSON, which
 * collection holds what. Contracts and rules never touch the stub's state API themselves.
 */
export class TraceLedger {
  constructor(private readonly stub: ChaincodeStub) {}

  async charter(): Promise<AllianceCharter | undefined> {
    return this.#readJson<AllianceCharter>(CHARTER);
  }

  /**
   * Writes the charter and puts it under the endorsement of a majority of its members' peers (state-based
   * endorsement): the next change needs them, whatever the chaincode's own policy says.
   */
  async putCharter(charter: AllianceCharter): Promise<void> {
    await this.#writeJson(CHARTER, charter);
    const { required, mspIds } = charterMajority(charter);
    await this.stub.setStateValidationParameter(CHARTER, peersOutOfPolicy(required, mspIds));
  }

  async charterHistory(): Promise<KeyVersion<AllianceCharter>[]> {
    return this.#history<AllianceCharter>(CHARTER);
  }

  async collectionKey(collection: string): Promise<Uint8Array | undefined> {
    const bytes = await this.stub.getPrivateData(collection, COLLECTION_KEY);
    return bytes.length === 0 ? undefined : bytes;
  }

  async putCollectionKey(collection: string, key: Uint8Array): Promise<void> {
    await this.stub.putPrivateData(collection, COLLECTION_KEY, key);
  }

  async enterprise(mspId: string): Promise<Enterprise | undefined> {
    return this.#readJson<Enterprise>(this.stub.createCompositeKey(ENTERPRISE, [mspId]));
  }

  async putEnterprise(enterprise: Enterprise): Promise<void> {
    await this.#writeJson(this.stub.createCompositeKey(ENTERPRISE, [enterprise.mspId]), enterprise);
  }

  async enterprises(): Promise<Enterprise[]> {
    const found: Enterprise[] = [];
    for await (const kv of this.stub.getStateByPartialCompositeKey(ENTERPRISE, [])) found.push(parse<Enterprise>(kv.value));
    return found;
  }

  async product(gtin: string): Promise<Product | undefined> {
    return this.#readJson<Product>(this.stub.createCompositeKey(PRODUCT, [gtin]));
  }

  async putProduct(product: Product): Promise<void> {
    await this.#writeJson(this.stub.createCompositeKey(PRODUCT, [product.gtin]), product);
  }

  async eventSummary(id: string): Promise<EventSummary | undefined> {
    return this.#readJson<EventSummary>(this.stub.createCompositeKey(EVENT, [id]));
  }

  async errorDeclaration(eventId: string): Promise<ErrorDeclarationRecord | undefined> {
    return this.#readJson<ErrorDeclarationRecord>(this.stub.createCompositeKey(ERROR_DECLARATION, [eventId]));
  }

  async putErrorDeclaration(declaration: ErrorDeclarationRecord): Promise<void> {
    await this.#writeJson(this.stub.createCompositeKey(ERROR_DECLARATION, [declaration.eventId]), declaration);
  }

  /** The summary on channel state and every index entry that finds it. */
  async putEventSummary(summary: EventSummary): Promise<void> {
    const { id, eventTimeUtc: time } = summary;
    await this.#writeJson(this.stub.createCompositeKey(EVENT, [id]), summary);
    const entries = [
      ...objectsOf(summary).map((epc) => indexKey(BY_EPC, epc, time, id)),
      indexKey(BY_TYPE, summary.type, time, id),
      indexKey(BY_TIME, time, id),
      ...(summary.bizStep ? [indexKey(BY_STEP, summary.bizStep, time, id)] : []),
      ...(summary.bizLocation ? [indexKey(BY_LOCATION, summary.bizLocation, time, id)] : []),
    ];
    for (const key of entries) await this.stub.putState(key, INDEX_ENTRY);
  }

  /** Ids of the events naming an EPC, in event time order. */
  async eventIdsFor(epc: string): Promise<string[]> {
    const prefix = indexKey(BY_EPC, epc, '');
    const ids: string[] = [];
    for await (const kv of this.stub.getStateByRange(prefix, prefix + MAX_RUNE)) ids.push(lastPart(kv.key));
    return ids;
  }

  /**
   * One page of event ids from an index, in time order, limited to [fromUtc, toUtc) when given: the indexed
   * dimension's value (an EPC, bizStep, type, location; none for the time index) fixes the prefix.
   */
  async eventIdPage(index: EventIndex, value: string | undefined, range: TimeRange, pageSize: number, bookmark: string): Promise<{ ids: string[]; bookmark: string }> {
    const prefix = value === undefined ? indexKey(INDEXES[index], '') : indexKey(INDEXES[index], value, '');
    const start = prefix + (range.fromUtc ?? '');
    const end = range.toUtc ? prefix + range.toUtc : prefix + MAX_RUNE;
    const { iterator, metadata } = await this.stub.getStateByRangeWithPagination(start, end, pageSize, bookmark);
    const ids: string[] = [];
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) ids.push(lastPart(next.value.key));
    } finally {
      await iterator.close();
    }
    // An empty page's metadata (no records, no bookmark) encodes to no bytes, and fabric-shim then gives none,
    // whatever its types promise.
    return { ids, bookmark: (metadata as typeof metadata | undefined)?.bookmark ?? '' };
  }

  async itemState(epc: string): Promise<ItemState | undefined> {
    return this.#readJson<ItemState>(this.stub.createCompositeKey(ITEM, [epc]));
  }

  async putItemState(state: ItemState): Promise<void> {
    await this.#writeJson(this.stub.createCompositeKey(ITEM, [state.epc]), state);
  }

  /** Every committed version of an item's state with the transaction that wrote it, oldest first. */
  async itemHistory(epc: string): Promise<{ txId: string; timestamp: string; state: ItemState | null }[]> {
    return (await this.#history<ItemState>(this.stub.createCompositeKey(ITEM, [epc]))).map(({ txId, timestamp, value }) => ({ txId, timestamp, state: value }));
  }

  async putEventDetail(collection: string, id: string, detail: unknown): Promise<void> {
    await this.stub.putPrivateData(collection, this.stub.createCompositeKey(EVENT_DETAIL, [id]), Buffer.from(canonicalJson(detail), 'utf8'));
  }

  async eventDetail<T>(collection: string, id: string): Promise<T | undefined> {
    const bytes = await this.stub.getPrivateData(collection, this.stub.createCompositeKey(EVENT_DETAIL, [id]));
    return bytes.length === 0 ? undefined : parse<T>(bytes);
  }

  /** SHA-256 of the stored detail, readable by every member: proof it exists, nothing of its content. */
  async eventDetailHash(collection: string, id: string): Promise<string | undefined> {
    const hash = await this.stub.getPrivateDataHash(collection, this.stub.createCompositeKey(EVENT_DETAIL, [id]));
    return hash.length === 0 ? undefined : Buffer.from(hash).toString('hex');
  }

  async #history<T>(key: string): Promise<KeyVersion<T>[]> {
    const history: KeyVersion<T>[] = [];
    for await (const modification of this.stub.getHistoryForKey(key)) {
      const seconds = Number(modification.timestamp.seconds);
      const timestamp = new Date(seconds * 1000 + Math.floor(modification.timestamp.nanos / 1e6)).toISOString();
      history.push({ txId: modification.txId, timestamp, value: modification.isDelete ? null : parse<T>(modification.value) });
    }
    // Fabric answers newest first; a history reads oldest first.
    return history.reverse();
  }

  async #readJson<T>(key: string): Promise<T | undefined> {
    const bytes = await this.stub.getState(key);
    return bytes.length === 0 ? undefined : parse<T>(bytes);
  }

  async #writeJson(key: string, value: unknown): Promise<void> {
    await this.stub.putState(key, Buffer.from(canonicalJson(value), 'utf8'));
  }
}

/** One committed version of a key, with the transaction that wrote it. */
export interface KeyVersion<T> {
  readonly txId: string;
  readonly timestamp: string;
  readonly value: T | null;
}

export type EventIndex = 'epc' | 'bizStep' | 'type' | 'bizLocation' | 'time';

const INDEXES: Readonly<Record<EventIndex, string>> = {
  epc: BY_EPC,
  bizStep: BY_STEP,
  type: BY_TYPE,
  bizLocation: BY_LOCATION,
  time: BY_TIME,
};

export interface TimeRange {
  /** Inclusive, UTC with milliseconds. */
  readonly fromUtc?: string;
  /** Exclusive. */
  readonly toUtc?: string;
}

/** index, then the parts, 0x00 between them: a prefix of an entry ends in '' (a trailing separator). */
function indexKey(index: string, ...parts: string[]): string {
  return [index, ...parts].join(SEPARATOR);
}

function lastPart(key: string): string {
  return key.slice(key.lastIndexOf(SEPARATOR) + 1);
}

function parse<T>(bytes: Uint8Array): T {
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
}
