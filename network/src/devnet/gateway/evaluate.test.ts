import * as grpc from '@grpc/grpc-js';
import { gateway } from '@hyperledger/fabric-protos';
import { evaluate } from './evaluate';
import { signedProposal, testNetwork, failure, calledEndorsers, type ProposalOptions, type TestNetwork } from './test-fakes';

let net: TestNetwork;

beforeEach(() => {
  net = testNetwork();
});

function request(options: ProposalOptions = {}, targetOrganizations: string[] = []): gateway.EvaluateRequest {
  const result = new gateway.EvaluateRequest();
  result.setProposedTransaction(signedProposal(options));
  result.setTargetOrganizationsList(targetOrganizations);
  return result;
}

test("runs on the gateway's own peer and answers the result from the signed response payload", async () => {
  net.endorsers.get('ManufacturerMSP')!.script = { result: '{"value":42}' };
  const result = (await evaluate(net.deps, request())).getResult()!;
  expect({ status: result.getStatus(), payload: Buffer.from(result.getPayload_asU8()).toString() }).toEqual({ status: 200, payload: '{"value":42}' });
  expect(calledEndorsers(net)).toEqual(['ManufacturerMSP']);
});

test('target organizations: runs on one of those', async () => {
  await evaluate(net.deps, request({}, ['LogisticsMSP']));
  expect(calledEndorsers(net)).toEqual(['LogisticsMSP']);
});

test('a chaincode error: UNKNOWN, "evaluate call to endorser returned error", the detail of the peer', async () => {
  net.endorsers.get('ManufacturerMSP')!.script = { status: 500, message: 'widget exploded' };
  expect(await failure(evaluate(net.deps, request()))).toEqual({
    code: grpc.status.UNKNOWN,
    message: 'evaluate call to endorser returned error: chaincode response 500, widget exploded',
    details: [{ address: 'peer0.ManufacturerMSP:7051', mspId: 'ManufacturerMSP', message: 'chaincode response 500, widget exploded' }],
  });
});

test("the gateway's peer refusing the proposal: FAILED_PRECONDITION with the peer's message", async () => {
  net.endorsers.get('ManufacturerMSP')!.script = { reject: 'error validating proposal: access denied' };
  expect(await failure(evaluate(net.deps, request()))).toEqual({
    code: grpc.status.FAILED_PRECONDITION,
    message: 'evaluate call to endorser returned error: error validating proposal: access denied',
    details: [{ address: 'peer0.ManufacturerMSP:7051', mspId: 'ManufacturerMSP', message: 'error validating proposal: access denied' }],
  });
});

test('a peer-side failure moves on to the next peer; when all fail, every detail is reported', async () => {
  for (const endorser of net.endorsers.values()) endorser.script = { peerFailure: true, status: 500, message: 'chaincode cc not connected' };
  net.endorsers.get('RegulatorMSP')!.script = {};
  expect((await evaluate(net.deps, request({}, ['ManufacturerMSP', 'PlatformMSP', 'RegulatorMSP']))).getResult()!.getStatus()).toBe(200);
  expect(calledEndorsers(net)).toEqual(['ManufacturerMSP', 'PlatformMSP', 'RegulatorMSP']);

  const failed = await failure(evaluate(net.deps, request({}, ['ManufacturerMSP', 'PlatformMSP'])));
  expect(failed.code).toBe(grpc.status.ABORTED);
  expect(failed.message).toBe('failed to evaluate transaction, see attached details for more info');
  expect(failed.details.map((d) => (d as { mspId: string }).mspId)).toEqual(['ManufacturerMSP', 'PlatformMSP']);
});

test("with transient data and no target organizations, only the gateway's own org may evaluate", async () => {
  net = { ...net, deps: { ...net.deps, localMspId: 'OutsiderMSP' } };
  expect(await failure(evaluate(net.deps, request({ transient: { key: 'secret' } })))).toEqual({
    code: grpc.status.FAILED_PRECONDITION,
    message: `no endorsers found in the gateway's organization; retry specifying target organization(s) to protect transient data: no peers available to evaluate chaincode cc in channel alliance`,
    details: [],
  });
  expect(calledEndorsers(net)).toEqual([]);
});

test('unknown chaincode, unknown channel, malformed proposal', async () => {
  expect(await failure(evaluate(net.deps, request({ chaincode: 'missing' })))).toMatchObject({
    code: grpc.status.FAILED_PRECONDITION,
    message: 'no peers available to evaluate chaincode missing in channel alliance',
  });
  expect(await failure(evaluate(net.deps, request({ channel: 'nowhere' })))).toMatchObject({
    code: grpc.status.UNAVAILABLE,
    message: 'failed to get config for channel [nowhere]: could not get last config for channel nowhere',
  });
  expect(await failure(evaluate(net.deps, new gateway.EvaluateRequest()))).toMatchObject({
    code: grpc.status.INVALID_ARGUMENT,
    message: 'failed to unpack transaction proposal: a signed proposal is required',
  });
});
