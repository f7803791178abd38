import { common, peer } from '@hyperledger/fabric-protos';
import { transactionsFilter } from '../ledger/transactions-filter';

/** A block whose transactions cannot be read; Fabric's gateway ends the event stream with Aborted. */
export class BlockEventsError extends Error {
  override readonly name = 'BlockEventsError';
}

/**
 * The chaincode events of a block's valid endorser transactions, in transaction order (Fabric's gateway
 * event package). An action that does not parse, or an event missing its chaincode id, name or tx id, is
 * skipped, as there.
 */
export function chaincodeEventsOf(block: common.Block): peer.ChaincodeEvent[] {
  const codes = transactionsFilter(block);
  const events: peer.ChaincodeEvent[] = [];
  (block.getData()?.getDataList_asU8() ?? []).forEach((bytes, txIndex) => {
    const payload = parse(() => common.Payload.deserializeBinary(common.Envelope.deserializeBinary(bytes).getPayload_asU8()));
    const channelHeader = parse(() => common.ChannelHeader.deserializeBinary(payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array(0)));
    if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) return;
    // A transaction missing from the filter is not known to be valid.
    if ((codes[txIndex] ?? peer.TxValidationCode.INVALID_OTHER_REASON) !== peer.TxValidationCode.VALID) return;
    const transaction = parse(() => peer.Transaction.deserializeBinary(payload.getData_asU8()));
    for (const action of transaction.getActionsList()) {
      const event = eventOf(action);
      if (event) events.push(event);
    }
  });
  return events;
}

function eventOf(action: peer.TransactionAction): peer.ChaincodeEvent | undefined {
  try {
    const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
    const responsePayload = peer.ProposalResponsePayload.deserializeBinary(actionPayload.getAction()?.getProposalResponsePayload_asU8() ?? new Uint8Array(0));
    const chaincodeAction = peer.ChaincodeAction.deserializeBinary(responsePayload.getExtension_asU8());
    const event = peer.ChaincodeEvent.deserializeBinary(chaincodeAction.getEvents_asU8());
    return event.getChaincodeId() && event.getEventName() && event.getTxId() ? event : undefined;
  } catch {
    return undefined;
  }
}

function parse<T>(decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    throw new BlockEventsError((err as Error).message);
  }
}
