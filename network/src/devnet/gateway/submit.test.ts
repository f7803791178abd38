import * as grpc from '@grpc/grpc-js';
import { common, gateway } from '@hyperledger/fabric-protos';
import { submit } from './submit';
import { CHANNEL, testNetwork, type TestNetwork, failure } from './test-fakes';

let net: TestNetwork;

beforeEach(() => {
  net = testNetwork();
});

function request(options: { signed?: boolean; channel?: string } = {}): gateway.SubmitRequest {
  const envelope = new common.Envelope();
  envelope.setPayload(Buffer.from('transaction'));
  if (options.signed ?? true) envelope.setSignature(Buffer.from('signature'));
  const result = new gateway.SubmitRequest();
  result.setChannelId(options.channel ?? CHANNEL);
  result.setTransactionId('tx1');
  result.setPreparedTransaction(envelope);
  return result;
}

test('hands the signed envelope to the orderer as it is', async () => {
  const submitted = request();
  await submit(net.deps, submitted);
  expect(net.orderer.received).toEqual([submitted.getPreparedTransaction()]);
});

test("the orderer's client-error answer: ABORTED with its status name and info, no detail", async () => {
  net.orderer.answer = { status: common.Status.FORBIDDEN, info: 'implicit policy evaluation failed' };
  expect(await failure(submit(net.deps, request()))).toEqual({
    code: grpc.status.ABORTED,
    message: 'received unsuccessful response from orderer: status=FORBIDDEN, info=implicit policy evaluation failed',
    details: [],
  });
});

test('an orderer that is unavailable or broken: UNAVAILABLE, a detail only for the broken one', async () => {
  net.orderer.answer = { status: common.Status.SERVICE_UNAVAILABLE, info: 'chain is halted' };
  expect(await failure(submit(net.deps, request()))).toEqual({ code: grpc.status.UNAVAILABLE, message: 'no orderers could successfully process transaction', details: [] });
  net.orderer.answer = new Error('connection refused');
  expect(await failure(submit(net.deps, request()))).toEqual({
    code: grpc.status.UNAVAILABLE,
    message: 'no orderers could successfully process transaction',
    details: [{ address: 'orderer.example.com:7050', mspId: 'OrdererMSP', message: 'connection refused' }],
  });
});

test('unsigned transaction, unknown channel', async () => {
  expect(await failure(submit(net.deps, request({ signed: false })))).toMatchObject({
    code: grpc.status.INVALID_ARGUMENT,
    message: 'prepared transaction must be signed',
  });
  expect(await failure(submit(net.deps, request({ channel: 'nowhere' })))).toMatchObject({ code: grpc.status.FAILED_PRECONDITION });
  expect(net.orderer.received).toEqual([]);
});
