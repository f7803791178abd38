import { peer } from '@hyperledger/fabric-protos';
import type { ResultsIterator } from '../ledger/api';

/** Fabric's QueryResponseGenerator.MaxResultLimit: results per QueryResponse between peer and shim. */
export const MAX_RESULT_LIMIT = 100;
/** Fabric's ledger.state.totalQueryLimit default: the most results one query returns in all. */
export const TOTAL_QUERY_LIMIT = 100_000;

export interface Pagination<T> {
  /** The next page's bookmark, given the result that follows the page (undefined when the iterator is exhausted). */
  bookmark(lookahead: T | undefined): string;
}

/**
 * An open query of a transaction, answered in QueryResponse batches as Fabric's QueryResponseGenerator does.
 * Without pagination a batch holds MAX_RESULT_LIMIT results and has_more is set once one more result is known to
 * exist (that result opens the next batch, fetched by QUERY_STATE_NEXT). With pagination the whole page comes in
 * one response with QueryResponseMetadata (fetched_records_count, bookmark).
 */
export class QueryIteration<T> {
  readonly id: string;
  readonly #iterator: ResultsIterator<T>;
  readonly #encode: (result: T) => Uint8Array;
  readonly #totalReturnLimit: number;
  readonly #pagination?: Pagination<T>;
  #pending: peer.QueryResultBytes[] = [];
  #returned = 0;
  #exhausted = false;

  constructor(
    id: string,
    iterator: ResultsIterator<T>,
    encode: (result: T) => Uint8Array,
    totalReturnLimit: number,
    pagination?: Pagination<T>,
  ) {
    this.id = id;
    this.#iterator = iterator;
    this.#encode = encode;
    this.#totalReturnLimit = totalReturnLimit;
    this.#pagination = pagination;
  }

  /** The next batch; done means the query is over and its iterator closed (the caller forgets the query). */
  async nextResponse(): Promise<{ response: peer.QueryResponse; done: boolean }> {
    for (;;) {
      if (this.#returned >= this.#totalReturnLimit) return this.#finalResponse();
      const result = await this.#iterator.next();
      if (result === undefined) {
        this.#exhausted = true;
        return this.#finalResponse();
      }
      if (!this.#pagination && this.#pending.length === MAX_RESULT_LIMIT) {
        const batch = this.#pending;
        this.#pending = [this.#resultBytes(result)];
        this.#returned++;
        return { response: queryResponse(this.id, batch, true), done: false };
      }
      this.#pending.push(this.#resultBytes(result));
      this.#returned++;
    }
  }

  close(): Promise<void> {
    return this.#iterator.close();
  }

  async #finalResponse(): Promise<{ response: peer.QueryResponse; done: boolean }> {
    const response = queryResponse(this.id, this.#pending, false);
    this.#pending = [];
    if (this.#pagination) {
      // Fabric's GetBookmarkAndClose peeks at the key after the page: one more next() shows it.
      const lookahead = this.#exhausted ? undefined : await this.#iterator.next();
      const metadata = new peer.QueryResponseMetadata();
      metadata.setFetchedRecordsCount(this.#returned);
      metadata.setBookmark(this.#pagination.bookmark(lookahead));
      response.setMetadata(metadata.serializeBinary());
    }
    await this.#iterator.close();
    return { response, done: true };
  }

  #resultBytes(result: T): peer.QueryResultBytes {
    const bytes = new peer.QueryResultBytes();
    bytes.setResultbytes(this.#encode(result));
    return bytes;
  }
}

function queryResponse(id: string, results: peer.QueryResultBytes[], hasMore: boolean): peer.QueryResponse {
  const response = new peer.QueryResponse();
  response.setResultsList(results);
  response.setHasMore(hasMore);
  response.setId(id);
  return response;
}
