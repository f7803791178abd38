import { common, peer } from '@hyperledger/fabric-protos';

/** A proposal the gateway cannot take apart; the caller answers InvalidArgument. */
export class ProposalParseError extends Error {
  override readonly name = 'ProposalParseError';
}

/** The parts of a signed proposal the gateway routes by and builds the transaction from. */
export interface ProposedTransaction {
  readonly header: common.Header;
  readonly channelHeader: common.ChannelHeader;
  readonly payload: peer.ChaincodeProposalPayload;
  readonly chaincodeSpec: peer.ChaincodeSpec | undefined;
  readonly channel: string;
  /** From the invocation spec, as Fabric's gateway takes it (not from the header extension). */
  readonly chaincodeName: string;
  readonly hasTransientData: boolean;
}

export function parseProposedTransaction(signedProposal: peer.SignedProposal): ProposedTransaction {
  const proposal = decode('proposal', () => peer.Proposal.deserializeBinary(signedProposal.getProposalBytes_asU8()));
  const header = decode('header', () => common.Header.deserializeBinary(proposal.getHeader_asU8()));
  const channelHeader = decode('channel header', () => common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8()));
  const payload = decode('chaincode proposal payload', () => peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8()));
  const invocation = decode('chaincode invocation spec', () => peer.ChaincodeInvocationSpec.deserializeBinary(payload.getInput_asU8()));
  const chaincodeSpec = invocation.getChaincodeSpec();
  return {
    header,
    channelHeader,
    payload,
    chaincodeSpec,
    channel: channelHeader.getChannelId(),
    chaincodeName: chaincodeSpec?.getChaincodeId()?.getName() ?? '',
    hasTransientData: payload.getTransientmapMap().getLength() > 0,
  };
}

/** The further checks of Fabric's getChannelAndChaincodeFromSignedProposal, which only Evaluate makes. */
export function requireChannelAndChaincode(proposed: ProposedTransaction): void {
  const { channel, chaincodeSpec } = proposed;
  if (channel === '') throw new ProposalParseError('no channel id provided');
  if (!chaincodeSpec) throw new ProposalParseError(`no chaincode spec is provided, channel id [${channel}]`);
  if (!chaincodeSpec.getChaincodeId()) throw new ProposalParseError(`no chaincode id is provided, channel id [${channel}]`);
  if (proposed.chaincodeName === '') throw new ProposalParseError(`no chaincode name is provided, channel id [${channel}]`);
}

function decode<T>(what: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new ProposalParseError(`error unmarshalling ${what}: ${(err as Error).message}`);
  }
}
