import {
  AUDIT_KEYS,
  canonicalJson,
  charterMajority,
  CUSTOMS_KEYS,
  RECALL_KEYS,
  EVENT_INDEXES,
  indexedEventId,
  INDEX_SEPARATOR,
  indexKey,
  LEDGER_KEYS,
  objectsOf,
  TraceError,
  type AllianceCharter,
  type AuditEntry,
  type CustomsDocumentKind,
  type CustomsVerdict,
  type DeclarationRecord,
  type ParcelRecord,
  type WaybillRecord,
  type Enterprise,
  type ErrorDeclarationRecord,
  type EventIndex,
  type EventSummary,
  type ItemState,
  type Product,
  type RecallRecord,
  type RecordedRead,
} from '@crossborder-trace/domain';
import type { ChaincodeStub } from 'fabric-shim';
import { getMultipleStates } from '../shim-batching';
import { peersOutOfPolicy } from './majority-policy';

const { charter: CHARTER, collectionKey: COLLECTION_KEY, enterprise: ENTERPRISE, product: PRODUCT, event: EVENT, errorDeclaration: ERROR_DECLARATION, eventDetail: EVENT_DETAIL, item: ITEM } =
  LEDGER_KEYS;
const { epc: BY_EPC, bizStep: BY_STEP, type: BY_TYPE, bizLocation: BY_LOCATION } = EVENT_INDEXES;
/** The highest code point: appended to a composite key prefix it ends a range over everything under it. */
const MAX_RUNE = '\u{10FFFF}';
/** Fabric deletes a key written with an empty value: index entries hold one zero byte. */
const INDEX_ENTRY = Buffer.of(0);

/**
 * All ledger access of the alliance chaincode: key design, (de)serialisation in canonical JSON, which
 * collection holds what. Contracts and rules never touch the stub's state API themselves.
 *
 * One TraceLedger serves one transaction, and remembers every key that transaction read or wrote (channel state and
 * private data alike): a key read again is answered without asking the peer again, and a key the transaction wrote
 * is answered with what it wrote. Fabric's simulator answers a read with the committed value even after the same
 * transaction wrote the key, so without this a transaction would not see its own writes. Range and history
 * queries still go to the peer and see committed state only.
 */
export class TraceLedger {
  /** This transaction's view of the channel state keys it touched: the value read or written; empty for none. */
  readonly #state = new Map<string, Uint8Array>();
  /** The same for each collection's keys. */
  readonly #private = new Map<string, Map<string, Uint8Array>>();

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
    const bytes = await this.#getPrivate(collection, COLLECTION_KEY);
    return bytes.length === 0 ? undefined : bytes;
  }

  async putCollectionKey(collection: string, key: Uint8Array): Promise<void> {
    await this.#putPrivate(collection, COLLECTION_KEY, key);
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

  /** Every committed version of an enterprise's record (its status changes with their reasons), oldest first. */
  async enterpriseHistory(mspId: string): Promise<KeyVersion<Enterprise>[]> {
    return this.#history<Enterprise>(this.stub.createCompositeKey(ENTERPRISE, [mspId]));
  }

  async recall(id: string): Promise<RecallRecord | undefined> {
    return this.#readJson<RecallRecord>(this.stub.createCompositeKey(RECALL_KEYS.recall, [id]));
  }

  /** The recall, and for each item it recalls an entry that finds it by the item (keys in RECALL_KEYS). */
  async putRecall(recall: RecallRecord): Promise<void> {
    await this.#writeJson(this.stub.createCompositeKey(RECALL_KEYS.recall, [recall.id]), recall);
    for (const { epc } of recall.items) await this.#put(this.stub.createCompositeKey(RECALL_KEYS.itemRecall, [epc, recall.id]), INDEX_ENTRY);
  }

  /** Recall ids in key order, as many as the budget admits, and whether more were left out. */
  async recallIds(budget: { admit(entry: unknown): boolean }): Promise<{ ids: string[]; truncated: boolean }> {
    const ids: string[] = [];
    for await (const kv of this.stub.getStateByPartialCompositeKey(RECALL_KEYS.recall, [])) {
      const { attributes } = this.stub.splitCompositeKey(kv.key);
      if (!budget.admit(attributes[0])) return { ids, truncated: true };
      ids.push(attributes[0]);
    }
    return { ids, truncated: false };
  }

  /**
   * The distinct identifiers the event index holds that start with the prefix, in key order: one range query per
   * identifier, each starting past the previous identifier's entries, so that an item with many events costs no
   * more than one with a single event. Read only as the caller takes them.
   */
  async *itemsUnder(prefix: string): AsyncGenerator<string> {
    const end = indexKey(BY_EPC, prefix) + MAX_RUNE;
    let from = indexKey(BY_EPC, prefix);
    for (;;) {
      const iterator = await this.stub.getStateByRange(from, end);
      let epc: string | undefined;
      try {
        const next = await iterator.next();
        if (!next.done) epc = next.value.key.split(INDEX_SEPARATOR)[1];
      } finally {
        await iterator.close();
      }
      if (epc === undefined) return;
      yield epc;
      from = indexKey(BY_EPC, epc, MAX_RUNE);
    }
  }

  /** An audit entry, and an index entry for each enterprise it concerns (keys in AUDIT_KEYS). */
  async putAuditEntry(entry: AuditEntry): Promise<void> {
    await this.#writeJson(indexKey(AUDIT_KEYS.entry, entry.time, entry.txId), entry);
    for (const mspId of entry.concerns) await this.#put(indexKey(AUDIT_KEYS.concerning, mspId, entry.time, entry.txId), INDEX_ENTRY);
  }

  /** The latest recorded read of an event's detail by an MSP. */
  async lastRead(mspId: string, eventId: string): Promise<RecordedRead | undefined> {
    return this.#readJson<RecordedRead>(this.stub.createCompositeKey(AUDIT_KEYS.lastRead, [mspId, eventId]));
  }

  async putLastRead(mspId: string, eventId: string, read: RecordedRead): Promise<void> {
    await this.#writeJson(this.stub.createCompositeKey(AUDIT_KEYS.lastRead, [mspId, eventId]), read);
  }

  /**
   * Audit entries in time order, all or those concerning one enterprise, limited to [fromUtc, toUtc), from the
   * bookmark on. @throws TraceError INVALID_QUERY for a bookmark this scan did not hand out.
   */
  async *auditScan(concerning: string | undefined, range: TimeRange, bookmark = ''): AsyncGenerator<{ entry: AuditEntry; bookmark: string }> {
    const prefix = concerning === undefined ? indexKey(AUDIT_KEYS.entry, '') : indexKey(AUDIT_KEYS.concerning, concerning, '');
    const from = bookmark === '' ? undefined : prefix + positionOfBookmark(bookmark, [prefix], range);
    for await (const { key, value } of this.#timeRangeScan(prefix, range, from)) {
      const [time, txId] = key.split(INDEX_SEPARATOR).slice(-2);
      const entry = concerning === undefined ? parse<AuditEntry>(value) : await this.#readJson<AuditEntry>(indexKey(AUDIT_KEYS.entry, time, txId));
      if (entry) yield { entry, bookmark: bookmarkOf(key) };
    }
  }


  /** A record of the credit contract under its key type (LEDGER_KEYS.credit*) and attributes. */
  async creditRecord<T>(type: CreditKey, attributes: readonly string[]): Promise<T | undefined> {
    return this.#readJson<T>(this.stub.createCompositeKey(LEDGER_KEYS[type], [...attributes]));
  }

  async putCreditRecord(type: CreditKey, attributes: readonly string[], record: unknown): Promise<void> {
    await this.#writeJson(this.stub.createCompositeKey(LEDGER_KEYS[type], [...attributes]), record);
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
      ...(summary.bizStep ? [indexKey(BY_STEP, summary.bizStep, time, id)] : []),
      ...(summary.bizLocation ? [indexKey(BY_LOCATION, summary.bizLocation, time, id)] : []),
    ];
    for (const key of entries) await this.#put(key, INDEX_ENTRY);
  }

  /**
   * Event ids from an index in time order, limited to [fromUtc, toUtc) when given: the entries of each of the
   * indexed dimension's values, merged by their (time, id) ends. The values' ranges must not share an event, as the
   * type index's do not (an event has one type); other indexes are scanned for one value (see indexFor). Each id comes
   * with the bookmark that resumes the same scan at it: its own entry's key, refused by a scan whose ranges do not
   * hold it. The scan reads entries only as the caller takes them.
   * @throws TraceError INVALID_QUERY when the bookmark is not one this scan hands out.
   */
  async *eventIndexScan(index: EventIndex, values: readonly string[], range: TimeRange, bookmark = ''): AsyncGenerator<IndexEntry> {
    // A value named twice is read once: two scans of one range would answer each of its events twice.
    const prefixes = [...new Set(values)].map((value) => indexKey(EVENT_INDEXES[index], value, ''));
    const resumeAt = bookmark === '' ? undefined : positionOfBookmark(bookmark, prefixes, range);
    const scans = prefixes.map((prefix) => this.#timeRangeScan(prefix, range, resumeAt === undefined ? undefined : prefix + resumeAt));
    try {
      const heads: (MergeHead | undefined)[] = [];
      for (const [i, scan] of scans.entries()) heads.push(headOf(await scan.next(), prefixes[i]));
      for (let first = earliest(heads); first >= 0; first = earliest(heads)) {
        const { key } = heads[first]!;
        yield { id: indexedEventId(key), bookmark: bookmarkOf(key) };
        heads[first] = headOf(await scans[first].next(), prefixes[first]);
      }
    } finally {
      for (const scan of scans) await scan.return(undefined);
    }
  }

  /**
   * The keys under a prefix whose next part is a UTC time, limited to [fromUtc, toUtc), from the key given on (a
   * checked bookmark's), read only as the caller takes them.
   */
  async *#timeRangeScan(prefix: string, range: TimeRange, from?: string): AsyncGenerator<{ key: string; value: Uint8Array }> {
    const { start, end } = timeRangeKeys(prefix, range);
    const iterator = await this.stub.getStateByRange(from ?? start, end);
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield { key: next.value.key, value: next.value.value };
    } finally {
      await iterator.close();
    }
  }


  /**
   * Reads ahead, in as few requests as the peer allows, the summaries of these events and the states of these items,
   * so that asking for them afterwards costs no request each. Keys this transaction already knows are not read again.
   */
  async readAhead({ events, items }: { readonly events: readonly string[]; readonly items: readonly string[] }): Promise<void> {
    const keys = [...new Set([...events.map((id) => this.stub.createCompositeKey(EVENT, [id])), ...items.map((epc) => this.stub.createCompositeKey(ITEM, [epc]))])].filter(
      (key) => !this.#state.has(key),
    );
    if (keys.length === 0) return;
    const values = await getMultipleStates(this.stub, '', keys);
    keys.forEach((key, i) => this.#state.set(key, values[i]));
  }

  async itemState(epc: string): Promise<ItemState | undefined> {
    return this.#readJson<ItemState>(this.stub.createCompositeKey(ITEM, [epc]));
  }

  async putItemState(state: ItemState): Promise<void> {
    await this.#writeJson(this.stub.createCompositeKey(ITEM, [state.epc]), state);
  }

  /** Every committed version of an item's state with the transaction that wrote it, oldest first. */
  /** The newest versions of an item's state the budget admits, oldest first, and whether older ones were left out. */
  async itemHistory(epc: string, budget: { admit(entry: unknown): boolean }): Promise<{ versions: ItemVersion[]; truncated: boolean }> {
    const versions: ItemVersion[] = [];
    let truncated = false;
    for await (const { txId, timestamp, value } of this.#newestFirst<ItemState>(this.stub.createCompositeKey(ITEM, [epc]))) {
      const version = { txId, timestamp, state: value };
      if (!budget.admit(version)) {
        truncated = true;
        break;
      }
      versions.push(version);
    }
    return { versions: versions.reverse(), truncated };
  }

  async putEventDetail(collection: string, id: string, detail: unknown): Promise<void> {
    await this.#putPrivate(collection, this.stub.createCompositeKey(EVENT_DETAIL, [id]), Buffer.from(canonicalJson(detail), 'utf8'));
  }

  async eventDetail<T>(collection: string, id: string): Promise<T | undefined> {
    const bytes = await this.#getPrivate(collection, this.stub.createCompositeKey(EVENT_DETAIL, [id]));
    return bytes.length === 0 ? undefined : parse<T>(bytes);
  }

  /** SHA-256 of the stored detail, readable by every member: proof it exists, nothing of its content. */
  async eventDetailHash(collection: string, id: string): Promise<string | undefined> {
    const hash = await this.stub.getPrivateDataHash(collection, this.stub.createCompositeKey(EVENT_DETAIL, [id]));
    return hash.length === 0 ? undefined : Buffer.from(hash).toString('hex');
  }

  /** A customs document in a collection (full detail or customs view), with the salt it was stored with. */
  async customsDocument<T>(collection: string, kind: CustomsDocumentKind, number: string): Promise<SaltedValue<T> | undefined> {
    const bytes = await this.#getPrivate(collection, this.stub.createCompositeKey(CUSTOMS_KEYS.document, [kind, number]));
    return bytes.length === 0 ? undefined : parse<SaltedValue<T>>(bytes);
  }

  async putCustomsDocument(collection: string, kind: CustomsDocumentKind, number: string, value: SaltedValue<unknown>): Promise<void> {
    await this.#putPrivate(collection, this.stub.createCompositeKey(CUSTOMS_KEYS.document, [kind, number]), Buffer.from(canonicalJson(value), 'utf8'));
  }

  async customsDeclaration(declarationId: string): Promise<DeclarationRecord | undefined> {
    return this.#readJson<DeclarationRecord>(this.stub.createCompositeKey(CUSTOMS_KEYS.declaration, [declarationId]));
  }

  async putCustomsDeclaration(record: DeclarationRecord): Promise<void> {
    await this.#writeJson(this.stub.createCompositeKey(CUSTOMS_KEYS.declaration, [record.declarationId]), record);
  }

  async customsVerdict(declarationId: string): Promise<CustomsVerdict | undefined> {
    return this.#readJson<CustomsVerdict>(this.stub.createCompositeKey(CUSTOMS_KEYS.verdict, [declarationId]));
  }

  async putCustomsVerdict(verdict: CustomsVerdict): Promise<void> {
    await this.#writeJson(this.stub.createCompositeKey(CUSTOMS_KEYS.verdict, [verdict.declarationId]), verdict);
  }

  async waybill(waybillNumber: string): Promise<WaybillRecord | undefined> {
    return this.#readJson<WaybillRecord>(this.stub.createCompositeKey(CUSTOMS_KEYS.waybill, [waybillNumber]));
  }

  async putWaybill(record: WaybillRecord): Promise<void> {
    await this.#writeJson(this.stub.createCompositeKey(CUSTOMS_KEYS.waybill, [record.waybillNumber]), record);
  }

  async parcel(sscc: string): Promise<ParcelRecord | undefined> {
    return this.#readJson<ParcelRecord>(this.stub.createCompositeKey(CUSTOMS_KEYS.parcel, [sscc]));
  }

  async putParcel(record: ParcelRecord): Promise<void> {
    await this.#writeJson(this.stub.createCompositeKey(CUSTOMS_KEYS.parcel, [record.sscc]), record);
  }

  /** A consignee's cleared value in a year, in minor units, under its keyed id (consigneeTotalId); 0 if none yet. */
  async consigneeTotal(collection: string, totalId: string): Promise<number> {
    const bytes = await this.#getPrivate(collection, this.stub.createCompositeKey(CUSTOMS_KEYS.consigneeTotal, [totalId]));
    return bytes.length === 0 ? 0 : parse<SaltedValue<number>>(bytes).value;
  }

  async putConsigneeTotal(collection: string, totalId: string, value: SaltedValue<number>): Promise<void> {
    await this.#putPrivate(collection, this.stub.createCompositeKey(CUSTOMS_KEYS.consigneeTotal, [totalId]), Buffer.from(canonicalJson(value), 'utf8'));
  }

  async #history<T>(key: string): Promise<KeyVersion<T>[]> {
    const history: KeyVersion<T>[] = [];
    for await (const version of this.#newestFirst<T>(key)) history.push(version);
    // A history reads oldest first.
    return history.reverse();
  }

  /** A key's committed versions as Fabric answers them, newest first, read only as the caller takes them. */
  async *#newestFirst<T>(key: string): AsyncGenerator<KeyVersion<T>> {
    for await (const modification of this.stub.getHistoryForKey(key)) {
      const seconds = Number(modification.timestamp.seconds);
      const timestamp = new Date(seconds * 1000 + Math.floor(modification.timestamp.nanos / 1e6)).toISOString();
      yield { txId: modification.txId, timestamp, value: modification.isDelete ? null : parse<T>(modification.value) };
    }
  }

  async #readJson<T>(key: string): Promise<T | undefined> {
    const bytes = await this.#get(key);
    return bytes.length === 0 ? undefined : parse<T>(bytes);
  }

  async #writeJson(key: string, value: unknown): Promise<void> {
    await this.#put(key, Buffer.from(canonicalJson(value), 'utf8'));
  }

  /** A key of channel state as this transaction sees it: what it wrote or read before, else the peer's answer. */
  async #get(key: string): Promise<Uint8Array> {
    return remembered(this.#state, key, () => this.stub.getState(key));
  }

  async #put(key: string, value: Uint8Array): Promise<void> {
    await this.stub.putState(key, value);
    this.#state.set(key, value);
  }

  async #getPrivate(collection: string, key: string): Promise<Uint8Array> {
    return remembered(this.#collection(collection), key, () => this.stub.getPrivateData(collection, key));
  }

  async #putPrivate(collection: string, key: string, value: Uint8Array): Promise<void> {
    await this.stub.putPrivateData(collection, key, value);
    this.#collection(collection).set(key, value);
  }

  #collection(collection: string): Map<string, Uint8Array> {
    let keys = this.#private.get(collection);
    if (!keys) this.#private.set(collection, (keys = new Map()));
    return keys;
  }
}

/**
 * A private value with the random salt it was stored with: its hash, in every block, then confirms no guess of it
 * (an amount, a reference) to members outside the collection.
 */
export interface SaltedValue<T> {
  readonly salt: string;
  readonly value: T;
}

/** One committed version of a key, with the transaction that wrote it. */
export interface KeyVersion<T> {
  readonly txId: string;
  readonly timestamp: string;
  readonly value: T | null;
}

export type { EventIndex } from '@crossborder-trace/domain';

/** The credit contract's key types. */
export type CreditKey = 'creditFinancier' | 'creditAuthorisation' | 'creditDispute';

/** One version of an item's state, with the transaction that wrote it; null where the state was deleted. */
export interface ItemVersion {
  readonly txId: string;
  readonly timestamp: string;
  readonly state: ItemState | null;
}

/** An index entry: the event it finds and where a scan resumes to find it again. */
export interface IndexEntry {
  readonly id: string;
  readonly bookmark: string;
}

export interface TimeRange {
  /** Inclusive, UTC with milliseconds. */
  readonly fromUtc?: string;
  /** Exclusive. */
  readonly toUtc?: string;
}

/**
 * A bookmark is the index key a scan resumes at, base64url-encoded: opaque to callers, free of the 0x00
 * separators keys hold, and checkable. It must decode to a key inside the scan's own range, so a made-up or
 * another query's bookmark cannot lead a scan out of its index and into other entries.
 */
function bookmarkOf(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

/**
 * Where a merged scan of several prefixes resumes: the bookmark's key must lie in one of their ranges, and its part
 * after that prefix (time, id) is where every prefix's scan resumes.
 */
function positionOfBookmark(bookmark: string, prefixes: readonly string[], range: TimeRange): string {
  const key = decodeBookmark(bookmark);
  const inRange = (p: string) => {
    const { start, end } = timeRangeKeys(p, range);
    return withinRange(key!, start, end);
  };
  const prefix = key === undefined ? undefined : prefixes.find(inRange);
  if (key === undefined || prefix === undefined) {
    throw new TraceError('INVALID_QUERY', 'the bookmark is not one this query answered; start again with an empty bookmark');
  }
  return key.slice(prefix.length);
}

/** start <= key < end in Fabric's order of keys: by their UTF-8 bytes, not by UTF-16 code units. */
function withinRange(key: string, start: string, end: string): boolean {
  const bytes = Buffer.from(key, 'utf8');
  return Buffer.compare(bytes, Buffer.from(start, 'utf8')) >= 0 && Buffer.compare(bytes, Buffer.from(end, 'utf8')) < 0;
}

/** The keys under a prefix whose next part is a UTC time in [fromUtc, toUtc): [start, end) in key order. */
function timeRangeKeys(prefix: string, range: TimeRange): { start: string; end: string } {
  return { start: prefix + (range.fromUtc ?? ''), end: range.toUtc ? prefix + range.toUtc : prefix + MAX_RUNE };
}

/** A merged scan's next entry under one prefix, with its (time, id) end as bytes: Fabric orders keys by UTF-8 bytes. */
interface MergeHead {
  readonly key: string;
  readonly position: Buffer;
}

function headOf(next: IteratorResult<{ key: string }>, prefix: string): MergeHead | undefined {
  return next.done ? undefined : { key: next.value.key, position: Buffer.from(next.value.key.slice(prefix.length), 'utf8') };
}

/** The index of the head that comes first in time order; -1 when every scan has ended. */
function earliest(heads: readonly (MergeHead | undefined)[]): number {
  let first = -1;
  heads.forEach((head, i) => {
    if (head && (first < 0 || Buffer.compare(head.position, heads[first]!.position) < 0)) first = i;
  });
  return first;
}

/** The key a bookmark names, if it is one bookmarkOf could have written: base64url of UTF-8, in its one spelling. */
function decodeBookmark(bookmark: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(bookmark)) return undefined;
  try {
    const key = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(bookmark, 'base64url'));
    return bookmarkOf(key) === bookmark ? key : undefined;
  } catch {
    return undefined;
  }
}

/** The value a transaction already read or wrote under the key, else the peer's answer, remembered. */
async function remembered(seen: Map<string, Uint8Array>, key: string, read: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const known = seen.get(key);
  if (known !== undefined) return known;
  const bytes = await read();
  seen.set(key, bytes);
  return bytes;
}

function parse<T>(bytes: Uint8Array): T {
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
}
