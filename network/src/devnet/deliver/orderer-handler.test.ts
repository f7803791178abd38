import * as grpc from '@grpc/grpc-js';
import { common, orderer } from '@hyperledger/fabric-protos';
import { ordererDeliverHandler } from './orderer-handler';
import { fakeDeserializer, FakeLedger, outOf, policyManager, seekEnvelope, testSigner, transactionEnvelope } from './test-fakes';
import { startTestServer, StreamRecorder, type TestServer } from './test-grpc';

const Status = common.Status;
const CHANNEL = 'alliance';
const peerOrg = testSigner('ManufacturerMSP');
const ordererOrg = testSigner('OrdererMSP');

let halted: boolean;
let server: TestServer;

beforeEach(async () => {
  halted = false;
  const channelLedger = new FakeLedger(CHANNEL);
  channelLedger.commit([transactionEnvelope({ channel: CHANNEL, txId: 'genesis' })]);
  channelLedger.commit([transactionEnvelope({ channel: CHANNEL, txId: 'tx1' })]);
  // /Channel/Readers admits the orderer org too; /Channel/Application/Readers would not.
  const policies = policyManager({ '/Channel/Readers': outOf(1, ['ManufacturerMSP', 'OrdererMSP']), '/Channel/Application/Readers': outOf(1, ['ManufacturerMSP']) });
  const deliver = ordererDeliverHandler({
    ledgerFor: (name) => (name === CHANNEL ? channelLedger : undefined),
    policies: () => policies,
    deserializer: fakeDeserializer([peerOrg.identity, ordererOrg.identity]),
    errored: () => halted,
  });
  server = await startTestServer(orderer.AtomicBroadcastService, { broadcast: () => undefined, deliver });
});

afterEach(async () => {
  await server.close();
});

async function statusesAndBlocks(envelope: common.Envelope): Promise<Array<string | number>> {
  const stream = (server.client as unknown as { deliver(): grpc.ClientDuplexStream<common.Envelope, orderer.DeliverResponse> }).deliver();
  const recorder = new StreamRecorder(stream);
  stream.write(envelope);
  stream.end();
  await recorder.end;
  return recorder.messages.map((r) => (r.hasBlock() ? r.getBlock()!.getHeader()!.getNumber() : `status ${r.getStatus()}`));
}

test('serves readers of /Channel/Readers, the orderer org included', async () => {
  expect(await statusesAndBlocks(seekEnvelope(ordererOrg, { channel: CHANNEL, start: 'oldest', stop: 'newest' }))).toEqual([0, 1, `status ${Status.SUCCESS}`]);
});

test('a halted chain: STRICT seeks get SERVICE_UNAVAILABLE, BEST_EFFORT ones their blocks', async () => {
  halted = true;
  const strict = seekEnvelope(peerOrg, { channel: CHANNEL, start: 'oldest', stop: 'newest' });
  expect(await statusesAndBlocks(strict)).toEqual([`status ${Status.SERVICE_UNAVAILABLE}`]);
  const bestEffort = seekEnvelope(peerOrg, { channel: CHANNEL, start: 'oldest', stop: 'newest', errorResponse: orderer.SeekInfo.SeekErrorResponse.BEST_EFFORT });
  expect(await statusesAndBlocks(bestEffort)).toEqual([0, 1, `status ${Status.SUCCESS}`]);
});
