// Channel state through the shim: single keys, no read-your-writes, ranges and their pages, composite keys,
// history, and the rich query a LevelDB peer refuses. Every value is read back field for field.
import * as grpc from '@grpc/grpc-js';
import { GatewayError } from '@hyperledger/fabric-gateway';
import { json } from '../support/bytes';
import { useTestNetwork } from '../support/suite';
import { eventually, rejectionOf, submitAndWait } from '../support/transactions';
import { contractsOf, valueOf, type Contracts } from './conformance';

jest.setTimeout(120_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

interface KeyValue {
  readonly key: string;
  readonly value: string;
}

interface Page<T> {
  readonly results: T[];
  readonly bookmark: string;
  readonly fetchedRecordsCount: number;
}

interface Composite extends KeyValue {
  readonly objectType: string;
  readonly attributes: string[];
}

let manufacturer: Contracts;
let platform: Contracts;

beforeAll(() => {
  manufacturer = contractsOf(network().connect('Manufacturer'));
  platform = contractsOf(network().connect('Platform'));
});

test("putState, getState, deleteState: stored, read back byte for byte (also on another org's peer), removed", async () => {
  const { data } = manufacturer;
  expect(await valueOf(data, 'never-written')).toEqual({ key: 'never-written', value: null });
  await data.submitTransaction('put', 'asset-1', 'Köln → 上海, 12 kg');
  expect(await valueOf(data, 'asset-1')).toEqual({ key: 'asset-1', value: 'Köln → 上海, 12 kg' });
  const seenByPlatform = await eventually(() => valueOf(platform.data, 'asset-1'), (v) => v.value !== null);
  expect(seenByPlatform).toEqual({ key: 'asset-1', value: 'Köln → 上海, 12 kg' });

  await data.submitTransaction('put', 'asset-1', 'replaced');
  expect(await valueOf(data, 'asset-1')).toEqual({ key: 'asset-1', value: 'replaced' });
  await data.submitTransaction('del', 'asset-1');
  expect(await valueOf(data, 'asset-1')).toEqual({ key: 'asset-1', value: null });
});

test('no read-your-writes: a read after a write in one transaction sees the committed value', async () => {
  await manufacturer.data.submitTransaction('put', 'ryw', 'old');
  const result = json(await manufacturer.tx.submitTransaction('writeThenRead', 'ryw', 'new'));
  expect(result).toEqual({ read: 'old' });
  expect(await valueOf(manufacturer.data, 'ryw')).toEqual({ key: 'ryw', value: 'new' });
});

describe('getStateByRange', () => {
  const stored = ['range-a', 'range-b', 'range-c', 'range-d', 'range-e'].map((key, i) => ({ key, value: `value-${i}` }));

  beforeAll(async () => {
    await Promise.all(stored.map(({ key, value }) => manufacturer.data.submitTransaction('put', key, value)));
  });

  test('answers the keys in [start, end) in key order', async () => {
    const { results } = json<{ results: KeyValue[] }>(await manufacturer.query.evaluateTransaction('range', 'range-b', 'range-e'));
    expect(results).toEqual(stored.slice(1, 4));
  });

  test('WithPagination: pages of pageSize, the bookmark is the next key, "" after the last page', async () => {
    const page = async (bookmark: string) =>
      json<Page<KeyValue>>(await manufacturer.query.evaluateTransaction('rangePage', 'range-a', 'range-z', '2', bookmark));
    const first = await page('');
    expect(first).toEqual({ results: stored.slice(0, 2), bookmark: 'range-c', fetchedRecordsCount: 2 });
    const second = await page(first.bookmark);
    expect(second).toEqual({ results: stored.slice(2, 4), bookmark: 'range-e', fetchedRecordsCount: 2 });
    const last = await page(second.bookmark);
    expect(last).toEqual({ results: stored.slice(4), bookmark: '', fetchedRecordsCount: 1 });
  });
});

describe('composite keys', () => {
  const shipments: Array<[string, string[], string]> = [
    ['shipment', ['CN', 'SH-1'], 'tea'],
    ['shipment', ['CN', 'SH-2'], 'silk'],
    ['shipment', ['DE', 'SH-3'], 'tools'],
    ['container', ['CN', 'C-9'], 'steel box'],
  ];
  const expected = (i: number): Composite => {
    const [objectType, attributes, value] = shipments[i];
    return { key: `\u0000${objectType}\u0000${attributes.join('\u0000')}\u0000`, objectType, attributes, value };
  };

  beforeAll(async () => {
    const created = await Promise.all(
      shipments.map(([type, attributes, value]) => manufacturer.query.submitTransaction('putComposite', type, JSON.stringify(attributes), value)),
    );
    // createCompositeKey's encoding: U+0000, the type, U+0000 after each attribute.
    created.forEach((result, i) => expect(json(result)).toEqual({ key: expected(i).key }));
  });

  test('getStateByPartialCompositeKey answers the matching keys, split back into type and attributes', async () => {
    const partial = async (type: string, attributes: string[]) =>
      json<{ results: Composite[] }>(await manufacturer.query.evaluateTransaction('partial', type, JSON.stringify(attributes))).results;
    expect(await partial('shipment', ['CN'])).toEqual([expected(0), expected(1)]);
    expect(await partial('shipment', [])).toEqual([expected(0), expected(1), expected(2)]);
    expect(await partial('container', [])).toEqual([expected(3)]);
    expect(await partial('shipment', ['FR'])).toEqual([]);
  });

  test('getStateByPartialCompositeKeyWithPagination pages with composite-key bookmarks', async () => {
    const page = async (bookmark: string) =>
      json<Page<Composite>>(await manufacturer.query.evaluateTransaction('partialPage', 'shipment', '[]', '2', bookmark));
    const first = await page('');
    expect(first).toEqual({ results: [expected(0), expected(1)], bookmark: expected(2).key, fetchedRecordsCount: 2 });
    expect(await page(first.bookmark)).toEqual({ results: [expected(2)], bookmark: '', fetchedRecordsCount: 1 });
  });
});

test('getHistoryForKey: every committed modification, newest first, deletes flagged', async () => {
  const { data, query } = manufacturer;
  const first = await submitAndWait(data, 'put', { arguments: ['tracked', 'v1'] });
  const second = await submitAndWait(data, 'put', { arguments: ['tracked', 'v2'] });
  const removal = await submitAndWait(data, 'del', { arguments: ['tracked'] });
  for (const tx of [first, second, removal]) expect(tx.status.successful).toBe(true);
  const { history } = json<{ history: unknown[] }>(await query.evaluateTransaction('history', 'tracked'));
  expect(history).toEqual([
    { txId: removal.txId, value: '', isDelete: true },
    { txId: second.txId, value: 'v2', isDelete: false },
    { txId: first.txId, value: 'v1', isDelete: false },
  ]);
});

test("getQueryResult: a LevelDB peer refuses rich queries, and the chaincode's error carries the peer's message", async () => {
  const proposal = manufacturer.query.newProposal('rich', { arguments: ['{"selector":{"docType":"asset"}}'] });
  const error = await rejectionOf(proposal.evaluate());
  expect(error).toBeInstanceOf(GatewayError);
  const { code, details } = error as GatewayError;
  expect(code).toBe(grpc.status.UNKNOWN);
  expect(details.map((d) => d.message)).toEqual([
    `chaincode response 500, GET_QUERY_RESULT failed: transaction ID: ${proposal.getTransactionId()}: ExecuteQuery not supported for leveldb`,
  ]);
});
