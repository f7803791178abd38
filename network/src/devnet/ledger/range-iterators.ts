import { ledger } from '@hyperledger/fabric-protos';
import type { KV, PaginatedResultsIterator, ResultsIterator } from './api';
import { decodeVersionedValue } from './encoding';
import type { KeyRange } from './keys';
import type { KeyValueDB, RawIterator, Snapshot } from './kv-db';
import { RangeQueryResultsHelper } from './range-query-results';
import { newKVRead } from './rwset-builder';

/** Where a range lives in the state database and how to read keys out of it. */
export interface RangeSource {
  readonly db: KeyValueDB;
  readonly snapshot: Snapshot;
  readonly range: KeyRange;
  /** Length of the key prefix before the chaincode key. */
  readonly prefixLength: number;
}

/**
 * Fabric's txmgr resultsItr over public state: yields committed KVs lazily and records what the caller saw as
 * a RangeQueryInfo for phantom-read validation. Until the scan is exhausted the recorded end key is the last
 * key returned (the caller may stop there); once exhausted it is the query's end key. With a page size the
 * scan stops after that many results, as if exhausted (Fabric records it the same way), and the bookmark is
 * the key that would come next.
 */
export class RangeScanIterator implements PaginatedResultsIterator<KV> {
  readonly #it: RawIterator;
  readonly #source: RangeSource;
  readonly namespace: string;
  readonly #endKey: string;
  readonly #pageSize: number;
  readonly #info = new ledger.rwset.kvrwset.RangeQueryInfo();
  readonly #results = new RangeQueryResultsHelper();
  #fetched = 0;
  #bookmark = '';
  #closed = false;

  constructor(source: RangeSource, namespace: string, startKey: string, endKey: string, pageSize: number) {
    this.#source = source;
    this.#it = source.db.iterate(source.range, source.snapshot);
    this.namespace = namespace;
    this.#endKey = endKey;
    this.#pageSize = pageSize;
    this.#info.setStartKey(startKey);
  }

  async next(): Promise<KV | undefined> {
    if (this.#closed) return undefined;
    const entry = await this.#nextEntry();
    if (!entry) {
      this.#info.setItrExhausted(true);
      this.#info.setEndKey(this.#endKey);
      return undefined;
    }
    const key = entry[0].subarray(this.#source.prefixLength).toString('utf8');
    const { value, version } = decodeVersionedValue(entry[1]);
    this.#fetched++;
    this.#results.add(newKVRead(key, version));
    this.#info.setEndKey(key);
    return { namespace: this.namespace, key, value };
  }

  async #nextEntry(): Promise<[Buffer, Buffer] | undefined> {
    if (this.#pageSize > 0 && this.#fetched >= this.#pageSize) {
      if (!this.#bookmark) {
        const following = await this.#it.next();
        if (following) this.#bookmark = following[0].subarray(this.#source.prefixLength).toString('utf8');
      }
      return undefined;
    }
    return this.#it.next();
  }

  bookmark(): string {
    return this.#bookmark;
  }

  fetchedCount(): number {
    return this.#fetched;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#it.close();
  }

  /** The query as the read-write set records it: raw reads, or their Merkle summary past 50 results. */
  rangeQueryInfo(): ledger.rwset.kvrwset.RangeQueryInfo {
    const { rawReads, summary } = this.#results.done();
    if (summary) this.#info.setReadsMerkleHashes(summary);
    else if (rawReads && rawReads.length > 0) {
      const reads = new ledger.rwset.kvrwset.QueryReads();
      reads.setKvReadsList(rawReads);
      this.#info.setRawReads(reads);
    }
    return this.#info;
  }
}

/** A private data range (Fabric's pvtdataResultsItr): not recorded, private range queries are read-only. */
export class PrivateRangeIterator implements ResultsIterator<KV> {
  readonly #it: RawIterator;
  readonly #prefixLength: number;
  readonly #namespace: string;

  constructor(source: RangeSource, namespace: string) {
    this.#it = source.db.iterate(source.range, source.snapshot);
    this.#prefixLength = source.prefixLength;
    this.#namespace = namespace;
  }

  async next(): Promise<KV | undefined> {
    const entry = await this.#it.next();
    if (!entry) return undefined;
    return {
      namespace: this.#namespace,
      key: entry[0].subarray(this.#prefixLength).toString('utf8'),
      value: decodeVersionedValue(entry[1]).value,
    };
  }

  async close(): Promise<void> {
    await this.#it.close();
  }
}
