import { ledger, peer } from '@hyperledger/fabric-protos';
import type { ResultsIterator } from '../ledger/api';
import { MAX_RESULT_LIMIT, QueryIteration } from './query-iteration';

function keys(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `k${String(i).padStart(3, '0')}`);
}

/** An iterator over keys that counts next() calls and remembers being closed. */
function iterator(items: string[]): ResultsIterator<string> & { calls: number; closed: boolean } {
  let index = 0;
  return {
    calls: 0,
    closed: false,
    async next() {
      this.calls++;
      return items[index++];
    },
    async close() {
      this.closed = true;
    },
  };
}

const encode = (key: string) => {
  const kv = new ledger.queryresult.KV();
  kv.setKey(key);
  return kv.serializeBinary();
};
const decode = (response: peer.QueryResponse) =>
  response.getResultsList().map((bytes) => ledger.queryresult.KV.deserializeBinary(bytes.getResultbytes_asU8()).getKey());

test('batches of 100 with has_more; the last batch closes the iterator', async () => {
  const source = iterator(keys(250));
  const query = new QueryIteration('q1', source, encode, 100_000);
  const batches: { keys: string[]; hasMore: boolean; done: boolean }[] = [];
  for (let done = false; !done; ) {
    const next = await query.nextResponse();
    done = next.done;
    expect(next.response.getId()).toBe('q1');
    batches.push({ keys: decode(next.response), hasMore: next.response.getHasMore(), done });
  }
  expect(batches.map((b) => [b.keys.length, b.hasMore, b.done])).toEqual([
    [100, true, false],
    [100, true, false],
    [50, false, true],
  ]);
  expect(batches.flatMap((b) => b.keys)).toEqual(keys(250));
  expect(source.closed).toBe(true);
});

test('exactly 100 results: one batch, has_more false (the peer looked one result ahead)', async () => {
  const { response, done } = await new QueryIteration('q', iterator(keys(MAX_RESULT_LIMIT)), encode, 100_000).nextResponse();
  expect([decode(response).length, response.getHasMore(), done]).toEqual([100, false, true]);
});

test('the total query limit ends the query early', async () => {
  const source = iterator(keys(10));
  const { response, done } = await new QueryIteration('q', source, encode, 4).nextResponse();
  expect([decode(response), response.getHasMore(), done]).toEqual([keys(4), false, true]);
  expect(source.calls).toBe(4);
});

test('paginated: the whole page in one response, with fetched_records_count and the bookmark', async () => {
  const page = iterator(keys(30));
  const query = new QueryIteration('q', page, encode, 25, { bookmark: (lookahead) => `after:${lookahead ?? 'end'}` });
  const { response, done } = await query.nextResponse();
  expect(decode(response)).toEqual(keys(25));
  expect(done).toBe(true);
  const metadata = peer.QueryResponseMetadata.deserializeBinary(response.getMetadata_asU8());
  expect([metadata.getFetchedRecordsCount(), metadata.getBookmark()]).toEqual([25, 'after:k025']);
  expect(page.closed).toBe(true);
});

test('paginated and exhausted: the bookmark is asked with no lookahead', async () => {
  const query = new QueryIteration('q', iterator(keys(3)), encode, 25, { bookmark: (lookahead) => lookahead ?? '' });
  const metadata = peer.QueryResponseMetadata.deserializeBinary((await query.nextResponse()).response.getMetadata_asU8());
  expect([metadata.getFetchedRecordsCount(), metadata.getBookmark()]).toEqual([3, '']);
});
