import { createHash } from 'node:crypto';
import { ledger } from '@hyperledger/fabric-protos';
import type {
  ChannelLedger,
  KeyModification,
  KV,
  PaginatedResultsIterator,
  ResultsIterator,
  SimulationResults,
  StateMetadata,
  TxSimulator,
} from '../ledger/api';

/** Test support: committed state in memory, and a TxSimulator over it that records writes (no read-your-writes). */

export class FakeState {
  readonly values = new Map<string, Map<string, Uint8Array>>();
  readonly privateValues = new Map<string, Uint8Array>();
  readonly history = new Map<string, KeyModification[]>();

  put(ns: string, key: string, value: string): void {
    const values = this.values.get(ns) ?? new Map<string, Uint8Array>();
    values.set(key, Buffer.from(value));
    this.values.set(ns, values);
  }

  putPrivate(ns: string, collection: string, key: string, value: string): void {
    this.privateValues.set(`${ns}/${collection}/${key}`, Buffer.from(value));
  }

  kvs(ns: string, startKey: string, endKey: string): KV[] {
    return [...(this.values.get(ns) ?? new Map<string, Uint8Array>())]
      .filter(([key]) => key >= startKey && (endKey === '' || key < endKey))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => ({ namespace: ns, key, value }));
  }
}

export interface FakeWrite {
  readonly op: 'put' | 'delete' | 'purge' | 'metadata';
  readonly ns: string;
  readonly key: string;
  readonly collection?: string;
  readonly value?: string;
}

export class FakeSimulator implements TxSimulator {
  readonly writes: FakeWrite[] = [];
  /** Iterators handed out and not closed yet. */
  readonly openIterators = new Set<ResultsIterator<unknown>>();
  resultsTaken = false;

  constructor(
    readonly txId: string,
    readonly state: FakeState,
  ) {}

  async getState(ns: string, key: string): Promise<Uint8Array | undefined> {
    return this.state.values.get(ns)?.get(key);
  }

  async getStateMetadata(): Promise<StateMetadata | undefined> {
    return undefined;
  }

  setState(ns: string, key: string, value: Uint8Array): void {
    this.writes.push({ op: 'put', ns, key, value: Buffer.from(value).toString() });
  }

  deleteState(ns: string, key: string): void {
    this.writes.push({ op: 'delete', ns, key });
  }

  setStateMetadata(ns: string, key: string): void {
    this.writes.push({ op: 'metadata', ns, key });
  }

  async getStateRange(ns: string, startKey: string, endKey: string): Promise<ResultsIterator<KV>> {
    return this.#track(new ListIterator(this.state.kvs(ns, startKey, endKey), 0));
  }

  async getStateRangeWithPagination(ns: string, startKey: string, endKey: string, pageSize: number): Promise<PaginatedResultsIterator<KV>> {
    return this.#track(new ListIterator(this.state.kvs(ns, startKey, endKey), pageSize));
  }

  async getPrivateData(ns: string, collection: string, key: string): Promise<Uint8Array | undefined> {
    return this.state.privateValues.get(`${ns}/${collection}/${key}`);
  }

  async getPrivateDataHash(ns: string, collection: string, key: string): Promise<Uint8Array | undefined> {
    const value = this.state.privateValues.get(`${ns}/${collection}/${key}`);
    return value && createHash('sha256').update(value).digest();
  }

  async getPrivateDataMetadata(): Promise<StateMetadata | undefined> {
    return undefined;
  }

  setPrivateData(ns: string, collection: string, key: string, value: Uint8Array): void {
    this.writes.push({ op: 'put', ns, collection, key, value: Buffer.from(value).toString() });
  }

  deletePrivateData(ns: string, collection: string, key: string): void {
    this.writes.push({ op: 'delete', ns, collection, key });
  }

  purgePrivateData(ns: string, collection: string, key: string): void {
    this.writes.push({ op: 'purge', ns, collection, key });
  }

  setPrivateDataMetadata(ns: string, collection: string, key: string): void {
    this.writes.push({ op: 'metadata', ns, collection, key });
  }

  async getPrivateDataRange(): Promise<ResultsIterator<KV>> {
    return this.#track(new ListIterator<KV>([], 0));
  }

  async getHistoryForKey(ns: string, key: string): Promise<ResultsIterator<KeyModification>> {
    return this.#track(new ListIterator(this.state.history.get(`${ns}/${key}`) ?? [], 0));
  }

  getResults(): SimulationResults {
    this.resultsTaken = true;
    return { publicRwset: new ledger.rwset.TxReadWriteSet() };
  }

  #track<T extends ResultsIterator<unknown>>(iterator: T): T {
    this.openIterators.add(iterator);
    const close = iterator.close.bind(iterator);
    iterator.close = async () => {
      this.openIterators.delete(iterator);
      await close();
    };
    return iterator;
  }
}

/** Results from a list; with a page size, at most that many, then the bookmark is the key that would follow. */
class ListIterator<T> implements PaginatedResultsIterator<T> {
  #next = 0;
  #bookmark = '';

  constructor(
    private readonly items: readonly T[],
    private readonly pageSize: number,
  ) {}

  async next(): Promise<T | undefined> {
    if (this.pageSize > 0 && this.#next >= this.pageSize) {
      this.#bookmark = (this.items[this.#next] as KV | undefined)?.key ?? '';
      return undefined;
    }
    return this.items[this.#next++];
  }

  bookmark(): string {
    return this.#bookmark;
  }

  fetchedCount(): number {
    return this.#next;
  }

  async close(): Promise<void> {}
}

/** A channel ledger that only makes simulators (all the chaincode room asks of it). */
export function fakeChannelLedger(channel: string, state: FakeState): ChannelLedger & { readonly simulators: FakeSimulator[] } {
  const simulators: FakeSimulator[] = [];
  return {
    channel,
    simulators,
    height: () => 0,
    getBlock: async () => undefined,
    getTxStatus: () => undefined,
    newTxSimulator: async (txId) => {
      const simulator = new FakeSimulator(txId, state);
      simulators.push(simulator);
      return simulator;
    },
    getPrivateData: async () => new Map(),
    onCommit: () => () => undefined,
  };
}
