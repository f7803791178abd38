// An identity every peer deserialises on the channel but that belongs to no application org: the orderer org's
// admin. Each of the channel's default ACLs refuses it in Fabric's words, the ImplicitMeta policy saying how many
// of its sub-policies were satisfied: qscc (Readers), a chaincode proposal (Writers) and the commit status (Readers).
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import { gateway, msp } from '@hyperledger/fabric-protos';
import { loadNetworkDescription } from '@crossborder-trace/network';
import { ordererOrgCrypto } from '@crossborder-trace/network/dist/crypto';
import { identityFromFiles, type GatewayConnection } from '../support/gateway';
import { useTestNetwork } from '../support/suite';
import { TEST_DESCRIPTION } from '../support/test-description';
import { rejectionOf, submitAndWait } from '../support/transactions';
import { ALLIANCE, CHAINCODE, contractsOf } from './conformance';

jest.setTimeout(120_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

let ordererAdmin: GatewayConnection;

beforeAll(() => {
  const { ordererOrg } = loadNetworkDescription(TEST_DESCRIPTION);
  const admin = ordererOrgCrypto(path.join(network().dataDir, 'organizations'), ordererOrg).admin;
  ordererAdmin = network().connectAs('Manufacturer', identityFromFiles(ordererOrg.mspId, admin));
});

function denied(policy: 'Readers' | 'Writers'): string {
  return (
    `Failed evaluating policy on signed data during check policy on channel [${ALLIANCE}] with policy [/Channel/Application/${policy}]: ` +
    `[implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the '${policy}' sub-policies to be satisfied]`
  );
}

async function gatewayError(call: Promise<unknown>): Promise<GatewayError> {
  const error = await rejectionOf(call);
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

test('qscc: access denied by the channel Readers policy', async () => {
  const qscc = ordererAdmin.gateway.getNetwork(ALLIANCE).getContract('qscc');
  const error = await gatewayError(qscc.evaluateTransaction('GetChainInfo', ALLIANCE));
  expect(error.details.map((d) => [d.mspId, d.message])).toEqual([
    ['ManufacturerMSP', `chaincode response 500, access denied for [GetChainInfo][${ALLIANCE}]: [${denied('Readers')}]`],
  ]);
});

test('a chaincode proposal: refused by the channel Writers policy before it runs', async () => {
  const contract = ordererAdmin.gateway.getNetwork(ALLIANCE).getContract(CHAINCODE);
  const error = await gatewayError(contract.evaluate('get', { arguments: ['acl'], endorsingOrganizations: ['ManufacturerMSP'] }));
  expect(error.code).toBe(grpc.status.FAILED_PRECONDITION);
  expect(error.details.map((d) => [d.mspId, d.message])).toEqual([['ManufacturerMSP', denied('Writers')]]);
});

test("the commit status of another user's transaction: PERMISSION_DENIED by the channel Readers policy", async () => {
  const committed = await submitAndWait(contractsOf(network().connect('Manufacturer')).data, 'put', { arguments: ['acl', 'v1'] });
  expect(committed.status.code).toBe(StatusCode.VALID);
  // The same request, asked and signed by the orderer org's admin.
  const signed = gateway.SignedCommitStatusRequest.deserializeBinary(committed.commitRequest);
  const request = gateway.CommitStatusRequest.deserializeBinary(signed.getRequest_asU8());
  request.setIdentity(ordererAdminIdentity());
  const unsigned = new gateway.SignedCommitStatusRequest();
  unsigned.setRequest(request.serializeBinary());
  const error = await gatewayError(ordererAdmin.gateway.newCommit(unsigned.serializeBinary()).getStatus());
  expect(error.code).toBe(grpc.status.PERMISSION_DENIED);
  expect(error.message).toContain(denied('Readers'));
});

function ordererAdminIdentity(): Uint8Array {
  const { ordererOrg } = loadNetworkDescription(TEST_DESCRIPTION);
  const admin = identityFromFiles(ordererOrg.mspId, ordererOrgCrypto(path.join(network().dataDir, 'organizations'), ordererOrg).admin);
  const serialized = new msp.SerializedIdentity();
  serialized.setMspid(admin.mspId);
  serialized.setIdBytes(Buffer.from(admin.certificatePem));
  return serialized.serializeBinary();
}
