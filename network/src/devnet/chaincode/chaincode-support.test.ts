import { ChaincodeError } from './api';
import { INITIALIZED_KEY } from './check-invocation';
import { PACKAGE_A, useHarness } from './test-harness';

// A real fabric-contract-api chaincode, run by fabric-shim's cli as a server, against the peer side of the shim
// protocol: every request a transaction makes, answered from an in-memory simulator.

jest.setTimeout(30_000);

const harness = useHarness([PACKAGE_A]);
const run = harness.run.bind(harness);
const allKeys = Array.from({ length: 250 }, (_, i) => `k${String(i).padStart(3, '0')}`);

beforeAll(() => {
  allKeys.forEach((key, i) => harness.alliance.put('cc', key, `v${i}`));
  harness.alliance.put('cc', 'a', 'committed a');
  harness.alliance.putPrivate('cc', 'secret', 's1', 'cost 3.10');
});

describe('state', () => {
  test('GET_STATE answers committed state; PUT_STATE goes to the simulator; no read-your-writes', async () => {
    const { execution, simulator, payload } = await run(['putThenGet', 'a', 'new a']);
    expect(execution.response.getStatus()).toBe(200);
    expect(payload).toBe('committed a');
    expect(simulator.writes).toEqual([{ op: 'put', ns: 'cc', key: 'a', value: 'new a' }]);
  });

  test('requests of one transaction may overlap (Promise.all in the chaincode)', async () => {
    const { payload } = await run(['getMany', JSON.stringify(['k000', 'k001', 'a', 'missing', 'k249'])]);
    expect(JSON.parse(payload)).toEqual(['v0', 'v1', 'committed a', '', 'v249']);
  });

  test('two peers endorsing the same transaction on the shared stream both complete', async () => {
    const txId = 'tx-endorsed-twice';
    const [first, second] = await Promise.all([run(['putThenGet', 'a', 'one'], { txId }), run(['putThenGet', 'a', 'two'], { txId })]);
    expect([first.payload, second.payload]).toEqual(['committed a', 'committed a']);
    expect(first.simulator.writes).toEqual([{ op: 'put', ns: 'cc', key: 'a', value: 'one' }]);
    expect(second.simulator.writes).toEqual([{ op: 'put', ns: 'cc', key: 'a', value: 'two' }]);
  });
});

describe('queries', () => {
  test('a range of 250 results arrives in batches of 100 (QUERY_STATE_NEXT), in key order', async () => {
    const { payload, simulator } = await run(['range', 'k', 'l']);
    expect(JSON.parse(payload)).toEqual(allKeys);
    expect(simulator.openIterators.size).toBe(0);
  });

  test('an iterator closed early (QUERY_STATE_CLOSE) is released', async () => {
    const { payload, simulator } = await run(['rangeFirst', 'k', 'l']);
    expect(payload).toBe('k000');
    expect(simulator.openIterators.size).toBe(0);
  });

  test('pagination: the page, fetched_records_count and the bookmark to continue from', async () => {
    const first = JSON.parse((await run(['page', 'k', 'l', '10', ''])).payload);
    expect(first).toEqual({ keys: allKeys.slice(0, 10), bookmark: 'k010', fetched: 10 });
    const next = JSON.parse((await run(['page', 'k', 'l', '10', first.bookmark])).payload);
    expect(next).toEqual({ keys: allKeys.slice(10, 20), bookmark: 'k020', fetched: 10 });
    const last = JSON.parse((await run(['page', 'k', 'l', '10', 'k245'])).payload);
    expect(last).toEqual({ keys: allKeys.slice(245), bookmark: '', fetched: 5 });
  });

  test('GET_HISTORY_FOR_KEY answers KeyModifications', async () => {
    harness.alliance.history.set('cc/h', [
      { txId: 'tx2', value: new Uint8Array(), timestamp: { seconds: 1_700_000_100, nanos: 0 }, isDelete: true },
      { txId: 'tx1', value: Buffer.from('first'), timestamp: { seconds: 1_700_000_000, nanos: 5 }, isDelete: false },
    ]);
    expect(JSON.parse((await run(['history', 'h'])).payload)).toEqual([
      { txId: 'tx2', value: '', isDelete: true, seconds: 1_700_000_100 },
      { txId: 'tx1', value: 'first', isDelete: false, seconds: 1_700_000_000 },
    ]);
  });

  test("GET_QUERY_RESULT: LevelDB's refusal of rich queries", async () => {
    const { execution, txId } = await run(['rich', '{"selector":{}}']);
    expect(execution.response.getStatus()).toBe(500);
    expect(execution.response.getMessage()).toBe(`GET_QUERY_RESULT failed: transaction ID: ${txId}: ExecuteQuery not supported for leveldb`);
  });
});

describe('private data', () => {
  test("memberOnlyRead: a member of the collection reads, a non-member is denied with Fabric's message", async () => {
    expect((await run(['getPrivate', 'secret', 's1'])).payload).toBe('cost 3.10');
    const denied = await run(['getPrivate', 'secret', 's1'], { creator: harness.org2 });
    expect(denied.execution.response.getStatus()).toBe(500);
    expect(denied.execution.response.getMessage()).toBe(
      `GET_STATE failed: transaction ID: ${denied.txId}: tx creator does not have read access permission on privatedata in chaincodeName:cc collectionName: secret`,
    );
  });

  test("memberOnlyWrite denies a non-member; an open collection takes anyone's write", async () => {
    const denied = await run(['putPrivate', 'secret', 's2', 'x'], { creator: harness.org2 });
    expect(denied.execution.response.getMessage()).toBe(
      `PUT_STATE failed: transaction ID: ${denied.txId}: tx creator does not have write access permission on privatedata in chaincodeName:cc collectionName: secret`,
    );
    expect(denied.simulator.writes).toEqual([]);
    const open = await run(['putPrivate', 'open', 'o1', 'y'], { creator: harness.org2 });
    expect(open.simulator.writes).toEqual([{ op: 'put', ns: 'cc', collection: 'open', key: 'o1', value: 'y' }]);
  });

  test('a collection the definition does not name', async () => {
    const { execution, txId } = await run(['getPrivate', 'nosuch', 'k']);
    expect(execution.response.getMessage()).toBe(`GET_STATE failed: transaction ID: ${txId}: collection alliance/cc/nosuch could not be found`);
  });
});

describe('responses and events', () => {
  test('an error thrown by the chaincode comes back as status 500 with its message', async () => {
    const { execution } = await run(['fail', 'widget exploded']);
    expect(execution.response.getStatus()).toBe(500);
    expect(execution.response.getMessage()).toBe('widget exploded');
    expect(execution.event).toBeUndefined();
  });

  test("the COMPLETED message's chaincode event, named by chaincode and transaction", async () => {
    const { execution, txId } = await run(['emit', 'shipped', 'box-1']);
    expect(execution.event?.getEventName()).toBe('shipped');
    expect(Buffer.from(execution.event!.getPayload_asU8()).toString()).toBe('box-1');
    expect(execution.event?.getChaincodeId()).toBe('cc');
    expect(execution.event?.getTxId()).toBe(txId);
  });

  test('a chaincode the channel does not define', async () => {
    await expect(run(['get', 'a'], { chaincodeName: 'nope', txId: 'tx-unknown' })).rejects.toThrow(
      new ChaincodeError(
        'failed to execute transaction tx-unknown: invalid invocation: [channel alliance] failed to get chaincode container info for nope: chaincode nope not found',
      ),
    );
  });
});

describe('init', () => {
  test('a definition requiring init refuses a plain invocation before it', async () => {
    await expect(run(['get', 'a'], { chaincodeName: 'initcc', txId: 'tx-not-init' })).rejects.toThrow(
      "failed to execute transaction tx-not-init: invalid invocation: chaincode 'initcc' has not been initialized for this version, must call as init first",
    );
  });

  test('INIT records the version, and private data APIs are refused in it', async () => {
    const { execution, simulator, txId } = await run(['getPrivate', 'secret', 's1'], { chaincodeName: 'initcc', isInit: true });
    expect(execution.response.getMessage()).toBe(`GET_STATE failed: transaction ID: ${txId}: private data APIs are not allowed in chaincode Init()`);
    expect(simulator.writes).toEqual([{ op: 'put', ns: 'initcc', key: INITIALIZED_KEY, value: '1.0' }]);
  });

  test('a chaincode without init refuses is_init', async () => {
    await expect(run(['get', 'a'], { isInit: true, txId: 'tx-init' })).rejects.toThrow(
      "failed to execute transaction tx-init: invalid invocation: chaincode 'cc' does not require initialization but called as init",
    );
  });
});
