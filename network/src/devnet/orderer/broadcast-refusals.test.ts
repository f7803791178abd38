import { common } from '@hyperledger/fabric-protos';
import { OrderingServiceImpl, type OrderingChannel } from './broadcast';
import { createTestUser, envelopeOf, fakeDeserializer, RecordingSink, signedEnvelope, TEST_BATCH, writersPolicy, type TestUser } from './test-fakes';

const Status = common.Status;
const GARBAGE = Uint8Array.of(0xff, 0xff, 0xff);
const WRITERS_REFUSAL =
  "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied: permission denied";

/** Each refusal with the status and info Fabric 3.1's broadcast handler gives for it. */
describe('OrderingServiceImpl refuses, as Fabric 3.1 does,', () => {
  const orderer = createTestUser('OrdererMSP');
  const org1 = createTestUser('Org1MSP');
  const org2 = createTestUser('Org2MSP');
  const outsider = createTestUser('Org3MSP');
  const expired = createTestUser('Org1MSP', { expired: true });
  let service: OrderingServiceImpl;
  let sink: RecordingSink;

  function newService(channel: Partial<OrderingChannel> = {}): OrderingServiceImpl {
    return new OrderingServiceImpl({
      channels: [{ name: 'alliance', batch: TEST_BATCH, policies: writersPolicy(['Org1MSP', 'Org2MSP']), height: 1, lastBlockHeaderHash: new Uint8Array(32), ...channel }],
      deserializer: fakeDeserializer([orderer, org1, org2, outsider, expired].map((u: TestUser) => u.identity)),
      signer: orderer.signer,
      sink: sink.sink,
      cutPerTransaction: true,
    });
  }
  beforeEach(() => {
    sink = new RecordingSink();
    service = newService();
  });
  afterEach(() => service.close());

  /** An envelope whose payload has the given header (or none), signed by org1. */
  function withHeader(header: common.Header | undefined): common.Envelope {
    const payload = new common.Payload();
    if (header) payload.setHeader(header);
    return envelopeOf(payload.serializeBinary(), org1.signer);
  }

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
    const response = await service.broadcast(make());
    expect(response.getStatus()).toBe(status);
    if (typeof info === 'string') expect(response.getInfo()).toBe(info);
    else expect(response.getInfo()).toMatch(info);
    // Nothing refused is ordered, and the chain goes on from where it was.
    await service.broadcast(signedEnvelope(org1.signer, { channel: 'alliance' }));
    await service.close();
    expect(sink.of('alliance').map((b) => [b.getHeader()!.getNumber(), b.getData()!.getDataList().length])).toEqual([[1, 1]]);
  });

  it('a channel without a /Channel/Writers policy', async () => {
    await service.close();
    service = newService({ policies: { get: () => undefined } });
    const response = await service.broadcast(signedEnvelope(org1.signer, { channel: 'alliance' }));
    expect([response.getStatus(), response.getInfo()]).toEqual([Status.BAD_REQUEST, 'could not find policy /Channel/Writers']);
  });
});
