import type * as grpc from '@grpc/grpc-js';
import type { gateway } from '@hyperledger/fabric-protos';
import { cancellationSignal } from '../deliver/stream';
import { handleChaincodeEvents } from './chaincode-events';
import { commitStatus } from './commit-status';
import type { GatewayDeps } from './deps';
import { endorse } from './endorse';
import { evaluate } from './evaluate';
import { toServiceError } from './rpc-error';
import { submit } from './submit';

/** grpc-js handlers for gateway.GatewayService (Fabric internal/pkg/gateway) of one org's peer. */
export function gatewayHandlers(deps: GatewayDeps): grpc.UntypedServiceImplementation {
  return {
    evaluate: unary<gateway.EvaluateRequest, gateway.EvaluateResponse>((request) => evaluate(deps, request)),
    endorse: unary<gateway.EndorseRequest, gateway.EndorseResponse>((request) => endorse(deps, request)),
    submit: unary<gateway.SubmitRequest, gateway.SubmitResponse>((request) => submit(deps, request)),
    commitStatus: unary<gateway.SignedCommitStatusRequest, gateway.CommitStatusResponse>((request, signal) => commitStatus(deps, request, signal)),
    chaincodeEvents: (call: grpc.ServerWritableStream<gateway.SignedChaincodeEventsRequest, gateway.ChaincodeEventsResponse>) =>
      handleChaincodeEvents(deps, call),
  };
}

function unary<Request, Response>(operation: (request: Request, signal: AbortSignal) => Promise<Response>): grpc.handleUnaryCall<Request, Response> {
  return (call, callback) => {
    operation(call.request, cancellationSignal(call)).then(
      (response) => callback(null, response),
      (err: unknown) => callback(toServiceError(err)),
    );
  };
}
