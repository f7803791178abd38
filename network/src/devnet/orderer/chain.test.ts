import { common } from '@hyperledger/fabric-protos';
import { Chain } from './chain';
import { BroadcastError } from './errors';
import { createTestUser, expectLinked, RecordingSink, signedEnvelope, TEST_BATCH, txIdOf, txIdsOf, type TestUser } from './test-fakes';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tip = { height: 1, lastBlockHeaderHash: new Uint8Array(32).fill(1) };

describe('Chain', () => {
  let orderer: TestUser;
  let client: TestUser;
  let chains: Chain[];
  beforeAll(() => {
    orderer = createTestUser('OrdererMSP');
    client = createTestUser('Org1MSP');
  });
  beforeEach(() => {
    chains = [];
  });
  afterEach(async () => {
    await Promise.all(chains.map((chain) => chain.stop()));
  });

  function newChain(sink: RecordingSink, batch = TEST_BATCH, maxPendingBlocks = 100): Chain {
    const chain = new Chain({ channel: 'ch', batch, tip, signer: orderer.signer, sink: sink.sink, maxPendingBlocks });
    chains.push(chain);
    return chain;
  }
  const envelope = () => signedEnvelope(client.signer, { channel: 'ch' });

  describe('BatchTimeout (fake clock)', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());
    const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms);

    it('cuts a pending batch when BatchTimeout expires after its first message', async () => {
      const sink = new RecordingSink();
      const chain = newChain(sink, { ...TEST_BATCH, timeoutMs: 50 });
      const first = envelope();
      chain.order(first);
      await advance(30);
      const second = envelope();
      chain.order(second);
      await advance(19);
      expect(sink.of('ch')).toHaveLength(0);
      // 50 ms after the first message, not after the second.
      await advance(1);
      expect(sink.of('ch').map(txIdsOf)).toEqual([[txIdOf(first), txIdOf(second)]]);
    });

    it('cuts at maxMessageCount without waiting, and the timer then stays quiet', async () => {
      const sink = new RecordingSink();
      const chain = newChain(sink, { ...TEST_BATCH, timeoutMs: 50, maxMessageCount: 2 });
      chain.order(envelope());
      chain.order(envelope());
      await advance(0);
      expect(sink.of('ch').map((b) => b.getData()!.getDataList().length)).toEqual([2]);
      await advance(100);
      expect(sink.of('ch')).toHaveLength(1);
    });

    it('restarts the timeout for a batch begun by a size cut', async () => {
      const sink = new RecordingSink();
      const oneMessage = envelope().getPayload_asU8().length + 200;
      const chain = newChain(sink, { ...TEST_BATCH, timeoutMs: 50, preferredMaxBytes: oneMessage });
      chain.order(envelope());
      await advance(40);
      chain.order(envelope()); // would overflow: the first is cut alone, the second starts a new batch
      await advance(0);
      expect(sink.of('ch')).toHaveLength(1);
      await advance(49);
      expect(sink.of('ch')).toHaveLength(1);
      await advance(1);
      expect(sink.of('ch')).toHaveLength(2);
    });

    it('stop() clears the BatchTimeout timer', async () => {
      const sink = new RecordingSink();
      const chain = newChain(sink, { ...TEST_BATCH, timeoutMs: 50 });
      chain.order(envelope());
      await chain.stop();
      await advance(100);
      expect(sink.of('ch')).toHaveLength(0);
      expect(jest.getTimerCount()).toBe(0);
    });
  });

  it('delivers blocks in order, each only after the sink resolved the previous one', async () => {
    const delivered: number[] = [];
    let inSink = 0;
    let maxInSink = 0;
    const sink = new RecordingSink();
    const chain = new Chain({
      channel: 'ch',
      batch: { ...TEST_BATCH, maxMessageCount: 1 },
      tip,
      signer: orderer.signer,
      sink: async (_channel, block) => {
        maxInSink = Math.max(maxInSink, ++inSink);
        await sleep(5);
        delivered.push(block.getHeader()!.getNumber());
        inSink -= 1;
        await sink.sink('ch', block);
      },
      maxPendingBlocks: 100,
    });
    chains.push(chain);
    for (let i = 0; i < 5; i++) chain.order(envelope());
    await chain.stop();
    expect(delivered).toEqual([1, 2, 3, 4, 5]);
    expect(maxInSink).toBe(1);
    expect(() => expectLinked(sink.of('ch'), tip)).not.toThrow();
  });

  it('answers SERVICE_UNAVAILABLE while too many blocks wait for the sink, and recovers', async () => {
    const sink = new RecordingSink();
    sink.hold();
    const chain = newChain(sink, { ...TEST_BATCH, maxMessageCount: 1 }, 3);
    for (let i = 0; i < 3; i++) chain.order(envelope());
    expect(() => chain.order(envelope())).toThrow(
      expect.objectContaining({ status: common.Status.SERVICE_UNAVAILABLE, message: expect.stringMatching(/overloaded/) }),
    );
    sink.release();
    await sleep(0);
    await sleep(0);
    expect(() => chain.order(envelope())).not.toThrow();
    await chain.stop();
    expect(sink.of('ch').map((b) => b.getHeader()!.getNumber())).toEqual([1, 2, 3, 4]);
  });

  it('halts the channel when the sink rejects a block', async () => {
    let calls = 0;
    const chain = new Chain({
      channel: 'ch',
      batch: { ...TEST_BATCH, maxMessageCount: 1 },
      tip,
      signer: orderer.signer,
      sink: async () => {
        calls += 1;
        throw new Error('disk full');
      },
      maxPendingBlocks: 100,
    });
    chains.push(chain);
    chain.order(envelope());
    chain.order(envelope());
    await sleep(0);
    await sleep(0);
    expect(calls).toBe(1);
    let refusal: unknown;
    try {
      chain.order(envelope());
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(BroadcastError);
    expect(refusal).toMatchObject({ status: common.Status.SERVICE_UNAVAILABLE, message: 'chain is halted: block [1] could not be written: disk full' });
  });

  it('stop() drops the pending batch, delivers blocks already cut, and refuses further messages', async () => {
    const sink = new RecordingSink();
    sink.hold();
    const chain = newChain(sink, { ...TEST_BATCH, timeoutMs: 20, maxMessageCount: 2 });
    chain.order(envelope());
    chain.order(envelope()); // cut: block 1
    chain.order(envelope()); // pending, dropped by stop()
    const stopped = chain.stop();
    sink.release();
    await stopped;
    await sleep(40);
    expect(sink.of('ch').map((b) => b.getData()!.getDataList().length)).toEqual([2]);
    expect(() => chain.order(envelope())).toThrow(expect.objectContaining({ status: common.Status.SERVICE_UNAVAILABLE, message: 'chain is stopped' }));
  });
});
