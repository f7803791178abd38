import * as grpc from '@grpc/grpc-js';
import { common, ledger, orderer, peer } from '@hyperledger/fabric-protos';
import type { ChaincodeDefinition, ChaincodeRegistry, CollectionDefinition } from '../lifecycle/api';
import { peerDeliverHandlers } from './peer-handlers';
import { fakeDeserializer, FakeLedger, outOf, policyManager, seekEnvelope, testSigner, transactionEnvelope, type SeekOptions } from './test-fakes';
import { startTestServer, StreamRecorder, type TestServer } from './test-grpc';

const Status = common.Status;
const CHANNEL = 'alliance';
const manufacturer = testSigner('ManufacturerMSP');
const logistics = testSigner('LogisticsMSP');
const outsider = testSigner('OutsiderMSP');
const stranger = testSigner('ManufacturerMSP', 'unknown-to-the-msp');

type Method = 'deliver' | 'deliverFiltered' | 'deliverWithPrivateData';
type DeliverStream = grpc.ClientDuplexStream<common.Envelope, peer.DeliverResponse>;

function collection(name: string, members: string[], memberOnlyRead: boolean): CollectionDefinition {
  return {
    name,
    memberMspIds: members,
    memberPolicy: outOf(1, members),
    requiredPeerCount: 0,
    maxPeerCount: 1,
    blockToLive: 0,
    memberOnlyRead,
    memberOnlyWrite: false,
    proto: new peer.CollectionConfig(),
  };
}

const registry: ChaincodeRegistry = {
  get: (channel, name) =>
    channel === CHANNEL && name === 'cc'
      ? ({
          collections: new Map([
            ['secret', collection('secret', ['ManufacturerMSP'], true)],
            ['open', collection('open', ['ManufacturerMSP'], false)],
          ]),
        } as unknown as ChaincodeDefinition)
      : undefined,
  list: () => [],
};

let ledgerOfChannel: FakeLedger;
let server: TestServer;

beforeEach(async () => {
  ledgerOfChannel = new FakeLedger(CHANNEL);
  for (let n = 0; n < 3; n++) {
    ledgerOfChannel.commit([transactionEnvelope({ channel: CHANNEL, txId: `tx${n}`, event: { name: `E${n}`, payload: `payload-${n}` } })]);
  }
  server = await startTestServer(
    peer.DeliverService,
    peerDeliverHandlers({
      localMspId: 'ManufacturerMSP',
      ledgerFor: (name) => (name === CHANNEL ? ledgerOfChannel : undefined),
      policies: () => policyManager({ '/Channel/Application/Readers': outOf(1, ['ManufacturerMSP', 'LogisticsMSP']) }),
      registry,
      deserializer: fakeDeserializer([manufacturer.identity, logistics.identity, outsider.identity]),
    }),
  );
});

afterEach(async () => {
  await server.close();
});

function open(method: Method = 'deliver'): { stream: DeliverStream; recorder: StreamRecorder<peer.DeliverResponse> } {
  const stream = (server.client as unknown as Record<Method, () => DeliverStream>)[method]();
  return { stream, recorder: new StreamRecorder(stream) };
}

function seek(options: Partial<SeekOptions>, signer = manufacturer): common.Envelope {
  return seekEnvelope(signer, { channel: CHANNEL, start: 'oldest', stop: 'newest', ...options });
}

function summary(response: peer.DeliverResponse): string | number {
  switch (response.getTypeCase()) {
    case peer.DeliverResponse.TypeCase.STATUS:
      return `status ${response.getStatus()}`;
    case peer.DeliverResponse.TypeCase.BLOCK:
      return response.getBlock()!.getHeader()!.getNumber();
    case peer.DeliverResponse.TypeCase.FILTERED_BLOCK:
      return response.getFilteredBlock()!.getNumber();
    default:
      return response.getBlockAndPrivateData()!.getBlock()!.getHeader()!.getNumber();
  }
}

/** Sends one seek, half-closes, and answers everything the stream returned plus its gRPC status code. */
async function seekOnce(envelope: common.Envelope, method: Method = 'deliver'): Promise<{ responses: peer.DeliverResponse[]; code: grpc.status }> {
  const { stream, recorder } = open(method);
  stream.write(envelope);
  stream.end();
  const { code } = await recorder.end;
  return { responses: recorder.messages, code };
}

describe('seek positions and stop', () => {
  test('oldest to newest: every block, then SUCCESS; the stream serves the next seek, and closes OK on half-close', async () => {
    const { stream, recorder } = open();
    stream.write(seek({}));
    expect((await recorder.atLeast(4)).map(summary)).toEqual([0, 1, 2, `status ${Status.SUCCESS}`]);
    stream.write(seek({ start: 1, stop: 1 }));
    expect((await recorder.atLeast(6)).slice(4).map(summary)).toEqual([1, `status ${Status.SUCCESS}`]);
    stream.end();
    expect((await recorder.end).code).toBe(grpc.status.OK);
  });

  test('seeks sent together are served one after the other', async () => {
    const { stream, recorder } = open();
    stream.write(seek({ start: 2, stop: 2 }));
    stream.write(seek({ start: 0, stop: 0 }));
    stream.end();
    await recorder.end;
    expect(recorder.messages.map(summary)).toEqual([2, `status ${Status.SUCCESS}`, 0, `status ${Status.SUCCESS}`]);
  });

  test('newest to newest is the last block only', async () => {
    const { responses } = await seekOnce(seek({ start: 'newest', stop: 'newest' }));
    expect(responses.map(summary)).toEqual([2, `status ${Status.SUCCESS}`]);
  });

  test('a start past the height is NOT_FOUND and ends the stream', async () => {
    const { stream, recorder } = open();
    stream.write(seek({ start: 7, stop: 9 }));
    expect((await recorder.end).code).toBe(grpc.status.OK);
    expect(recorder.messages.map(summary)).toEqual([`status ${Status.NOT_FOUND}`]);
  });

  test('FAIL_IF_NOT_READY: the blocks there are, then NOT_FOUND instead of waiting', async () => {
    const { responses } = await seekOnce(seek({ start: 1, stop: 10, behavior: orderer.SeekInfo.SeekBehavior.FAIL_IF_NOT_READY }));
    expect(responses.map(summary)).toEqual([1, 2, `status ${Status.NOT_FOUND}`]);
  });

  test('a stop before the start is BAD_REQUEST', async () => {
    const { responses } = await seekOnce(seek({ start: 2, stop: 1 }));
    expect(responses.map(summary)).toEqual([`status ${Status.BAD_REQUEST}`]);
  });

  test('HEADER_WITH_SIG: header and metadata without the transactions', async () => {
    const { responses } = await seekOnce(seek({ start: 0, stop: 0, contentType: orderer.SeekInfo.SeekContentType.HEADER_WITH_SIG }));
    const block = responses[0].getBlock()!;
    expect(block.getHeader()!.getNumber()).toBe(0);
    expect(block.hasData()).toBe(false);
    expect(block.getMetadata()!.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER]).toEqual(Uint8Array.from([0]));
  });
});

describe('waiting for blocks (BLOCK_UNTIL_READY)', () => {
  test('next_commit waits for the next block, and a cancelled client leaves no commit listener behind', async () => {
    const { stream, recorder } = open();
    stream.write(seek({ start: 'next', stop: 100 }));
    await waitFor(() => ledgerOfChannel.listenerCount === 1);
    expect(recorder.messages).toEqual([]);
    ledgerOfChannel.commit([transactionEnvelope({ channel: CHANNEL, txId: 'tx3' })]);
    expect((await recorder.atLeast(1)).map(summary)).toEqual([3]);
    stream.cancel();
    expect((await recorder.end).code).toBe(grpc.status.CANCELLED);
    await waitFor(() => ledgerOfChannel.listenerCount === 0);
  });
});

describe('refusals', () => {
  test.each([
    ['an unknown channel', seekEnvelope(manufacturer, { channel: 'nowhere', start: 'oldest', stop: 'newest' }), Status.NOT_FOUND],
    ['an org that is not a reader', seek({}, outsider), Status.FORBIDDEN],
    ['an identity its MSP does not know', seek({}, stranger), Status.FORBIDDEN],
    ['a timestamp outside the time window', seek({ timestamp: new Date(Date.now() - 60 * 60 * 1000) }), Status.BAD_REQUEST],
  ])('%s', async (_what, envelope, status) => {
    const { responses, code } = await seekOnce(envelope);
    expect(responses.map(summary)).toEqual([`status ${status}`]);
    expect(code).toBe(grpc.status.OK);
  });

  test('a signature that does not verify is FORBIDDEN', async () => {
    const envelope = seek({});
    envelope.setSignature(logistics.sign(envelope.getPayload_asU8()));
    expect((await seekOnce(envelope)).responses.map(summary)).toEqual([`status ${Status.FORBIDDEN}`]);
  });

  test('an envelope whose payload does not parse is BAD_REQUEST', async () => {
    const envelope = new common.Envelope();
    envelope.setPayload(Uint8Array.from([0xff, 0xff, 0xff]));
    expect((await seekOnce(envelope)).responses.map(summary)).toEqual([`status ${Status.BAD_REQUEST}`]);
  });
});

describe('DeliverWithPrivateData', () => {
  beforeEach(() => {
    const kv = new ledger.rwset.kvrwset.KVRWSet();
    const collectionSet = (name: string) => {
      const c = new ledger.rwset.CollectionPvtReadWriteSet();
      c.setCollectionName(name);
      c.setRwset(kv.serializeBinary());
      return c;
    };
    const ns = new ledger.rwset.NsPvtReadWriteSet();
    ns.setNamespace('cc');
    ns.setCollectionPvtRwsetList([collectionSet('secret'), collectionSet('open')]);
    const tx = new ledger.rwset.TxPvtReadWriteSet();
    tx.setNsPvtRwsetList([ns]);
    ledgerOfChannel.privateData.set('2/ManufacturerMSP', new Map([[0, tx]]));
  });

  const collectionsSeen = async (signer = manufacturer) => {
    const { responses } = await seekOnce(seek({ start: 2, stop: 2 }, signer), 'deliverWithPrivateData');
    const event = responses[0].getBlockAndPrivateData()!;
    expect(event.getBlock()!.getHeader()!.getNumber()).toBe(2);
    const seen: string[] = [];
    event.getPrivateDataMapMap().forEach((tx, txNum) => {
      for (const ns of tx.getNsPvtRwsetList()) for (const c of ns.getCollectionPvtRwsetList()) seen.push(`${txNum}:${ns.getNamespace()}/${c.getCollectionName()}`);
    });
    return seen;
  };

  test("a member's client receives every collection this peer holds", async () => {
    expect(await collectionsSeen()).toEqual(['0:cc/secret', '0:cc/open']);
  });

  test("another org's client: only collections without memberOnlyRead", async () => {
    expect(await collectionsSeen(logistics)).toEqual(['0:cc/open']);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}
