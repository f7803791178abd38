// What a peer checks before it runs a proposal: the proposal's timestamp against its clock, the client
// certificate's expiry (both before anything else, as Fabric's auth filters), the creator's node OU (after the
// identity deserialised, so the refusal names its org), and the channel's Writers policy, whose refusal carries
// the ImplicitMeta policy's own words. Evaluations here name the gateway's own org, so a refused proposal is not
// retried on other peers.
import { createHash } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { GatewayError, signers, StatusCode, type Contract } from '@hyperledger/fabric-gateway';
import { common, gateway, msp, peer } from '@hyperledger/fabric-protos';
import type { ClientIdentity } from '../support/gateway';
import { issueIdentity } from '../support/issued-identity';
import { useTestNetwork } from '../support/suite';
import { take } from '../support/streams';
import { rejectionOf, submitAndWait } from '../support/transactions';
import { ALLIANCE, CHAINCODE, valueOf } from './conformance';

jest.setTimeout(120_000);
const network = useTestNetwork({ name: __filename });
const LOCAL = { endorsingOrganizations: ['ManufacturerMSP'] };
const MINUTE = 60_000;

function contractFor(identity: ClientIdentity): Contract {
  return network().connectAs('Manufacturer', identity).gateway.getNetwork(ALLIANCE).getContract(CHAINCODE);
}

async function refusal(call: Promise<unknown>): Promise<{ code: number; message: string; details: string[][] }> {
  const error = await rejectionOf(call);
  expect(error).toBeInstanceOf(GatewayError);
  const { code, message, details } = error as GatewayError;
  // The client prefixes the status ("14 UNAVAILABLE: ..."); the gateway's own words follow.
  return { code, message: message.replace(/^\d+ [A-Z_]+: /, ''), details: details.map((d) => [d.mspId, d.message]) };
}

test('a proposal stamped 20 minutes ago is refused before validation: request unauthorized due to incorrect timestamp', async () => {
  const identity = network().identity('Manufacturer');
  const connection = network().connectAs('Manufacturer', identity);
  const proposal = connection.gateway.getNetwork(ALLIANCE).getContract(CHAINCODE).newProposal('get', { arguments: ['stale'], ...LOCAL });
  // The same proposal, its channel header's timestamp moved back and the proposal signed again.
  const proposed = gateway.ProposedTransaction.deserializeBinary(proposal.getBytes());
  const signedProposal = proposed.getProposal()!;
  const body = peer.Proposal.deserializeBinary(signedProposal.getProposalBytes_asU8());
  const header = common.Header.deserializeBinary(body.getHeader_asU8());
  const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
  const stamped = channelHeader.getTimestamp()!;
  stamped.setSeconds(stamped.getSeconds() - 20 * 60);
  header.setChannelHeader(channelHeader.serializeBinary());
  body.setHeader(header.serializeBinary());
  signedProposal.setProposalBytes(body.serializeBinary());
  const digest = createHash('sha256').update(signedProposal.getProposalBytes_asU8()).digest();
  const signature = await signers.newPrivateKeySigner(identity.privateKey)(digest);

  const refused = await refusal(connection.gateway.newSignedProposal(proposed.serializeBinary(), signature).evaluate());
  expect([refused.code, refused.message]).toEqual([grpc.status.UNAVAILABLE, 'failed to evaluate transaction, see attached details for more info']);
  expect(refused.details).toHaveLength(1);
  expect(refused.details[0][0]).toBe('ManufacturerMSP');
  expect(refused.details[0][1]).toMatch(
    /^request unauthorized due to incorrect timestamp \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, peer time \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, peer\.authentication\.timewindow 15m0s$/,
  );
});

test("an expired certificate of the org's own CA: proposal client identity expired", async () => {
  // The org's CA dates its certificates five minutes back, so a minute-old end lies within the CA's own validity.
  const expired = await issueIdentity(network(), 'Manufacturer', {
    commonName: 'expired@manufacturer',
    ous: ['client'],
    notAfter: new Date(Date.now() - MINUTE),
  });
  const refused = await refusal(contractFor(expired).evaluate('get', { arguments: ['expired'], ...LOCAL }));
  expect(refused).toEqual({
    code: grpc.status.UNAVAILABLE,
    message: 'failed to evaluate transaction, see attached details for more info',
    details: [['ManufacturerMSP', 'proposal client identity expired']],
  });
});

describe("an expired certificate of the org's own CA elsewhere: only the services that check expiry refuse it", () => {
  let expired: ClientIdentity;
  beforeAll(async () => {
    expired = await issueIdentity(network(), 'Manufacturer', { commonName: 'expired-reader@manufacturer', ous: ['client'], notAfter: new Date(Date.now() - MINUTE) });
  });

  test("the commit status of a transaction: answered, since Fabric's MSP does not look at expiry", async () => {
    const committed = await submitAndWait(network().connect('Manufacturer').gateway.getNetwork(ALLIANCE).getContract(CHAINCODE), 'put', {
      arguments: ['expired-status', 'v1'],
    });
    const signed = gateway.SignedCommitStatusRequest.deserializeBinary(committed.commitRequest);
    const request = gateway.CommitStatusRequest.deserializeBinary(signed.getRequest_asU8());
    const creator = new msp.SerializedIdentity();
    creator.setMspid(expired.mspId);
    creator.setIdBytes(Buffer.from(expired.certificatePem));
    request.setIdentity(creator.serializeBinary());
    const unsigned = new gateway.SignedCommitStatusRequest();
    unsigned.setRequest(request.serializeBinary());
    const status = await network().connectAs('Manufacturer', expired).gateway.newCommit(unsigned.serializeBinary()).getStatus();
    expect([status.code, status.transactionId]).toEqual([StatusCode.VALID, committed.txId]);
  });

  test('block events: the deliver session is over, FORBIDDEN', async () => {
    const blocks = network().connectAs('Manufacturer', expired).gateway.getNetwork(ALLIANCE).getBlockEvents({ startBlock: 0n });
    const error = await rejectionOf(take<unknown>(await blocks, 1));
    expect((error as Error).message).toBe('Unexpected status response: 403');
  });
});

describe("a certificate of the org's own CA without exactly one node OU deserialises, then fails the MSP's validation", () => {
  const denied = `error validating proposal: access denied: channel [${ALLIANCE}] creator org [ManufacturerMSP]`;

  test.each([
    ['no node OU', []],
    ['two node OUs', ['client', 'peer']],
  ])('%s', async (name, ous) => {
    const identity = await issueIdentity(network(), 'Manufacturer', {
      commonName: `${name.replace(/ /g, '-')}@manufacturer`,
      ous,
      notAfter: new Date(Date.now() + 60 * MINUTE),
    });
    const refused = await refusal(contractFor(identity).evaluate('get', { arguments: ['ou'], ...LOCAL }));
    expect(refused).toEqual({
      code: grpc.status.FAILED_PRECONDITION,
      message: `evaluate call to endorser returned error: ${denied}`,
      details: [['ManufacturerMSP', denied]],
    });
  });
});

test("the peer's own identity reads the channel but may not propose to its chaincodes: the Writers ImplicitMeta policy says why", async () => {
  const peerIdentity = network().peerIdentity('Manufacturer');
  const denied =
    `Failed evaluating policy on signed data during check policy on channel [${ALLIANCE}] with policy [/Channel/Application/Writers]: ` +
    "[implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied]";
  const refused = await refusal(contractFor(peerIdentity).evaluate('get', { arguments: ['writers'], ...LOCAL }));
  expect(refused).toEqual({
    code: grpc.status.FAILED_PRECONDITION,
    message: `evaluate call to endorser returned error: ${denied}`,
    details: [['ManufacturerMSP', denied]],
  });
  // A reader still reads the ledger through qscc, whose ACL is the channel's Readers.
  const qscc = network().connectAs('Manufacturer', peerIdentity).gateway.getNetwork(ALLIANCE).getContract('qscc');
  const info = common.BlockchainInfo.deserializeBinary(await qscc.evaluateTransaction('GetChainInfo', ALLIANCE));
  expect(info.getHeight()).toBeGreaterThan(0);
  expect(await valueOf(network().connect('Manufacturer').gateway.getNetwork(ALLIANCE).getContract(CHAINCODE), 'writers')).toEqual({ key: 'writers', value: null });
});
