/**
 * Test doubles for the gateway's unit tests: scripted endorsers per org, a chaincode registry with
 * collections, an ordering service, and signed proposals as fabric-gateway builds them.
 */
import { createHash, randomBytes } from 'node:crypto';
import type * as grpc from '@grpc/grpc-js';
import { common, msp, orderer, peer } from '@hyperledger/fabric-protos';
import { ProposalValidationError, type Endorser } from '../endorser/api';
import type { TxValidationCode } from '../ledger/api';
import type { Identity } from '../msp/api';
import type { ChaincodeDefinition, ChaincodeRegistry, CollectionDefinition } from '../lifecycle/api';
import type { OrderingService } from '../orderer/api';
import type { Policy } from '../policies/api';
import { fakeDeserializer, FakeLedger, outOf, policyManager, testSigner, type TestSigner } from '../deliver/test-fakes';
import type { GatewayDeps } from './deps';
import { GatewayRpcError } from './rpc-error';

export const CHANNEL = 'alliance';
export const CHAINCODE = 'cc';
export const ORGS = ['ManufacturerMSP', 'PlatformMSP', 'LogisticsMSP', 'CustomsMSP', 'RegulatorMSP'] as const;
export const LOCAL = 'ManufacturerMSP';

/** How a fake endorser answers: success by default, else a chaincode status, a peer-side 500, or a refusal. */
export interface EndorserScript {
  readonly status?: number;
  readonly message?: string;
  /** A 500 the peer produced itself (no payload), as for an unknown chaincode. */
  readonly peerFailure?: boolean;
  /** Rejects with ProposalValidationError(reject). */
  readonly reject?: string;
  /** The simulated read-write set; peers that disagree return different ones. */
  readonly rwset?: string;
  readonly result?: string;
  /** Collections the chaincode wrote (and no public state), reported in the chaincode interest. */
  readonly wroteCollections?: readonly string[];
  /** Collections whose private values the chaincode read, reported in the chaincode interest. */
  readonly readCollections?: readonly string[];
}

export class FakeEndorser implements Endorser {
  readonly proposals: peer.SignedProposal[] = [];

  constructor(
    readonly mspId: string,
    public script: EndorserScript = {},
  ) {}

  async processProposal(signedProposal: peer.SignedProposal): Promise<peer.ProposalResponse> {
    this.proposals.push(signedProposal);
    const script = this.script;
    if (script.reject) throw new ProposalValidationError(script.reject);
    const status = script.status ?? 200;
    const response = new peer.Response();
    response.setStatus(status);
    response.setMessage(script.message ?? '');
    response.setPayload(Buffer.from('not the result'));
    const proposalResponse = new peer.ProposalResponse();
    proposalResponse.setResponse(response);
    if (script.peerFailure) return proposalResponse;

    const chaincodeResponse = new peer.Response();
    chaincodeResponse.setStatus(status);
    chaincodeResponse.setMessage(script.message ?? '');
    chaincodeResponse.setPayload(Buffer.from(script.result ?? 'result'));
    const action = new peer.ChaincodeAction();
    action.setResults(Buffer.from(script.rwset ?? 'rwset'));
    action.setResponse(chaincodeResponse);
    const payload = new peer.ProposalResponsePayload();
    payload.setProposalHash(createHash('sha256').update(signedProposal.getProposalBytes_asU8()).digest());
    payload.setExtension$(action.serializeBinary());
    proposalResponse.setPayload(payload.serializeBinary());
    proposalResponse.setInterest(interest(script.wroteCollections ?? [], script.readCollections ?? []));
    if (status >= 400) return proposalResponse;
    const endorsement = new peer.Endorsement();
    endorsement.setEndorser(Buffer.from(this.mspId));
    endorsement.setSignature(Buffer.from(`signature of ${this.mspId}`));
    proposalResponse.setEndorsement(endorsement);
    return proposalResponse;
  }
}

/**
 * The interest a Fabric peer reports: scripted writes are private only, so the chaincode's own policy is asked
 * for (a call without collections) only where nothing was written; one call per collection written or read.
 */
function interest(wrote: readonly string[], read: readonly string[]): peer.ChaincodeInterest {
  const result = new peer.ChaincodeInterest();
  const call = (collections: string[], noPrivateReads = false) => {
    const c = new peer.ChaincodeCall();
    c.setName(CHAINCODE);
    c.setCollectionNamesList(collections);
    c.setNoPrivateReads(noPrivateReads);
    result.addChaincodes(c);
  };
  if (wrote.length === 0) call([]);
  for (const name of new Set([...wrote, ...read])) call([name], !read.includes(name));
  return result;
}

/** A peer's identity that satisfies role principals of its own MSP (any role), as key-level policies name them. */
function peerIdentityOf(mspId: string): Identity {
  return {
    ...testSigner(mspId, `peer0.${mspId}`).identity,
    satisfiesPrincipal: (principal) =>
      principal.getPrincipalClassification() === msp.MSPPrincipal.Classification.ROLE &&
      msp.MSPRole.deserializeBinary(principal.getPrincipal_asU8()).getMspIdentifier() === mspId,
  };
}

function collection(name: string, members: readonly string[], endorsementPolicy?: Policy): CollectionDefinition {
  return {
    name,
    memberMspIds: members,
    memberPolicy: outOf(1, members),
    requiredPeerCount: 0,
    maxPeerCount: 1,
    blockToLive: 0,
    memberOnlyRead: true,
    memberOnlyWrite: false,
    endorsementPolicy,
    proto: new peer.CollectionConfig(),
  };
}

/**
 * cc on alliance: any 2 of the 5 orgs. Collections: "shared" (Manufacturer + Platform, the chaincode's
 * policy), "customsApproved" (Manufacturer + Customs, Customs must endorse) and "customsOutside"
 * (Manufacturer + Platform, yet Customs must endorse).
 */
export const registry: ChaincodeRegistry = {
  get(channel, name) {
    if (channel !== CHANNEL || name !== CHAINCODE) return undefined;
    const collections = [
      collection('shared', ['ManufacturerMSP', 'PlatformMSP']),
      collection('customsApproved', ['ManufacturerMSP', 'CustomsMSP'], outOf(1, ['CustomsMSP'])),
      collection('customsOutside', ['ManufacturerMSP', 'PlatformMSP'], outOf(1, ['CustomsMSP'])),
    ];
    return {
      channel,
      name,
      version: '1.0',
      sequence: 1,
      packageId: 'cc:0000',
      endorsementPolicy: outOf(2, ORGS),
      endorsementPolicyProto: new peer.ApplicationPolicy(),
      collections: new Map(collections.map((c) => [c.name, c])),
    } satisfies ChaincodeDefinition;
  },
  list: () => [],
};

export const client = testSigner(LOCAL, 'User1@manufacturer');
export const outsider = testSigner('OutsiderMSP', 'User1@outsider');

export class FakeOrderer implements OrderingService {
  readonly received: common.Envelope[] = [];
  answer: { status: common.StatusMap[keyof common.StatusMap]; info: string } | Error = { status: common.Status.SUCCESS, info: '' };
  /** When set, each accepted envelope is committed there in a block of its own, with this code. */
  commitTo: { ledger: FakeLedger; code: TxValidationCode } | undefined;

  async broadcast(envelope: common.Envelope): Promise<orderer.BroadcastResponse> {
    this.received.push(envelope);
    if (this.answer instanceof Error) throw this.answer;
    const commitTo = this.commitTo;
    if (commitTo && this.answer.status === common.Status.SUCCESS) setImmediate(() => commitTo.ledger.commit([envelope], [commitTo.code]));
    const response = new orderer.BroadcastResponse();
    response.setStatus(this.answer.status);
    response.setInfo(this.answer.info);
    return response;
  }
}

export interface TestNetwork {
  readonly deps: GatewayDeps;
  readonly endorsers: ReadonlyMap<string, FakeEndorser>;
  readonly ledger: FakeLedger;
  readonly orderer: FakeOrderer;
}

/** The gateway of the Manufacturer's peer on a five-org channel; every org's peer at peer0.<org>:7051. */
export function testNetwork(): TestNetwork {
  const endorsers = new Map(ORGS.map((mspId) => [mspId as string, new FakeEndorser(mspId)]));
  const ledger = new FakeLedger(CHANNEL);
  const fakeOrderer = new FakeOrderer();
  const deps: GatewayDeps = {
    localMspId: LOCAL,
    endorsers: new Map(
      ORGS.map((mspId) => [mspId, { endorser: endorsers.get(mspId)!, address: `peer0.${mspId}:7051`, peerIdentity: peerIdentityOf(mspId) }]),
    ),
    channelMembers: (channel) => (channel === CHANNEL ? ORGS : []),
    orderer: { service: fakeOrderer, address: 'orderer.example.com:7050', mspId: 'OrdererMSP' },
    ledgerFor: (channel) => (channel === CHANNEL ? ledger : undefined),
    registry,
    policies: (channel) => (channel === CHANNEL ? policyManager({ '/Channel/Application/Readers': outOf(1, ORGS) }) : undefined),
    deserializer: fakeDeserializer([client.identity, outsider.identity]),
  };
  return { deps, endorsers, ledger, orderer: fakeOrderer };
}

export interface ProposalOptions {
  readonly channel?: string;
  readonly chaincode?: string;
  readonly transient?: Record<string, string>;
  readonly creator?: TestSigner;
}

/** A signed proposal with the layout fabric-gateway gives it. */
export function signedProposal(options: ProposalOptions = {}): peer.SignedProposal {
  const creator = options.creator ?? client;
  const nonce = randomBytes(24);
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
  channelHeader.setChannelId(options.channel ?? CHANNEL);
  channelHeader.setTxId(createHash('sha256').update(nonce).update(creator.identity.serialized).digest('hex'));
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(creator.identity.serialized);
  signatureHeader.setNonce(nonce);
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());

  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(options.chaincode ?? CHAINCODE);
  const input = new peer.ChaincodeInput();
  input.setArgsList([Buffer.from('put'), Buffer.from('key')]);
  const spec = new peer.ChaincodeSpec();
  spec.setChaincodeId(chaincodeId);
  spec.setInput(input);
  const invocation = new peer.ChaincodeInvocationSpec();
  invocation.setChaincodeSpec(spec);
  const payload = new peer.ChaincodeProposalPayload();
  payload.setInput(invocation.serializeBinary());
  for (const [key, value] of Object.entries(options.transient ?? {})) payload.getTransientmapMap().set(key, Buffer.from(value));

  const proposal = new peer.Proposal();
  proposal.setHeader(header.serializeBinary());
  proposal.setPayload(payload.serializeBinary());
  const signed = new peer.SignedProposal();
  signed.setProposalBytes(proposal.serializeBinary());
  signed.setSignature(creator.sign(signed.getProposalBytes_asU8()));
  return signed;
}

/** The orgs whose fake endorser received a proposal. */
export function calledEndorsers(net: TestNetwork): string[] {
  return [...net.endorsers].filter(([, e]) => e.proposals.length > 0).map(([mspId]) => mspId);
}

/** The GatewayRpcError a gateway call rejects with, as plain data (fails the test when it does not reject so). */
export async function failure(promise: Promise<unknown>): Promise<{ code: grpc.status; message: string; details: object[] }> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GatewayRpcError);
  const { code, message, details } = err as GatewayRpcError;
  return { code, message, details: details.map((d) => d.toObject()) };
}
