import { common, peer } from '@hyperledger/fabric-protos';
import type { CollectedEndorsements } from './plan';
import type { ProposedTransaction } from './proposal';

/**
 * Fabric's gateway prepareTransaction: the unsigned transaction envelope the client signs and submits. It
 * reuses the proposal's header, and the proposal payload without its transient map, so that the validator's
 * recomputed proposal hash matches the one the endorsers signed.
 */
export function prepareTransaction(proposed: ProposedTransaction, collected: CollectedEndorsements): common.Envelope {
  const proposalPayload = new peer.ChaincodeProposalPayload();
  proposalPayload.setInput(proposed.payload.getInput_asU8());

  const endorsedAction = new peer.ChaincodeEndorsedAction();
  endorsedAction.setProposalResponsePayload(collected.responsePayload);
  endorsedAction.setEndorsementsList([...collected.endorsements]);

  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setChaincodeProposalPayload(proposalPayload.serializeBinary());
  actionPayload.setAction(endorsedAction);

  const action = new peer.TransactionAction();
  action.setHeader(proposed.header.getSignatureHeader_asU8());
  action.setPayload(actionPayload.serializeBinary());
  const transaction = new peer.Transaction();
  transaction.setActionsList([action]);

  const payload = new common.Payload();
  payload.setHeader(proposed.header);
  payload.setData(transaction.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  return envelope;
}
