import { createHash } from 'node:crypto';
import { common, peer } from '@hyperledger/fabric-protos';

/** A proposal taken apart once, as Fabric's protoutil.UnpackProposal does. */
export interface UnpackedProposal {
  readonly signedProposal: peer.SignedProposal;
  readonly proposal: peer.Proposal;
  readonly channelHeader: common.ChannelHeader;
  readonly signatureHeader: common.SignatureHeader;
  readonly chaincodeName: string;
  readonly input: peer.ChaincodeInput;
  readonly transientMap: ReadonlyMap<string, Uint8Array>;
  /** Hash over channel header, signature header and the payload without its transient map (GetProposalHash1). */
  readonly proposalHash: Uint8Array;
}

export class ProposalError extends Error {
  override readonly name = 'ProposalError';
}

export function unpackProposal(signedProposal: peer.SignedProposal): UnpackedProposal {
  const proposal = decode('proposal', () => peer.Proposal.deserializeBinary(signedProposal.getProposalBytes_asU8()));
  const header = decode('header', () => common.Header.deserializeBinary(proposal.getHeader_asU8()));
  const channelHeader = decode('channel header', () => common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8()));
  const signatureHeader = decode('signature header', () =>
    common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8()),
  );
  const extension = decode('chaincode header extension', () =>
    peer.ChaincodeHeaderExtension.deserializeBinary(channelHeader.getExtension_asU8()),
  );
  const payload = decode('chaincode proposal payload', () =>
    peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8()),
  );
  const invocation = decode('chaincode invocation spec', () =>
    peer.ChaincodeInvocationSpec.deserializeBinary(payload.getInput_asU8()),
  );
  const chaincodeName = extension.getChaincodeId()?.getName() ?? '';
  const input = invocation.getChaincodeSpec()?.getInput();
  if (!chaincodeName) throw new ProposalError('ChaincodeHeaderExtension.ChaincodeId.Name is empty');
  if (!input) throw new ProposalError('chaincode input is missing');

  const transientMap = new Map<string, Uint8Array>();
  payload.getTransientmapMap().forEach((value, key) => transientMap.set(key, value as Uint8Array));

  const withoutTransient = new peer.ChaincodeProposalPayload();
  withoutTransient.setInput(payload.getInput_asU8());
  const proposalHash = createHash('sha256')
    .update(header.getChannelHeader_asU8())
    .update(header.getSignatureHeader_asU8())
    .update(withoutTransient.serializeBinary())
    .digest();

  return { signedProposal, proposal, channelHeader, signatureHeader, chaincodeName, input, transientMap, proposalHash };
}

function decode<T>(what: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new ProposalError(`error unmarshalling ${what}: ${(err as Error).message}`);
  }
}
