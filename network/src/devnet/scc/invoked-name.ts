import { common, peer } from '@hyperledger/fabric-protos';

/**
 * Fabric's protoutil.InvokedChaincodeName: the chaincode the client's proposal named. A system chaincode that
 * must not be reached through another chaincode compares it with its own name.
 */
export function invokedChaincodeName(proposalBytes: Uint8Array): string {
  const proposal = peer.Proposal.deserializeBinary(proposalBytes);
  const payload = peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
  const spec = peer.ChaincodeInvocationSpec.deserializeBinary(payload.getInput_asU8());
  return spec.getChaincodeSpec()?.getChaincodeId()?.getName() ?? '';
}

/** The serialized creator of a proposal, from its signature header. */
export function proposalCreator(proposalBytes: Uint8Array): Uint8Array {
  const proposal = peer.Proposal.deserializeBinary(proposalBytes);
  const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
  return common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8()).getCreator_asU8();
}
