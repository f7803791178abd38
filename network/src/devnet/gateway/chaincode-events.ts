import * as grpc from '@grpc/grpc-js';
import { gateway, orderer, type peer } from '@hyperledger/fabric-protos';
import { blockAt, WaitAbortedError } from '../deliver/block-source';
import { cancellationSignal, send } from '../deliver/stream';
import type { ChannelLedger } from '../ledger/api';
import { checkChannelReaders } from './acl';
import { BlockEventsError, chaincodeEventsOf } from './block-events';
import type { GatewayDeps } from './deps';
import { GatewayRpcError, toServiceError } from './rpc-error';

type EventsCall = grpc.ServerWritableStream<gateway.SignedChaincodeEventsRequest, gateway.ChaincodeEventsResponse>;

/**
 * Fabric's gateway ChaincodeEvents: from the start block on, one response per block that has events of the
 * chaincode in valid transactions, waiting for new blocks until the client cancels. With
 * after_transaction_id, the stream resumes after that transaction's event (a client's checkpoint).
 */
export function handleChaincodeEvents(deps: GatewayDeps, call: EventsCall): void {
  const signal = cancellationSignal(call);
  streamEvents(deps, call, signal).catch((err: unknown) => {
    if (err instanceof WaitAbortedError || signal.aborted) return;
    call.emit('error', toServiceError(err));
  });
}

async function streamEvents(deps: GatewayDeps, call: EventsCall, signal: AbortSignal): Promise<void> {
  const requestBytes = call.request.getRequest_asU8();
  if (requestBytes.length === 0) throw new GatewayRpcError(grpc.status.INVALID_ARGUMENT, 'a chaincode events request is required');
  let request: gateway.ChaincodeEventsRequest;
  try {
    request = gateway.ChaincodeEventsRequest.deserializeBinary(requestBytes);
  } catch (err) {
    throw new GatewayRpcError(grpc.status.INVALID_ARGUMENT, `invalid chaincode events request: ${(err as Error).message}`);
  }
  const channel = request.getChannelId();
  checkChannelReaders(deps, channel, { data: requestBytes, identity: request.getIdentity_asU8(), signature: call.request.getSignature_asU8() });
  const ledger = deps.ledgerFor(channel);
  if (!ledger) throw new GatewayRpcError(grpc.status.NOT_FOUND, `channel does not exist: ${channel}`);

  const isMatch = eventMatcher(request);
  for (let number = startBlock(ledger, request); ; number++) {
    const block = await blockAt(ledger, number, signal);
    let events: peer.ChaincodeEvent[];
    try {
      events = chaincodeEventsOf(block).filter(isMatch);
    } catch (err) {
      if (err instanceof BlockEventsError) throw new GatewayRpcError(grpc.status.ABORTED, err.message);
      throw err;
    }
    if (events.length === 0) continue;
    const response = new gateway.ChaincodeEventsResponse();
    response.setEventsList(events);
    response.setBlockNumber(number);
    await send(call, response, signal);
  }
}

/** The block of after_transaction_id if the ledger has it, else the start position: next commit unless specified. */
function startBlock(ledger: ChannelLedger, request: gateway.ChaincodeEventsRequest): number {
  const after = request.getAfterTransactionId();
  const committed = after ? ledger.getTxStatus(after) : undefined;
  if (committed) return committed.blockNum;
  const position = request.getStartPosition();
  switch (position?.getTypeCase() ?? orderer.SeekPosition.TypeCase.TYPE_NOT_SET) {
    case orderer.SeekPosition.TypeCase.TYPE_NOT_SET:
    case orderer.SeekPosition.TypeCase.NEXT_COMMIT:
      return ledger.height();
    case orderer.SeekPosition.TypeCase.SPECIFIED:
      return position!.getSpecified()!.getNumber();
    default:
      // Fabric names the Go type of the oneof case it does not take.
      throw new GatewayRpcError(
        grpc.status.INVALID_ARGUMENT,
        `invalid start position type: *orderer.SeekPosition_${position!.hasOldest() ? 'Oldest' : 'Newest'}`,
      );
  }
}

/**
 * Events of the requested chaincode; with after_transaction_id, only those after that transaction's event
 * has gone by (any chaincode's event of that transaction marks the spot, as in Fabric).
 */
function eventMatcher(request: gateway.ChaincodeEventsRequest): (event: peer.ChaincodeEvent) => boolean {
  const chaincode = request.getChaincodeId();
  const after = request.getAfterTransactionId();
  let passed = after === '';
  return (event) => {
    if (!passed) {
      passed = event.getTxId() === after;
      return false;
    }
    return event.getChaincodeId() === chaincode;
  };
}
