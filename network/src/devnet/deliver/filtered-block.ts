import { common, peer } from '@hyperledger/fabric-protos';
import { transactionsFilter } from '../ledger/transactions-filter';

/** A transaction of the block could not be taken apart; Fabric answers the block with BAD_REQUEST. */
export class FilteredBlockError extends Error {
  override readonly name = 'FilteredBlockError';
}

/**
 * Fabric's toFilteredBlock (core/peer/deliverevents): per transaction its id, header type and validation
 * code, and for endorser transactions the chaincode events without their payloads, so that a client may
 * follow commits without the right to read their content. Envelopes that do not parse, or have no header,
 * are skipped as Fabric does; damage deeper in a transaction fails the whole block.
 */
export function toFilteredBlock(block: common.Block): peer.FilteredBlock {
  const filtered = new peer.FilteredBlock();
  filtered.setNumber(block.getHeader()?.getNumber() ?? 0);
  const codes = transactionsFilter(block);
  const data = block.getData()?.getDataList_asU8() ?? [];
  data.forEach((bytes, txIndex) => {
    if (bytes.length === 0) return;
    let envelope: common.Envelope;
    try {
      envelope = common.Envelope.deserializeBinary(bytes);
    } catch {
      return;
    }
    const payload = parse('payload', () => common.Payload.deserializeBinary(envelope.getPayload_asU8()));
    const header = payload.getHeader();
    if (!header) return;
    const channelHeader = parse('channel header', () => common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8()));
    filtered.setChannelId(channelHeader.getChannelId());

    const transaction = new peer.FilteredTransaction();
    transaction.setTxid(channelHeader.getTxId());
    transaction.setType(channelHeader.getType() as common.HeaderTypeMap[keyof common.HeaderTypeMap]);
    // A code missing from the filter means the block was never validated.
    transaction.setTxValidationCode(codes[txIndex] ?? peer.TxValidationCode.NOT_VALIDATED);
    if (channelHeader.getType() === common.HeaderType.ENDORSER_TRANSACTION) {
      const tx = parse('transaction', () => peer.Transaction.deserializeBinary(payload.getData_asU8()));
      transaction.setTransactionActions(filteredActions(tx));
    }
    filtered.addFilteredTransactions(transaction);
  });
  return filtered;
}

function filteredActions(tx: peer.Transaction): peer.FilteredTransactionActions {
  const actions = new peer.FilteredTransactionActions();
  for (const action of tx.getActionsList()) {
    const actionPayload = parse('transaction action payload', () => peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()));
    const endorsed = actionPayload.getAction();
    if (!endorsed) continue;
    const responsePayload = parse('proposal response payload', () =>
      peer.ProposalResponsePayload.deserializeBinary(endorsed.getProposalResponsePayload_asU8()),
    );
    const chaincodeAction = parse('chaincode action', () => peer.ChaincodeAction.deserializeBinary(responsePayload.getExtension_asU8()));
    const event = parse('chaincode event', () => peer.ChaincodeEvent.deserializeBinary(chaincodeAction.getEvents_asU8()));
    if (event.getChaincodeId() === '') continue;
    const withoutPayload = new peer.ChaincodeEvent();
    withoutPayload.setTxId(event.getTxId());
    withoutPayload.setChaincodeId(event.getChaincodeId());
    withoutPayload.setEventName(event.getEventName());
    const filteredAction = new peer.FilteredChaincodeAction();
    filteredAction.setChaincodeEvent(withoutPayload);
    actions.addChaincodeActions(filteredAction);
  }
  return actions;
}

function parse<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    throw new FilteredBlockError(`error unmarshalling ${what} for block event: ${(err as Error).message}`);
  }
}
