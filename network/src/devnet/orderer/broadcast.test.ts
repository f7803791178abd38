import { common, type orderer } from '@hyperledger/fabric-protos';
import type { BatchSettings } from '../../description/model';
import { blockHeaderHash } from './blocks';
import { OrderingServiceImpl, type OrderingChannel } from './broadcast';
import {
  createTestUser,
  expectLinked,
  fakeDeserializer,
  readBlockSignature,
  RecordingSink,
  signedEnvelope,
  TEST_BATCH,
  txIdOf,
  txIdsOf,
  writersPolicy,
  type TestUser,
} from './test-fakes';

const Status = common.Status;
const GENESIS_HASH = new Uint8Array(32).fill(9);

const answer = (response: orderer.BroadcastResponse) => ({ status: response.getStatus(), info: response.getInfo() });

describe('OrderingServiceImpl', () => {
  let orderer: TestUser;
  let org1: TestUser;
  let org2: TestUser;
  let services: OrderingServiceImpl[];

  beforeAll(() => {
    orderer = createTestUser('OrdererMSP');
    org1 = createTestUser('Org1MSP');
    org2 = createTestUser('Org2MSP');
  });
  beforeEach(() => {
    services = [];
  });
  afterEach(async () => {
    await Promise.all(services.map((service) => service.close()));
  });

  function channel(name: string, overrides: Partial<OrderingChannel> = {}): OrderingChannel {
    return { name, batch: TEST_BATCH, policies: writersPolicy(['Org1MSP', 'Org2MSP']), height: 1, lastBlockHeaderHash: GENESIS_HASH, ...overrides };
  }

  function newService(sink: RecordingSink, channels: OrderingChannel[] = [channel('alliance')], cutPerTransaction = true): OrderingServiceImpl {
    const service = new OrderingServiceImpl({
      channels,
      deserializer: fakeDeserializer([orderer, org1, org2].map((u) => u.identity)),
      signer: orderer.signer,
      sink: sink.sink,
      cutPerTransaction,
    });
    services.push(service);
    return service;
  }

  describe('accepts', () => {
    it('a transaction signed by a channel writer: SUCCESS, then a signed block holding it', async () => {
      const sink = new RecordingSink();
      const service = newService(sink);
      const envelope = signedEnvelope(org1.signer, { channel: 'alliance' });
      expect(answer(await service.broadcast(envelope))).toEqual({ status: Status.SUCCESS, info: '' });
      await service.close();
      const [block] = sink.of('alliance');
      expect(block.getHeader()!.getNumber()).toBe(1);
      expect(txIdsOf(block)).toEqual([txIdOf(envelope)]);
      expect(readBlockSignature(block, orderer.publicKey).verifies).toBe(true);
    });

    it('batches by the channel settings when not cutting per transaction, cutting on BatchTimeout', async () => {
      const sink = new RecordingSink();
      const batch: BatchSettings = { ...TEST_BATCH, timeoutMs: 50, maxMessageCount: 3 };
      const service = newService(sink, [channel('alliance', { batch })], false);
      const envelopes = [1, 2, 3, 4].map(() => signedEnvelope(org2.signer, { channel: 'alliance' }));
      for (const envelope of envelopes) expect((await service.broadcast(envelope)).getStatus()).toBe(Status.SUCCESS);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(sink.of('alliance').map(txIdsOf)).toEqual([envelopes.slice(0, 3).map(txIdOf)]);
      const deadline = Date.now() + 2000;
      while (sink.of('alliance').length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(sink.of('alliance').map(txIdsOf)).toEqual([envelopes.slice(0, 3).map(txIdOf), [txIdOf(envelopes[3])]]);
    });

    it('keeps one chain per channel', async () => {
      const sink = new RecordingSink();
      const other = new Uint8Array(32).fill(3);
      const service = newService(sink, [channel('alliance'), channel('public', { height: 5, lastBlockHeaderHash: other })]);
      await service.broadcast(signedEnvelope(org1.signer, { channel: 'alliance' }));
      await service.broadcast(signedEnvelope(org1.signer, { channel: 'public' }));
      await service.broadcast(signedEnvelope(org2.signer, { channel: 'alliance' }));
      await service.close();
      expect(sink.of('alliance').map((b) => b.getHeader()!.getNumber())).toEqual([1, 2]);
      expect(sink.of('public').map((b) => b.getHeader()!.getNumber())).toEqual([5]);
      expect(() => expectLinked(sink.of('alliance'), { height: 1, lastBlockHeaderHash: GENESIS_HASH })).not.toThrow();
      expect(() => expectLinked(sink.of('public'), { height: 5, lastBlockHeaderHash: other })).not.toThrow();
    });

    it('continues the chain after a restart from height and last header hash', async () => {
      const sink = new RecordingSink();
      const first = newService(sink);
      for (let i = 0; i < 2; i++) await first.broadcast(signedEnvelope(org1.signer, { channel: 'alliance' }));
      await first.close();
      const last = sink.of('alliance')[1];
      const restarted = newService(sink, [channel('alliance', { height: 3, lastBlockHeaderHash: blockHeaderHash(last.getHeader()!) })]);
      await restarted.broadcast(signedEnvelope(org1.signer, { channel: 'alliance' }));
      await restarted.close();
      expect(sink.of('alliance').map((b) => b.getHeader()!.getNumber())).toEqual([1, 2, 3]);
      expect(() => expectLinked(sink.of('alliance'), { height: 1, lastBlockHeaderHash: GENESIS_HASH })).not.toThrow();
    });

    it('lets a fault of the deserializer (anything but MspError) surface instead of answering FORBIDDEN', async () => {
      const service = new OrderingServiceImpl({
        channels: [channel('alliance')],
        deserializer: {
          mspIds: [],
          deserializeIdentity: () => {
            throw new TypeError('bug');
          },
        },
        signer: orderer.signer,
        sink: new RecordingSink().sink,
      });
      services.push(service);
      await expect(service.broadcast(signedEnvelope(org1.signer, { channel: 'alliance' }))).rejects.toThrow(TypeError);
    });

    it('refuses a channel listed twice', () => {
      expect(() => newService(new RecordingSink(), [channel('alliance'), channel('alliance')])).toThrow(RangeError);
    });
  });

  describe('answers SERVICE_UNAVAILABLE', () => {
    it('once closed', async () => {
      const service = newService(new RecordingSink());
      await service.close();
      expect(answer(await service.broadcast(signedEnvelope(org1.signer, { channel: 'alliance' })))).toEqual({
        status: Status.SERVICE_UNAVAILABLE,
        info: 'chain is stopped',
      });
    });

    it('when blocks pile up in front of a slow sink', async () => {
      const sink = new RecordingSink();
      sink.hold();
      const service = new OrderingServiceImpl({
        channels: [channel('alliance')],
        deserializer: fakeDeserializer([org1.identity]),
        signer: orderer.signer,
        sink: sink.sink,
        cutPerTransaction: true,
        maxPendingBlocks: 2,
      });
      services.push(service);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await service.broadcast(signedEnvelope(org1.signer, { channel: 'alliance' }))).getStatus());
      expect(statuses).toEqual([Status.SUCCESS, Status.SUCCESS, Status.SERVICE_UNAVAILABLE]);
      sink.release();
    });
  });
});
