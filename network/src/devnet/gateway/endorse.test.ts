import * as grpc from '@grpc/grpc-js';
import { common, gateway, peer } from '@hyperledger/fabric-protos';
import { endorse } from './endorse';
import { signedProposal, testNetwork, failure, calledEndorsers, type ProposalOptions, type TestNetwork } from './test-fakes';

let net: TestNetwork;

beforeEach(() => {
  net = testNetwork();
});

function request(options: ProposalOptions = {}, endorsingOrganizations: string[] = []): gateway.EndorseRequest {
  const result = new gateway.EndorseRequest();
  result.setProposedTransaction(signedProposal(options));
  result.setEndorsingOrganizationsList(endorsingOrganizations);
  return result;
}

/** The orgs whose endorsements the prepared transaction carries, in order. */
function endorsersOf(response: gateway.EndorseResponse): string[] {
  const payload = common.Payload.deserializeBinary(response.getPreparedTransaction()!.getPayload_asU8());
  const tx = peer.Transaction.deserializeBinary(payload.getData_asU8());
  const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(tx.getActionsList()[0].getPayload_asU8());
  return actionPayload.getAction()!.getEndorsementsList().map((e) => Buffer.from(e.getEndorser_asU8()).toString());
}

describe('the endorsement plan', () => {
  test("OutOf(2, five orgs): the gateway's org first, then one more; nobody else is asked", async () => {
    const response = await endorse(net.deps, request());
    expect(endorsersOf(response)).toEqual(['ManufacturerMSP', 'PlatformMSP']);
    expect(calledEndorsers(net)).toEqual(['ManufacturerMSP', 'PlatformMSP']);
  });

  test("a written collection's endorsement policy alone decides who else endorses", async () => {
    for (const endorser of net.endorsers.values()) endorser.script = { wroteCollections: ['customsApproved'] };
    expect(endorsersOf(await endorse(net.deps, request()))).toEqual(['CustomsMSP']);
  });

  test('a failing org is replaced by the next layout, its failure kept out of the result', async () => {
    net.endorsers.get('PlatformMSP')!.script = { peerFailure: true, message: 'chaincode cc not found' };
    expect(endorsersOf(await endorse(net.deps, request()))).toEqual(['ManufacturerMSP', 'LogisticsMSP']);
  });

  test('endorsing_organizations: exactly those orgs, even if the policy needs more', async () => {
    const response = await endorse(net.deps, request({}, ['CustomsMSP']));
    expect(endorsersOf(response)).toEqual(['CustomsMSP']);
    expect(calledEndorsers(net)).toEqual(['CustomsMSP']);
  });

  test("a collection read: only its members, meeting its policy and the chaincode's", async () => {
    for (const endorser of net.endorsers.values()) endorser.script = { readCollections: ['customsApproved'] };
    expect(endorsersOf(await endorse(net.deps, request()))).toEqual(['ManufacturerMSP', 'CustomsMSP']);
  });

  test('with transient data, only members of the collections written may endorse', async () => {
    for (const endorser of net.endorsers.values()) endorser.script = { wroteCollections: ['shared'] };
    expect(endorsersOf(await endorse(net.deps, request({ transient: { value: 'secret' } })))).toEqual(['ManufacturerMSP', 'PlatformMSP']);
  });
});

describe("a gateway whose org is not on the channel", () => {
  beforeEach(() => {
    net = { ...net, deps: { ...net.deps, localMspId: 'OutsiderMSP' } };
  });

  test('discovery picks the first endorser', async () => {
    expect(endorsersOf(await endorse(net.deps, request()))).toEqual(['ManufacturerMSP', 'PlatformMSP']);
  });

  test('with transient data it refuses rather than send the data out of its org', async () => {
    expect(await failure(endorse(net.deps, request({ transient: { value: 'secret' } })))).toEqual({
      code: grpc.status.FAILED_PRECONDITION,
      message: "no endorsers found in the gateway's organization; retry specifying endorsing organization(s) to protect transient data",
      details: [],
    });
    expect(calledEndorsers(net)).toEqual([]);
  });
});

describe('the prepared transaction', () => {
  test("header of the proposal, the creator's signature header, the payload without transient map, one response payload", async () => {
    const proposal = signedProposal({ transient: { value: 'secret' } });
    const endorseRequest = new gateway.EndorseRequest();
    endorseRequest.setProposedTransaction(proposal);
    for (const endorser of net.endorsers.values()) endorser.script = { wroteCollections: ['shared'] };
    const envelope = (await endorse(net.deps, endorseRequest)).getPreparedTransaction()!;

    const original = peer.Proposal.deserializeBinary(proposal.getProposalBytes_asU8());
    const originalHeader = common.Header.deserializeBinary(original.getHeader_asU8());
    const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
    expect(envelope.getSignature_asU8()).toHaveLength(0);
    expect(payload.getHeader()!.serializeBinary()).toEqual(originalHeader.serializeBinary());
    const action = peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList()[0];
    expect(action.getHeader_asU8()).toEqual(originalHeader.getSignatureHeader_asU8());
    const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
    const proposalPayload = peer.ChaincodeProposalPayload.deserializeBinary(actionPayload.getChaincodeProposalPayload_asU8());
    expect(proposalPayload.getTransientmapMap().getLength()).toBe(0);
    expect(proposalPayload.getInput_asU8()).toEqual(peer.ChaincodeProposalPayload.deserializeBinary(original.getPayload_asU8()).getInput_asU8());
    const firstResponse = await net.endorsers.get('ManufacturerMSP')!.processProposal(proposal);
    expect(actionPayload.getAction()!.getProposalResponsePayload_asU8()).toEqual(firstResponse.getPayload_asU8());
  });
});

describe('failures, shaped as Fabric reports them', () => {
  test("the gateway peer's chaincode error: ABORTED, one detail with the chaincode's status and message", async () => {
    net.endorsers.get('ManufacturerMSP')!.script = { status: 500, message: 'widget exploded' };
    expect(await failure(endorse(net.deps, request()))).toEqual({
      code: grpc.status.ABORTED,
      message: 'failed to endorse transaction, see attached details for more info',
      details: [{ address: 'peer0.ManufacturerMSP:7051', mspId: 'ManufacturerMSP', message: 'chaincode response 500, widget exploded' }],
    });
  });

  test("the gateway peer refuses the proposal: the peer's message in the detail", async () => {
    net.endorsers.get('ManufacturerMSP')!.script = { reject: 'error validating proposal: access denied' };
    expect((await failure(endorse(net.deps, request()))).details).toEqual([
      { address: 'peer0.ManufacturerMSP:7051', mspId: 'ManufacturerMSP', message: 'error validating proposal: access denied' },
    ]);
  });

  test('payloads that differ: ABORTED with "ProposalResponsePayloads do not match" for the odd one out', async () => {
    net.endorsers.get('PlatformMSP')!.script = { rwset: 'read another version' };
    expect(await failure(endorse(net.deps, request({}, ['ManufacturerMSP', 'PlatformMSP'])))).toEqual({
      code: grpc.status.ABORTED,
      message: 'failed to collect enough transaction endorsements, see attached details for more info',
      details: [{ address: 'peer0.PlatformMSP:7051', mspId: 'PlatformMSP', message: 'ProposalResponsePayloads do not match' }],
    });
  });

  test("another org's peer refusing the proposal reads as an unreachable peer, as over gRPC", async () => {
    net.endorsers.get('CustomsMSP')!.script = { reject: 'access denied' };
    expect((await failure(endorse(net.deps, request({}, ['CustomsMSP'])))).details).toEqual([
      { address: 'peer0.CustomsMSP:7051', mspId: 'CustomsMSP', message: 'rpc error: code = Unknown desc = access denied' },
    ]);
  });

  test('an endorsing org with no peer for the chaincode: UNAVAILABLE', async () => {
    expect(await failure(endorse(net.deps, request({}, ['NowhereMSP', 'ElsewhereMSP'])))).toEqual({
      code: grpc.status.UNAVAILABLE,
      message: 'failed to find any endorsing peers for org(s): NowhereMSP, ElsewhereMSP',
      details: [],
    });
  });

  test('a chaincode not defined on the channel: FAILED_PRECONDITION from discovery', async () => {
    expect(await failure(endorse(net.deps, request({ chaincode: 'missing' })))).toEqual({
      code: grpc.status.FAILED_PRECONDITION,
      message: 'no combination of peers can be derived which satisfy the endorsement policy: No metadata was found for chaincode missing in channel alliance',
      details: [],
    });
  });

  test('transient data for a collection whose policy needs a non-member: the client must name trusted orgs', async () => {
    for (const endorser of net.endorsers.values()) endorser.script = { wroteCollections: ['customsOutside'] };
    expect(await failure(endorse(net.deps, request({ transient: { value: 'secret' } })))).toEqual({
      code: grpc.status.FAILED_PRECONDITION,
      message:
        'requires endorsement from organisation(s) that are not in the distribution policy of the private data collection(s): [customsOutside]; retry specifying trusted endorsing organizations to protect transient data',
      details: [],
    });
  });

  test("collections read whose policies no members of all of them can meet: FAILED_PRECONDITION from discovery", async () => {
    for (const endorser of net.endorsers.values()) endorser.script = { readCollections: ['shared', 'customsApproved'] };
    expect(await failure(endorse(net.deps, request()))).toEqual({
      code: grpc.status.FAILED_PRECONDITION,
      message: 'no combination of peers can be derived which satisfy the endorsement policy: no peer combination can satisfy the endorsement policy',
      details: [],
    });
    expect(calledEndorsers(net)).toEqual(['ManufacturerMSP']);
  });

  test('the same transaction with endorsing_organizations: those orgs endorse, commit validation judges it', async () => {
    for (const endorser of net.endorsers.values()) endorser.script = { readCollections: ['shared', 'customsApproved'] };
    expect(endorsersOf(await endorse(net.deps, request({}, ['ManufacturerMSP', 'PlatformMSP'])))).toEqual(['ManufacturerMSP', 'PlatformMSP']);
  });

  test("transient data with a collection read that its members cannot endorse: discovery's own error, nothing protected", async () => {
    for (const endorser of net.endorsers.values()) endorser.script = { readCollections: ['customsOutside'] };
    expect(await failure(endorse(net.deps, request({ transient: { value: 'secret' } })))).toEqual({
      code: grpc.status.FAILED_PRECONDITION,
      message: 'no combination of peers can be derived which satisfy the endorsement policy: no peer combination can satisfy the endorsement policy',
      details: [],
    });
  });

  test('no proposal: INVALID_ARGUMENT', async () => {
    expect((await failure(endorse(net.deps, new gateway.EndorseRequest()))).code).toBe(grpc.status.INVALID_ARGUMENT);
  });
});
