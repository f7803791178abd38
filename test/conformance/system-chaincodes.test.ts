// The system chaincodes applications and operators call through the Gateway's evaluate: qscc (blocks and
// transactions), cscc (channels and their config) and _lifecycle's queries, with Fabric's default ACLs, answers
// and refusals. A chaincode that calls qscc is refused, as Fabric refuses it.
import { common, peer } from '@hyperledger/fabric-protos';
import { GatewayError, StatusCode, type Contract } from '@hyperledger/fabric-gateway';
import { json } from '../support/bytes';
import { useTestNetwork } from '../support/suite';
import { rejectionOf, submitAndWait } from '../support/transactions';
import { ALLIANCE, CALLEE, CHAINCODE, contractsOf, PUBLIC, type Contracts } from './conformance';

jest.setTimeout(120_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });
const lifecycle = peer.lifecycle;

let manufacturer: Contracts;
let qscc: Contract;
let cscc: Contract;
let lifecycleScc: Contract;

beforeAll(() => {
  manufacturer = contractsOf(network().connect('Manufacturer'));
  qscc = manufacturer.network.getContract('qscc');
  cscc = manufacturer.network.getContract('cscc');
  lifecycleScc = manufacturer.network.getContract('_lifecycle');
});

/** What an evaluate refused by the chaincode (status 500) says, as the gateway reports it. */
async function refusal(call: Promise<unknown>): Promise<string> {
  const error = await rejectionOf(call);
  expect(error).toBeInstanceOf(GatewayError);
  return (error as GatewayError).details.map((d) => d.message).join('\n') || (error as GatewayError).message;
}

async function chainInfo(): Promise<common.BlockchainInfo> {
  return common.BlockchainInfo.deserializeBinary(await qscc.evaluateTransaction('GetChainInfo', ALLIANCE));
}

function txIdsOf(block: common.Block): string[] {
  return block
    .getData()!
    .getDataList_asU8()
    .map((bytes) => {
      const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(bytes).getPayload_asU8());
      return common.ChannelHeader.deserializeBinary(payload.getHeader()!.getChannelHeader_asU8()).getTxId();
    });
}

describe('qscc', () => {
  test('GetChainInfo, GetBlockByNumber and GetBlockByHash agree on the newest block', async () => {
    const committed = await submitAndWait(manufacturer.data, 'put', { arguments: ['qscc-chain', 'v1'] });
    expect(committed.status.code).toBe(StatusCode.VALID);
    const info = await chainInfo();
    expect(info.getHeight()).toBe(Number(committed.status.blockNumber) + 1);

    const newest = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByNumber', ALLIANCE, String(info.getHeight() - 1)));
    expect(newest.getHeader()!.getNumber()).toBe(info.getHeight() - 1);
    expect(Buffer.from(newest.getHeader()!.getPreviousHash_asU8())).toEqual(Buffer.from(info.getPreviousblockhash_asU8()));
    expect(txIdsOf(newest)).toEqual([committed.txId]);

    const byHash = await qscc.evaluateTransaction('GetBlockByHash', ALLIANCE, info.getCurrentblockhash_asU8());
    expect(Buffer.from(byHash)).toEqual(Buffer.from(newest.serializeBinary()));
    const previous = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByHash', ALLIANCE, info.getPreviousblockhash_asU8()));
    expect(previous.getHeader()!.getNumber()).toBe(info.getHeight() - 2);
  });

  test('GetTransactionByID and GetBlockByTxID: the envelope, its validation code, and the block holding it', async () => {
    const valid = await submitAndWait(manufacturer.data, 'put', { arguments: ['qscc-tx', 'v1'] });
    const invalid = await submitAndWait(manufacturer.data, 'put', { arguments: ['qscc-tx', 'v2'], endorsingOrganizations: ['ManufacturerMSP'] });
    expect(invalid.status.code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);

    for (const { txId, status } of [valid, invalid]) {
      const processed = peer.ProcessedTransaction.deserializeBinary(await qscc.evaluateTransaction('GetTransactionByID', ALLIANCE, txId));
      expect(processed.getValidationcode()).toBe(status.code);
      const payload = common.Payload.deserializeBinary(processed.getTransactionenvelope()!.getPayload_asU8());
      expect(common.ChannelHeader.deserializeBinary(payload.getHeader()!.getChannelHeader_asU8()).getTxId()).toBe(txId);

      const block = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByTxID', ALLIANCE, txId));
      expect(block.getHeader()!.getNumber()).toBe(Number(status.blockNumber));
      expect(txIdsOf(block)).toContain(txId);
    }
  });

  test('the genesis block is block 0 and holds the channel config', async () => {
    const genesis = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByNumber', PUBLIC, '0'));
    expect(genesis.getHeader()!.getNumber()).toBe(0);
    const envelope = common.Envelope.deserializeBinary(genesis.getData()!.getDataList_asU8()[0]);
    const header = common.ChannelHeader.deserializeBinary(common.Payload.deserializeBinary(envelope.getPayload_asU8()).getHeader()!.getChannelHeader_asU8());
    expect([header.getType(), header.getChannelId()]).toEqual([common.HeaderType.CONFIG, PUBLIC]);
  });

  test("what is not in the ledger: Fabric's block store messages", async () => {
    expect(await refusal(qscc.evaluateTransaction('GetBlockByNumber', ALLIANCE, '999999'))).toBe(
      'chaincode response 500, Failed to get block number 999999, error no such block number [999999] in index',
    );
    expect(await refusal(qscc.evaluateTransaction('GetTransactionByID', ALLIANCE, 'no-such-tx'))).toBe(
      'chaincode response 500, Failed to get transaction with id no-such-tx, error no such transaction ID [no-such-tx] in index',
    );
    expect(await refusal(qscc.evaluateTransaction('GetBlockByTxID', ALLIANCE, 'no-such-tx'))).toBe(
      'chaincode response 500, Failed to get block for txID no-such-tx, error no such transaction ID [no-such-tx] in index',
    );
    expect(await refusal(qscc.evaluateTransaction('GetBlockByHash', ALLIANCE, 'nohash'))).toBe(
      'chaincode response 500, Failed to get block hash nohash, error no such block hash [6e6f68617368] in index',
    );
    expect(await refusal(qscc.evaluateTransaction('GetChainInfo', 'nochannel'))).toBe('chaincode response 500, Invalid chain ID, nochannel');
    expect(await refusal(qscc.evaluateTransaction('GetBlockByNumber', ALLIANCE))).toBe('chaincode response 500, missing 3rd argument for GetBlockByNumber');
    expect(await refusal(qscc.evaluateTransaction('GetNothing', ALLIANCE, 'x'))).toBe('chaincode response 500, access denied for [GetNothing][alliance]: [Unmapped policy for qscc/GetNothing]');
  });

  test('a chaincode calling qscc is refused: the potential for deadlocks', async () => {
    const answer = json(await manufacturer.tx.evaluateTransaction('invoke', 'qscc', '', JSON.stringify(['GetChainInfo', ALLIANCE])));
    expect(answer).toEqual({
      status: 500,
      message: `Rejecting invoke of QSCC from another chaincode because of potential for deadlocks, original invocation for '${CHAINCODE}'`,
      payload: '',
    });
  });
});

describe('cscc', () => {
  test('GetChannels: the channels the peer has joined', async () => {
    const channels = peer.ChannelQueryResponse.deserializeBinary(await cscc.evaluateTransaction('GetChannels'));
    expect(channels.getChannelsList().map((c) => c.getChannelId()).sort()).toEqual([ALLIANCE, PUBLIC]);
  });

  test("GetChannels is for members of the peer's own org: another org's user is refused by the local MSP", async () => {
    const stranger = network().connectAs('Manufacturer', network().identity('Platform')).gateway.getNetwork(ALLIANCE).getContract('cscc');
    expect(await refusal(stranger.evaluateTransaction('GetChannels'))).toBe(
      'chaincode response 500, access denied for [GetChannels]: Failed deserializing proposal creator during channelless check policy with policy [Members]: [expected MSP ID ManufacturerMSP, received PlatformMSP]',
    );
  });

  test("GetChannelConfig: the channel's config, its orgs and batch settings", async () => {
    const config = common.Config.deserializeBinary(await cscc.evaluateTransaction('GetChannelConfig', ALLIANCE));
    const root = config.getChannelGroup()!;
    expect([...root.getGroupsMap().keys()].sort()).toEqual(['Application', 'Orderer']);
    const application = root.getGroupsMap().get('Application')!;
    expect([...application.getGroupsMap().keys()].sort()).toEqual(['Customs', 'Logistics', 'Manufacturer', 'Platform', 'Regulator']);
    expect([...application.getPoliciesMap().keys()].sort()).toEqual(expect.arrayContaining(['Admins', 'Endorsement', 'LifecycleEndorsement', 'Readers', 'Writers']));
    expect(await refusal(cscc.evaluateTransaction('GetChannelConfig', 'nochannel'))).toBe(
      'chaincode response 500, access denied for [GetChannelConfig][nochannel]: Failed to get policy manager for channel [nochannel]',
    );
  });
});

describe('_lifecycle', () => {
  const definitionArgs = (name: string) => {
    const args = new lifecycle.QueryChaincodeDefinitionArgs();
    args.setName(name);
    return args.serializeBinary();
  };

  test('QueryChaincodeDefinitions and QueryChaincodeDefinition: what is committed, and who approved it', async () => {
    const all = lifecycle.QueryChaincodeDefinitionsResult.deserializeBinary(
      await lifecycleScc.evaluateTransaction('QueryChaincodeDefinitions', new lifecycle.QueryChaincodeDefinitionsArgs().serializeBinary()),
    );
    const byName = new Map(all.getChaincodeDefinitionsList().map((d) => [d.getName(), d]));
    expect([...byName.keys()].sort()).toEqual([CHAINCODE, CALLEE, 'trace'].sort());
    const listed = byName.get(CHAINCODE)!;
    expect([listed.getSequence(), listed.getEndorsementPlugin(), listed.getValidationPlugin(), listed.getInitRequired()]).toEqual([1, 'escc', 'vscc', false]);
    const policy = peer.ApplicationPolicy.deserializeBinary(listed.getValidationParameter_asU8());
    expect(policy.getSignaturePolicy()!.getIdentitiesList()).toHaveLength(5);

    const one = lifecycle.QueryChaincodeDefinitionResult.deserializeBinary(await lifecycleScc.evaluateTransaction('QueryChaincodeDefinition', definitionArgs(CHAINCODE)));
    expect([one.getSequence(), one.getVersion()]).toEqual([listed.getSequence(), listed.getVersion()]);
    expect(Buffer.from(one.getValidationParameter_asU8())).toEqual(Buffer.from(listed.getValidationParameter_asU8()));
    expect(Object.fromEntries(one.getApprovalsMap().toArray())).toEqual({
      CustomsMSP: true,
      LogisticsMSP: true,
      ManufacturerMSP: true,
      PlatformMSP: true,
      RegulatorMSP: true,
    });
    const collections = one.getCollections()!.getConfigList().map((c) => c.getStaticCollectionConfig()!);
    expect(collections.map((c) => [c.getName(), c.getRequiredPeerCount(), c.getMaximumPeerCount(), c.getBlockToLive(), c.getMemberOnlyRead()])).toEqual([
      ['manufacturerPrivate', 0, 1, 0, true],
      ['sharedOpen', 0, 1, 0, false],
      ['shortLived', 0, 1, 3, true],
      ['manufacturerWitnessed', 1, 1, 0, true],
      ['manufacturerAlone', 1, 1, 0, true],
    ]);
    expect(Buffer.from(one.getCollections()!.serializeBinary())).toEqual(Buffer.from(listed.getCollections()!.serializeBinary()));

    expect(await refusal(lifecycleScc.evaluateTransaction('QueryChaincodeDefinition', definitionArgs('nothing')))).toBe(
      'chaincode response 404, namespace nothing is not defined',
    );
  });

  test("QueryInstalledChaincodes and QueryApprovedChaincodeDefinition: the org admin's, refused to its clients", async () => {
    const admin = network().connect('Manufacturer', 'Admin').gateway.getNetwork(ALLIANCE).getContract('_lifecycle');
    const installed = lifecycle.QueryInstalledChaincodesResult.deserializeBinary(
      await admin.evaluateTransaction('QueryInstalledChaincodes', new lifecycle.QueryInstalledChaincodesArgs().serializeBinary()),
    );
    const labels = installed.getInstalledChaincodesList().map((c) => c.getLabel());
    expect(labels.sort()).toEqual(['conformance_1', 'conformance_callee_1', 'public_1', 'trace_1']);
    const conformance = installed.getInstalledChaincodesList().find((c) => c.getLabel() === 'conformance_1')!;
    expect(conformance.getPackageId()).toMatch(/^conformance_1:[0-9a-f]{64}$/);
    const references = conformance.getReferencesMap();
    expect([...references.keys()].sort()).toEqual([ALLIANCE, PUBLIC]);
    expect(references.get(ALLIANCE)!.getChaincodesList().map((c) => c.getName())).toEqual([CHAINCODE]);

    const approvedArgs = new lifecycle.QueryApprovedChaincodeDefinitionArgs();
    approvedArgs.setName(CHAINCODE);
    const approved = lifecycle.QueryApprovedChaincodeDefinitionResult.deserializeBinary(await admin.evaluateTransaction('QueryApprovedChaincodeDefinition', approvedArgs.serializeBinary()));
    expect([approved.getSequence(), approved.getEndorsementPlugin(), approved.getValidationPlugin()]).toEqual([1, 'escc', 'vscc']);
    expect(approved.getSource()!.getLocalPackage()!.getPackageId()).toBe(conformance.getPackageId());

    const denied =
      "chaincode response 500, Failed to authorize invocation due to failed ACL check: Failed verifying that proposal's creator satisfies local MSP principal during channelless check policy with policy [Admins]: [The identity is not an admin under this MSP [ManufacturerMSP]: The identity does not contain OU [ADMIN], MSP: [ManufacturerMSP]]";
    expect(await refusal(lifecycleScc.evaluateTransaction('QueryInstalledChaincodes', new lifecycle.QueryInstalledChaincodesArgs().serializeBinary()))).toBe(denied);

    const oneArgs = new lifecycle.QueryInstalledChaincodeArgs();
    oneArgs.setPackageId(conformance.getPackageId());
    const one = lifecycle.QueryInstalledChaincodeResult.deserializeBinary(await admin.evaluateTransaction('QueryInstalledChaincode', oneArgs.serializeBinary()));
    expect([one.getLabel(), [...one.getReferencesMap().keys()].sort()]).toEqual(['conformance_1', [ALLIANCE, PUBLIC]]);
    oneArgs.setPackageId('nothing_1:00');
    expect(await refusal(admin.evaluateTransaction('QueryInstalledChaincode', oneArgs.serializeBinary()))).toBe(
      "chaincode response 500, failed to invoke backing implementation of 'QueryInstalledChaincode': could not find chaincode with package id 'nothing_1:00'",
    );

    const allApproved = lifecycle.QueryApprovedChaincodeDefinitionsResult.deserializeBinary(
      await admin.evaluateTransaction('QueryApprovedChaincodeDefinitions', new lifecycle.QueryApprovedChaincodeDefinitionsArgs().serializeBinary()),
    );
    expect(allApproved.getApprovedChaincodeDefinitionsList().map((d) => [d.getName(), d.getSequence()]).sort()).toEqual(
      [[CALLEE, 1], [CHAINCODE, 1], ['trace', 1]].sort(),
    );
  });

  test('CheckCommitReadiness: only the next sequence, which no org has approved yet', async () => {
    const readiness = (sequence: number) => {
      const args = new lifecycle.CheckCommitReadinessArgs();
      args.setName(CHAINCODE);
      args.setSequence(sequence);
      args.setVersion('2.0');
      return args.serializeBinary();
    };
    expect(await refusal(lifecycleScc.evaluateTransaction('CheckCommitReadiness', readiness(1)))).toBe(
      "chaincode response 500, failed to invoke backing implementation of 'CheckCommitReadiness': requested sequence is 1, but new definition must be sequence 2",
    );
    const next = lifecycle.CheckCommitReadinessResult.deserializeBinary(await lifecycleScc.evaluateTransaction('CheckCommitReadiness', readiness(2)));
    const orgs = ['CustomsMSP', 'LogisticsMSP', 'ManufacturerMSP', 'PlatformMSP', 'RegulatorMSP'];
    expect(Object.fromEntries(next.getApprovalsMap().toArray())).toEqual(Object.fromEntries(orgs.map((org) => [org, false])));
    expect(Object.fromEntries(next.getMismatchesMap().toArray().map(([org]) => [org, next.getMismatchesMap().get(org)?.getItemsList()]))).toEqual(
      Object.fromEntries(orgs.map((org) => [org, ['ChaincodeParameters']])),
    );
  });
});
