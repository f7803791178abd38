import * as grpc from '@grpc/grpc-js';
import { gateway, peer } from '@hyperledger/fabric-protos';
import { transactionEnvelope, type TestSigner } from '../deliver/test-fakes';
import { commitStatus } from './commit-status';
import { GatewayRpcError } from './rpc-error';
import { CHANNEL, client, outsider, testNetwork, type TestNetwork } from './test-fakes';

let net: TestNetwork;

beforeEach(() => {
  net = testNetwork();
  net.ledger.commit([transactionEnvelope({ channel: CHANNEL, txId: 'genesis' })]);
});

function request(txId: string, signer: TestSigner = client, channel = CHANNEL): gateway.SignedCommitStatusRequest {
  const inner = new gateway.CommitStatusRequest();
  inner.setChannelId(channel);
  inner.setTransactionId(txId);
  inner.setIdentity(signer.identity.serialized);
  const signed = new gateway.SignedCommitStatusRequest();
  signed.setRequest(inner.serializeBinary());
  signed.setSignature(signer.sign(signed.getRequest_asU8()));
  return signed;
}

async function failure(promise: Promise<unknown>): Promise<GatewayRpcError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GatewayRpcError);
  return err as GatewayRpcError;
}

const never = new AbortController().signal;

test('a committed transaction: its validation code and block at once', async () => {
  net.ledger.commit(
    [transactionEnvelope({ channel: CHANNEL, txId: 'ok' }), transactionEnvelope({ channel: CHANNEL, txId: 'mvcc' })],
    [peer.TxValidationCode.VALID, peer.TxValidationCode.MVCC_READ_CONFLICT],
  );
  const response = await commitStatus(net.deps, request('mvcc'), never);
  expect({ result: response.getResult(), block: response.getBlockNumber() }).toEqual({ result: peer.TxValidationCode.MVCC_READ_CONFLICT, block: 1 });
});

test('a transaction not yet committed: waits for its block, then stops listening', async () => {
  const answer = commitStatus(net.deps, request('later'), never);
  await Promise.resolve();
  net.ledger.commit([transactionEnvelope({ channel: CHANNEL, txId: 'other' })]);
  net.ledger.commit([transactionEnvelope({ channel: CHANNEL, txId: 'later' })], [peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE]);
  const response = await answer;
  expect({ result: response.getResult(), block: response.getBlockNumber() }).toEqual({ result: peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE, block: 2 });
  expect(net.ledger.listenerCount).toBe(0);
});

test('the client gives up (cancel or deadline): the wait ends and leaves no listener', async () => {
  const controller = new AbortController();
  const answer = failure(commitStatus(net.deps, request('never'), controller.signal));
  expect(net.ledger.listenerCount).toBe(1);
  controller.abort();
  expect((await answer).code).toBe(grpc.status.CANCELLED);
  expect(net.ledger.listenerCount).toBe(0);
});

test('a requester who cannot read the channel, or whose signature fails: PERMISSION_DENIED', async () => {
  const denied = await failure(commitStatus(net.deps, request('genesis', outsider), never));
  expect(denied.code).toBe(grpc.status.PERMISSION_DENIED);
  expect(denied.message).toBe(
    'Failed evaluating policy on signed data during check policy on channel [alliance] with policy [/Channel/Application/Readers]: [signature set did not satisfy policy]',
  );
  const forged = request('genesis');
  forged.setSignature(outsider.sign(forged.getRequest_asU8()));
  expect((await failure(commitStatus(net.deps, forged, never))).code).toBe(grpc.status.PERMISSION_DENIED);
  expect((await failure(commitStatus(net.deps, request('genesis', client, 'nowhere'), never))).message).toBe('Failed to get policy manager for channel [nowhere]');
});

test('requests missing their parts: INVALID_ARGUMENT', async () => {
  expect((await failure(commitStatus(net.deps, new gateway.SignedCommitStatusRequest(), never))).message).toBe('a commit status request is required');
  expect((await failure(commitStatus(net.deps, request(''), never))).message).toBe('transaction ID should not be empty');
});
