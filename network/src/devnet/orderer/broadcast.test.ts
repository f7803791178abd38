import { common, type orderer } from '@hyperledger/fabric-protos';
import type { BatchSettings } from '../../description/model';
import { blockHeaderHash } from './blocks';
import { OrderingServiceImpl, type OrderingChannel } from './broadcast';
import {
  createTestUser,
  envelopeOf,
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
const GARBAGE = Uint8Array.of(0xff, 0xff, 0xff);
const WRITERS_REFUSAL =
  "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied: permission denied";

const answer = (response: orderer.BroadcastResponse) => ({ status: response.getStatus(), info: response.getInfo() });

describe('OrderingServiceImpl', () => {
  let orderer: TestUser;
  let org1: TestUser;
  let org2: TestUser;
  let outsider: TestUser;
  let expired: TestUser;
  let services: OrderingServiceImpl[];

  beforeAll(() => {
    orderer = createTestUser('OrdererMSP');
    org1 = createTestUser('Org1MSP');
    org2 = createTestUser('Org2MSP');
    outsider = createTestUser('Org3MSP');
    expired = createTestUser('Org1MSP', { expired: true });
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
      deserializer: fakeDeserializer([orderer, org1, org2, outsider, expired].map((u) => u.identity)),
      signer: orderer.signer,
      sink: sink.sink,
      cutPerTransaction,
    });
    services.push(service);
    return service;
  }

  /** Broadcasts a payload with the given header parts, signed by org1. */
  function withHeader(header: common.Header | undefined): common.Envelope {
    const payload = new common.Payload();
    if (header) payload.setHeader(header);
    return envelopeOf(payload.serializeBinary(), org1.signer);
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

  describe('refuses, as Fabric 3.1 does', () => {
    const refusals: Array<[string, () => common.Envelope, number, string | RegExp]> = [
      ['an unparseable payload', () => envelopeOf(GARBAGE, org1.signer), Status.BAD_REQUEST, /^could not determine channel ID: error unmarshalling Payload: /],
      ['a payload without header', () => withHeader(undefined), Status.BAD_REQUEST, 'could not determine channel ID: header not set'],
      ['a header without channel header', () => withHeader(new common.Header()), Status.BAD_REQUEST, 'could not determine channel ID: channel header not set'],
      [
        'an unparseable channel header',
        () => {
          const header = new common.Header();
          header.setChannelHeader(GARBAGE);
          return withHeader(header);
        },
        Status.BAD_REQUEST,
        /^could not determine channel ID: error unmarshalling channel header: error unmarshalling ChannelHeader: /,
      ],
      [
        'an unparseable signature header',
        () => {
          const valid = common.Payload.deserializeBinary(signedEnvelope(org1.signer, { channel: 'alliance' }).getPayload_asU8());
          valid.getHeader()!.setSignatureHeader(GARBAGE);
          return envelopeOf(valid.serializeBinary(), org1.signer);
        },
        Status.BAD_REQUEST,
        /^could not convert message to signedData: GetSignatureHeaderFromBytes failed, err /,
      ],
      ['an unknown channel', () => signedEnvelope(org1.signer, { channel: 'nowhere' }), Status.BAD_REQUEST, 'channel does not exist'],
      [
        'a CONFIG message',
        () => signedEnvelope(org1.signer, { channel: 'alliance', type: common.HeaderType.CONFIG }),
        Status.BAD_REQUEST,
        'message is of type that cannot be processed directly',
      ],
      [
        'an ORDERER_TRANSACTION',
        () => signedEnvelope(org1.signer, { channel: 'alliance', type: common.HeaderType.ORDERER_TRANSACTION }),
        Status.BAD_REQUEST,
        'message is of type that is no longer supported',
      ],
      [
        'a CONFIG_UPDATE, even from a writer',
        () => signedEnvelope(org1.signer, { channel: 'alliance', type: common.HeaderType.CONFIG_UPDATE }),
        Status.BAD_REQUEST,
        "error applying config update to existing channel 'alliance': channel configuration updates are not supported by the devnet orderer",
      ],
      [
        'a CONFIG_UPDATE from a non-writer, on the initial checks',
        () => signedEnvelope(outsider.signer, { channel: 'alliance', type: common.HeaderType.CONFIG_UPDATE }),
        Status.FORBIDDEN,
        `config update for existing channel did not pass initial checks: ${WRITERS_REFUSAL}`,
      ],
      [
        'a message over AbsoluteMaxBytes',
        () => signedEnvelope(org1.signer, { channel: 'alliance', dataBytes: TEST_BATCH.absoluteMaxBytes }),
        Status.BAD_REQUEST,
        /^message payload is \d+ bytes and exceeds maximum allowed 1048576 bytes$/,
      ],
      ['a creator whose certificate expired', () => signedEnvelope(expired.signer, { channel: 'alliance' }), Status.BAD_REQUEST, 'broadcast client identity expired'],
      ['a creator of an org that is not a writer', () => signedEnvelope(outsider.signer, { channel: 'alliance' }), Status.FORBIDDEN, WRITERS_REFUSAL],
      ['a creator no MSP knows', () => signedEnvelope(createTestUser('Org1MSP').signer, { channel: 'alliance' }), Status.FORBIDDEN, WRITERS_REFUSAL],
      [
        'a signature by someone else than the creator',
        () => {
          const envelope = signedEnvelope(org1.signer, { channel: 'alliance' });
          envelope.setSignature(org2.signer.sign(envelope.getPayload_asU8()));
          return envelope;
        },
        Status.FORBIDDEN,
        WRITERS_REFUSAL,
      ],
      [
        'an unsigned envelope',
        () => {
          const envelope = signedEnvelope(org1.signer, { channel: 'alliance' });
          envelope.setSignature(new Uint8Array(0));
          return envelope;
        },
        Status.FORBIDDEN,
        WRITERS_REFUSAL,
      ],
    ];

    it.each(refusals)('%s', async (_what, make, status, info) => {
      const sink = new RecordingSink();
      const service = newService(sink);
      const response = answer(await service.broadcast(make()));
      expect(response.status).toBe(status);
      if (typeof info === 'string') expect(response.info).toBe(info);
      else expect(response.info).toMatch(info);
      // Nothing refused is ordered, and the chain goes on from where it was.
      await service.broadcast(signedEnvelope(org1.signer, { channel: 'alliance' }));
      await service.close();
      expect(sink.of('alliance').map((b) => [b.getHeader()!.getNumber(), b.getData()!.getDataList().length])).toEqual([[1, 1]]);
    });

    it('a channel without a /Channel/Writers policy', async () => {
      const service = newService(new RecordingSink(), [channel('alliance', { policies: { get: () => undefined } })]);
      expect(answer(await service.broadcast(signedEnvelope(org1.signer, { channel: 'alliance' })))).toEqual({
        status: Status.BAD_REQUEST,
        info: 'could not find policy /Channel/Writers',
      });
    });

    it('anything once closed, with SERVICE_UNAVAILABLE', async () => {
      const service = newService(new RecordingSink());
      await service.close();
      expect(answer(await service.broadcast(signedEnvelope(org1.signer, { channel: 'alliance' })))).toEqual({
        status: Status.SERVICE_UNAVAILABLE,
        info: 'chain is stopped',
      });
    });

    it('with SERVICE_UNAVAILABLE when blocks pile up in front of a slow sink', async () => {
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
