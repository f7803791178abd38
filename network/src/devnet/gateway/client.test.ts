// The real @hyperledger/fabric-gateway client against the Gateway and Deliver handlers on a local gRPC server:
// what an application sees (results, EndorseError / SubmitError / CommitError / GatewayError, events).
import * as grpc from '@grpc/grpc-js';
import { checkpointers, CommitError, connect, EndorseError, GatewayError, StatusCode, type Gateway } from '@hyperledger/fabric-gateway';
import { common, gateway, peer } from '@hyperledger/fabric-protos';
import { peerDeliverHandlers } from '../deliver/peer-handlers';
import { signDigest, transactionEnvelope, type TestSigner } from '../deliver/test-fakes';
import { startTestServer, type TestServer } from '../deliver/test-grpc';
import { gatewayHandlers } from './handlers';
import { CHAINCODE, CHANNEL, client, outsider, testNetwork, type TestNetwork } from './test-fakes';

let net: TestNetwork;
let server: TestServer;
let deliverServer: TestServer;
const gateways: Gateway[] = [];

beforeEach(async () => {
  net = testNetwork();
  net.ledger.commit([transactionEnvelope({ channel: CHANNEL, txId: 'genesis' })]);
  net.orderer.commitTo = { ledger: net.ledger, code: peer.TxValidationCode.VALID };
  server = await startTestServer(gateway.GatewayService, gatewayHandlers(net.deps));
  // Block events go to the Deliver service; a second server stands in for the same peer's endpoint.
  deliverServer = await startTestServer(peer.DeliverService, peerDeliverHandlers(net.deps));
});

afterEach(async () => {
  for (const g of gateways.splice(0)) g.close();
  await server.close();
  await deliverServer.close();
});

function gatewayOf(signer: TestSigner, grpcClient: grpc.Client = server.client): Gateway {
  const name = signer.identity.certificatePem;
  const connected = connect({
    client: grpcClient,
    identity: { mspId: signer.identity.mspId, credentials: Buffer.from(name) },
    signer: async (digest) => signDigest(name, digest),
  });
  gateways.push(connected);
  return connected;
}

const contract = (signer: TestSigner = client) => gatewayOf(signer).getNetwork(CHANNEL).getContract(CHAINCODE);

test('evaluate and submit: the result, a transaction the orderer got signed and endorsed by two orgs, VALID on commit', async () => {
  net.endorsers.forEach((endorser) => (endorser.script = { result: 'done' }));
  expect(Buffer.from(await contract().evaluateTransaction('get', 'k')).toString()).toBe('done');

  const submitted = await contract().submitAsync('put', { arguments: ['k', 'v'] });
  expect(Buffer.from(submitted.getResult()).toString()).toBe('done');
  const status = await submitted.getStatus();
  expect({ code: status.code, successful: status.successful, block: status.blockNumber }).toEqual({ code: StatusCode.VALID, successful: true, block: 1n });

  const envelope = net.orderer.received[0];
  expect(client.identity.verify(envelope.getPayload_asU8(), envelope.getSignature_asU8())).toBe(true);
  const tx = peer.Transaction.deserializeBinary(common.Payload.deserializeBinary(envelope.getPayload_asU8()).getData_asU8());
  const endorsements = peer.ChaincodeActionPayload.deserializeBinary(tx.getActionsList()[0].getPayload_asU8()).getAction()!.getEndorsementsList();
  expect(endorsements.map((e) => Buffer.from(e.getEndorser_asU8()).toString())).toEqual(['ManufacturerMSP', 'PlatformMSP']);
});

test('a transaction committed invalid: CommitError with its validation code', async () => {
  net.orderer.commitTo = { ledger: net.ledger, code: peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE };
  const error = await contract()
    .submitTransaction('put', 'k', 'v')
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CommitError);
  expect((error as CommitError).code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
});

test('a chaincode error on endorsement: EndorseError ABORTED with the peer as detail', async () => {
  net.endorsers.get('ManufacturerMSP')!.script = { status: 500, message: 'widget exploded' };
  const proposal = contract().newProposal('fail');
  const error = await proposal.endorse().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(EndorseError);
  const { code, message, details, transactionId } = error as EndorseError;
  expect({ code, transactionId }).toEqual({ code: grpc.status.ABORTED, transactionId: proposal.getTransactionId() });
  expect(message).toContain('failed to endorse transaction, see attached details for more info');
  expect(details).toEqual([{ address: 'peer0.ManufacturerMSP:7051', mspId: 'ManufacturerMSP', message: 'chaincode response 500, widget exploded' }]);
});

test('a chaincode error on evaluate: GatewayError UNKNOWN with the detail', async () => {
  net.endorsers.get('ManufacturerMSP')!.script = { status: 500, message: 'widget exploded' };
  const error = (await contract()
    .evaluateTransaction('fail')
    .catch((e: unknown) => e)) as GatewayError;
  expect(error).toBeInstanceOf(GatewayError);
  expect(error.code).toBe(grpc.status.UNKNOWN);
  expect(error.message).toContain('evaluate call to endorser returned error: chaincode response 500, widget exploded');
  expect(error.details).toEqual([{ address: 'peer0.ManufacturerMSP:7051', mspId: 'ManufacturerMSP', message: 'chaincode response 500, widget exploded' }]);
});

test("the orderer's refusal: SubmitError ABORTED", async () => {
  net.orderer.answer = { status: common.Status.FORBIDDEN, info: 'signature did not verify' };
  const error = (await contract()
    .submitTransaction('put', 'k', 'v')
    .catch((e: unknown) => e)) as GatewayError;
  expect(error.name).toBe('SubmitError');
  expect(error.code).toBe(grpc.status.ABORTED);
  expect(error.message).toContain('received unsuccessful response from orderer: status=FORBIDDEN, info=signature did not verify');
});

describe('chaincode events', () => {
  beforeEach(() => {
    const tx = (txId: string, name: string, chaincode = CHAINCODE) => transactionEnvelope({ channel: CHANNEL, txId, chaincode, event: { name, payload: `${name} payload` } });
    net.ledger.commit([tx('t1', 'Dispatched'), tx('t2', 'Forged'), tx('t3', 'Other', 'othercc')], [0, peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE, 0]);
    net.ledger.commit([tx('t4', 'Arrived')]);
  });

  const summary = (e: { blockNumber: bigint; transactionId: string; eventName: string; payload: Uint8Array }) =>
    `${e.blockNumber}:${e.transactionId}:${e.eventName}:${Buffer.from(e.payload).toString()}`;

  test('from a start block: events of valid transactions of the chaincode, then new blocks as they commit', async () => {
    const events = await gatewayOf(client).getNetwork(CHANNEL).getChaincodeEvents(CHAINCODE, { startBlock: 1n });
    const iterator = events[Symbol.asyncIterator]();
    const seen = [];
    for (let i = 0; i < 2; i++) seen.push(summary((await iterator.next()).value));
    expect(seen).toEqual(['1:t1:Dispatched:Dispatched payload', '2:t4:Arrived:Arrived payload']);
    const next = iterator.next();
    net.ledger.commit([transactionEnvelope({ channel: CHANNEL, txId: 't5', chaincode: CHAINCODE, event: { name: 'Sold', payload: 'x' } })]);
    expect(summary((await next).value)).toBe('3:t5:Sold:x');
    void iterator.next().catch(() => undefined);
    await waitFor(() => net.ledger.listenerCount === 1);
    events.close();
    // The stream was waiting for block 4: closing it must end that wait.
    await waitFor(() => net.ledger.listenerCount === 0);
  });

  test('from a checkpoint: after the last event processed', async () => {
    const checkpointer = checkpointers.inMemory();
    await checkpointer.checkpointChaincodeEvent({ blockNumber: 1n, transactionId: 't1', chaincodeName: CHAINCODE, eventName: 'Dispatched', payload: new Uint8Array() });
    const events = await gatewayOf(client).getNetwork(CHANNEL).getChaincodeEvents(CHAINCODE, { checkpoint: checkpointer });
    expect(summary((await events[Symbol.asyncIterator]().next()).value)).toBe('2:t4:Arrived:Arrived payload');
    events.close();
  });

  test('a requester who is not a channel reader: PERMISSION_DENIED', async () => {
    const events = await gatewayOf(outsider).getNetwork(CHANNEL).getChaincodeEvents(CHAINCODE, { startBlock: 0n });
    const error = (await events[Symbol.asyncIterator]()
      .next()
      .catch((e: unknown) => e)) as GatewayError;
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.code).toBe(grpc.status.PERMISSION_DENIED);
  });
});

test('block events through the Deliver service: full and filtered blocks from a start block', async () => {
  const channel = gatewayOf(client, deliverServer.client).getNetwork(CHANNEL);
  const blocks = await channel.getBlockEvents({ startBlock: 0n });
  expect((await blocks[Symbol.asyncIterator]().next()).value.getHeader()!.getNumber()).toBe(0);
  blocks.close();
  const filtered = await channel.getFilteredBlockEvents({ startBlock: 0n });
  const first = (await filtered[Symbol.asyncIterator]().next()).value as peer.FilteredBlock;
  expect(first.getFilteredTransactionsList().map((t) => t.getTxid())).toEqual(['genesis']);
  filtered.close();
});

test('CommitStatus honours the call deadline and stops waiting for the commit', async () => {
  const inner = new gateway.CommitStatusRequest();
  inner.setChannelId(CHANNEL);
  inner.setTransactionId('never-submitted');
  inner.setIdentity(client.identity.serialized);
  const signed = new gateway.SignedCommitStatusRequest();
  signed.setRequest(inner.serializeBinary());
  signed.setSignature(client.sign(signed.getRequest_asU8()));
  const raw = server.client as unknown as {
    commitStatus(request: gateway.SignedCommitStatusRequest, options: grpc.CallOptions, callback: (err: grpc.ServiceError | null) => void): void;
  };
  const error = await new Promise<grpc.ServiceError | null>((resolve) => raw.commitStatus(signed, { deadline: Date.now() + 100 }, resolve));
  expect(error?.code).toBe(grpc.status.DEADLINE_EXCEEDED);
  await waitFor(() => net.ledger.listenerCount === 0);
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}
