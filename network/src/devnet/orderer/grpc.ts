import * as grpc from '@grpc/grpc-js';
import { common, type orderer } from '@hyperledger/fabric-protos';
import type { OrderingService } from './api';
import { errorMessage } from './errors';

type BroadcastCall = grpc.ServerDuplexStream<common.Envelope, orderer.BroadcastResponse>;

/**
 * grpc-js handlers for orderer.AtomicBroadcastService: Broadcast here, Deliver supplied by the caller
 * (it serves blocks from the ledger, not from the ordering service).
 */
export function atomicBroadcastHandlers(
  service: OrderingService,
  deliver: grpc.handleBidiStreamingCall<common.Envelope, orderer.DeliverResponse>,
): grpc.UntypedServiceImplementation {
  return {
    broadcast: (call: BroadcastCall) => handleBroadcast(service, call),
    deliver,
  };
}

/**
 * As Fabric's broadcast.Handler.Handle: one message at a time (the stream is paused meanwhile, so a fast
 * client is held back by flow control), one response per message in order; the first refusal is answered
 * and then ends the stream, as does the client's half-close.
 */
function handleBroadcast(service: OrderingService, call: BroadcastCall): void {
  let finished = false;
  let processing = Promise.resolve();
  const finish = (): void => {
    if (finished) return;
    finished = true;
    call.end();
  };
  const respond = async (envelope: common.Envelope): Promise<void> => {
    if (finished) return;
    try {
      const response = await service.broadcast(envelope);
      if (finished) return;
      call.write(response);
      if (response.getStatus() !== common.Status.SUCCESS) finish();
    } catch (err) {
      // A fault of the orderer itself, not of the message: fail the stream rather than the process.
      if (finished) return;
      finished = true;
      call.emit('error', { code: grpc.status.INTERNAL, details: errorMessage(err) });
    }
  };

  call.on('data', (envelope: common.Envelope) => {
    call.pause();
    processing = processing.then(() => respond(envelope)).then(() => {
      if (!finished) call.resume();
    });
  });
  call.on('end', () => {
    processing = processing.then(finish);
  });
  // Cancelled or broken by the client: nothing more can be answered.
  call.on('error', () => {
    finished = true;
  });
  call.on('cancelled', () => {
    finished = true;
  });
}
