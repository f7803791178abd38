import { peer } from '@hyperledger/fabric-protos';
import type { ChaincodeSupport } from '../chaincode/api';
import type { PeerLedger } from '../ledger/api';
import type { ChaincodeRegistry } from '../lifecycle/api';
import type { Identity, IdentityDeserializer, Signer } from '../msp/api';
import { policyDenial, type ChannelPolicyManager } from '../policies/api';
import { SYSTEM_CHAINCODE_VERSION, type SystemChaincodeCall } from '../scc/api';
import { ProposalValidationError, type Endorser } from './api';
import { checkAuthFilters } from './auth-filters';
import { disseminationRefusal } from './dissemination';
import { buildChaincodeInterest } from './interest';
import { unpackProposal, type UnpackedProposal } from './unpack';
import { validateProposal } from './validate';

/** Chaincode response status from which a response is an error (shim.ERRORTHRESHOLD) and a failure (shim.ERROR). */
const ERROR_THRESHOLD = 400;
const ERROR = 500;

/** The channel resources a peer needs to endorse on it. */
export interface EndorserChannel {
  readonly ledger: PeerLedger;
  readonly deserializer: IdentityDeserializer;
  readonly policies: ChannelPolicyManager;
}

export interface EndorserOptions {
  readonly mspId: string;
  /** The peer's own identity: it signs endorsements. */
  readonly signer: Signer;
  readonly channel: (name: string) => EndorserChannel | undefined;
  readonly registry: ChaincodeRegistry;
  readonly chaincodeSupport: ChaincodeSupport;
  /** The names of the system chaincodes chaincode support runs: they need no definition and apply their own ACLs. */
  readonly isSystemChaincode?: (name: string) => boolean;
  /** The peer's local MSP: proposals without a channel are validated against it. */
  readonly localMsp?: IdentityDeserializer;
  /** Runs a system chaincode for a proposal without a channel (no ledger, no simulator). */
  readonly invokeChannelless?: (name: string, call: SystemChaincodeCall) => Promise<peer.Response>;
  /** The channel's other peers as gossip knows them: private data is disseminated to them. */
  readonly otherPeers?: (channel: string) => readonly Identity[];
  /** peer.authentication.timewindow: how far a proposal's timestamp may be from the peer's clock (15 min). */
  readonly timeWindowMs?: number;
}

export class PeerEndorser implements Endorser {
  readonly mspId: string;
  readonly #options: EndorserOptions;
  readonly #endorserBytes: Uint8Array;

  constructor(options: EndorserOptions) {
    this.mspId = options.mspId;
    this.#options = options;
    this.#endorserBytes = options.signer.serialize();
  }

  async processProposal(signedProposal: peer.SignedProposal): Promise<peer.ProposalResponse> {
    checkAuthFilters(signedProposal, this.#options.timeWindowMs);
    const unpacked = unpack(signedProposal);
    if (unpacked.channelHeader.getChannelId() === '') return this.#processChannelless(unpacked);
    const { up, channel, creator } = this.#preProcess(unpacked);
    const channelId = up.channelHeader.getChannelId();
    const txId = up.channelHeader.getTxId();
    // Fabric's ChaincodeEndorsementInfo: a system chaincode has no definition, only the version "syscc".
    const definition = this.#isSystemChaincode(up.chaincodeName)
      ? { version: SYSTEM_CHAINCODE_VERSION }
      : this.#options.registry.get(channelId, up.chaincodeName);
    if (!definition) {
      return failure(
        `make sure the chaincode ${up.chaincodeName} has been successfully defined on channel ${channelId} and try again: chaincode ${up.chaincodeName} not found`,
      );
    }

    const simulator = await channel.ledger.newTxSimulator(txId, this.mspId);
    let response: peer.Response;
    let event: peer.ChaincodeEvent | undefined;
    let results;
    let writesetMetadata;
    try {
      ({ response, event } = await this.#options.chaincodeSupport.execute({
        channel: channelId,
        chaincodeName: up.chaincodeName,
        txId,
        signedProposal,
        proposal: up.proposal,
        input: up.input,
        transientMap: up.transientMap,
        creator,
        peerMspId: this.mspId,
        simulator,
      }));
      writesetMetadata = await simulator.getWritesetMetadata?.();
      results = simulator.getResults();
    } catch (err) {
      return failure(`error in simulation: ${(err as Error).message}`);
    }
    if (results.privateRwset && response.getStatus() < ERROR_THRESHOLD) {
      // Fabric distributes private data before it endorses, and fails the proposal when it cannot.
      const refusal = disseminationRefusal(this.#options.registry, channelId, results.privateRwset, this.#options.otherPeers?.(channelId) ?? []);
      if (refusal !== undefined) {
        return failure(`error in simulation: failed to distribute private collection, txID ${txId}, channel ${channelId}: ${refusal}`);
      }
      channel.ledger.persistTransientData(txId, results.privateRwset);
    }
    let interest: peer.ChaincodeInterest;
    try {
      interest = buildChaincodeInterest({ ...results, writesetMetadata });
    } catch (err) {
      return failure(`error in simulation: ${(err as Error).message}`);
    }

    // An error response carries no event (Fabric's callChaincode drops it from status 400 on).
    // Chaincode support has already stamped the event with the chaincode name and tx id.
    if (response.getStatus() >= ERROR_THRESHOLD) event = undefined;
    const action = new peer.ChaincodeAction();
    action.setResults(results.publicRwset.serializeBinary());
    if (event) action.setEvents(event.serializeBinary());
    action.setResponse(response);
    const chaincodeId = new peer.ChaincodeID();
    chaincodeId.setName(up.chaincodeName);
    chaincodeId.setVersion(definition.version);
    action.setChaincodeId(chaincodeId);
    const payload = new peer.ProposalResponsePayload();
    payload.setProposalHash(up.proposalHash);
    payload.setExtension$(action.serializeBinary());
    const payloadBytes = payload.serializeBinary();

    const proposalResponse = new peer.ProposalResponse();
    proposalResponse.setResponse(response);
    if (response.getStatus() >= ERROR) {
      proposalResponse.setPayload(payloadBytes);
      proposalResponse.setInterest(interest);
      return proposalResponse;
    }
    if (response.getStatus() >= ERROR_THRESHOLD) return proposalResponse;

    const endorsement = new peer.Endorsement();
    endorsement.setEndorser(this.#endorserBytes);
    endorsement.setSignature(this.#options.signer.sign(Buffer.concat([payloadBytes, this.#endorserBytes])));
    proposalResponse.setVersion(1);
    proposalResponse.setPayload(payloadBytes);
    proposalResponse.setEndorsement(endorsement);
    proposalResponse.setInterest(interest);
    return proposalResponse;
  }

  #isSystemChaincode(name: string): boolean {
    return this.#options.isSystemChaincode?.(name) ?? false;
  }

  /**
   * A proposal without a channel (`peer channel list`): Fabric validates it against the peer's local MSP, skips the
   * duplicate and ACL checks, runs it on a system chaincode without a simulator and answers unendorsed.
   */
  async #processChannelless(up: UnpackedProposal): Promise<peer.ProposalResponse> {
    const localMsp = this.#options.localMsp;
    if (!localMsp || !this.#options.invokeChannelless) throw new ProposalValidationError(`channel '' not found`);
    let creator;
    try {
      creator = validateProposal(up, localMsp);
    } catch (err) {
      throw new ProposalValidationError(`error validating proposal: ${(err as Error).message}`);
    }
    if (!this.#isSystemChaincode(up.chaincodeName)) {
      return failure(
        `make sure the chaincode ${up.chaincodeName} has been successfully defined on channel  and try again: could not get channel config for channel ''`,
      );
    }
    const response = await this.#options.invokeChannelless(up.chaincodeName, {
      channel: '',
      args: up.input.getArgsList_asU8(),
      signedProposal: up.signedProposal,
      creator,
      peerMspId: this.mspId,
    });
    const proposalResponse = new peer.ProposalResponse();
    proposalResponse.setResponse(response);
    // An error carries the payload Fabric builds for it, which has nothing to say without a channel.
    return proposalResponse;
  }

  /** Fabric's preProcess: validation, duplicate tx id, channel Writers ACL (resource peer/Propose). */
  #preProcess(up: UnpackedProposal) {
    const channelId = up.channelHeader.getChannelId();
    const channel = this.#options.channel(channelId);
    if (!channel) throw new ProposalValidationError(`channel '${channelId}' not found`);
    let creator;
    try {
      creator = validateProposal(up, channel.deserializer);
    } catch (err) {
      throw new ProposalValidationError(`error validating proposal: ${(err as Error).message}`);
    }
    const txId = up.channelHeader.getTxId();
    if (channel.ledger.getTxStatus(txId)) {
      const creatorHex = Buffer.from(up.signatureHeader.getCreator_asU8()).toString('hex');
      throw new ProposalValidationError(`duplicate transaction found [${txId}]. Creator [${creatorHex}]`);
    }
    // As Fabric: the channel Writers ACL is for application chaincodes; system chaincodes check their own.
    const writers = channel.policies.get('/Channel/Application/Writers');
    const denial = this.#isSystemChaincode(up.chaincodeName) ? undefined : writers ? policyDenial(writers, [creator]) : 'policy not found';
    if (denial !== undefined) {
      // Fabric's default ACL provider (the channel config sets no ACLs) for resource peer/Propose.
      throw new ProposalValidationError(
        `Failed evaluating policy on signed data during check policy on channel [${channelId}] with policy [/Channel/Application/Writers]: [${denial}]`,
      );
    }
    return { up, channel, creator };
  }
}

function unpack(signedProposal: peer.SignedProposal): UnpackedProposal {
  try {
    return unpackProposal(signedProposal);
  } catch (err) {
    throw new ProposalValidationError((err as Error).message);
  }
}

function failure(message: string): peer.ProposalResponse {
  const response = new peer.Response();
  response.setStatus(ERROR);
  response.setMessage(message);
  const proposalResponse = new peer.ProposalResponse();
  proposalResponse.setResponse(response);
  return proposalResponse;
}
