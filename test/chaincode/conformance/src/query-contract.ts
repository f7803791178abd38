// Multi-key reads: ranges, composite keys, history, rich queries, private ranges, with and without pagination.
import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';
import type { Iterators } from 'fabric-shim';
import { bytes, drain, keyValues, parseStringArray, text } from './codec';

export class QueryContract extends Contract {
  constructor() {
    super('query');
  }

  @Transaction(false)
  @Returns('string')
  public async range(ctx: Context, startKey: string, endKey: string): Promise<string> {
    return JSON.stringify({ results: keyValues(await drain(await ctx.stub.getStateByRange(startKey, endKey))) });
  }

  @Transaction(false)
  @Returns('string')
  public async rangePage(ctx: Context, startKey: string, endKey: string, pageSize: number, bookmark: string): Promise<string> {
    const { iterator, metadata } = await ctx.stub.getStateByRangeWithPagination(startKey, endKey, pageSize, bookmark);
    const results = keyValues(await drain(iterator));
    return JSON.stringify({ results, bookmark: metadata.bookmark, fetchedRecordsCount: metadata.fetchedRecordsCount });
  }

  /** Answers the composite key the shim built, so the suite can check its exact encoding. */
  @Transaction()
  @Returns('string')
  public async putComposite(ctx: Context, objectType: string, attributesJson: string, value: string): Promise<string> {
    const key = ctx.stub.createCompositeKey(objectType, parseStringArray(attributesJson, 'attributes'));
    await ctx.stub.putState(key, bytes(value));
    return JSON.stringify({ key });
  }

  @Transaction(false)
  @Returns('string')
  public async partial(ctx: Context, objectType: string, attributesJson: string): Promise<string> {
    const iterator = await ctx.stub.getStateByPartialCompositeKey(objectType, parseStringArray(attributesJson, 'attributes'));
    return JSON.stringify({ results: this.#composites(ctx, await drain(iterator)) });
  }

  @Transaction(false)
  @Returns('string')
  public async partialPage(ctx: Context, objectType: string, attributesJson: string, pageSize: number, bookmark: string): Promise<string> {
    const attributes = parseStringArray(attributesJson, 'attributes');
    const { iterator, metadata } = await ctx.stub.getStateByPartialCompositeKeyWithPagination(objectType, attributes, pageSize, bookmark);
    const results = this.#composites(ctx, await drain(iterator));
    return JSON.stringify({ results, bookmark: metadata.bookmark, fetchedRecordsCount: metadata.fetchedRecordsCount });
  }

  @Transaction(false)
  @Returns('string')
  public async history(ctx: Context, key: string): Promise<string> {
    const modifications = await drain(await ctx.stub.getHistoryForKey(key));
    const history = modifications.map((m) => ({ txId: m.txId, value: text(m.value), isDelete: m.isDelete }));
    return JSON.stringify({ history });
  }

  /** Rich queries need CouchDB; on LevelDB the peer's error must reach the client unchanged, so it is not caught. */
  @Transaction(false)
  @Returns('string')
  public async rich(ctx: Context, query: string): Promise<string> {
    return JSON.stringify({ results: keyValues(await drain(await ctx.stub.getQueryResult(query))) });
  }

  @Transaction(false)
  @Returns('string')
  public async privateRange(ctx: Context, collection: string, startKey: string, endKey: string): Promise<string> {
    // Iterated as an async iterable: fabric-shim 2.5 resolves this promise to {iterator}, not to the iterator its
    // typings promise, and only its async iteration unwraps that.
    const results: Iterators.KV[] = [];
    for await (const kv of ctx.stub.getPrivateDataByRange(collection, startKey, endKey)) results.push(kv);
    return JSON.stringify({ results: keyValues(results) });
  }

  #composites(ctx: Context, kvs: readonly Iterators.KV[]) {
    return kvs.map((kv) => ({ key: kv.key, ...ctx.stub.splitCompositeKey(kv.key), value: text(kv.value) }));
  }
}
