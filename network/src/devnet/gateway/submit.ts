import * as grpc from '@grpc/grpc-js';
import { common, gateway } from '@hyperledger/fabric-protos';
import type { GatewayDeps } from './deps';
import { errorDetail, GatewayRpcError } from './rpc-error';

/**
 * Fabric's gateway Submit (non-BFT): the signed transaction goes to the ordering service; the answer says
 * only that the orderer took it. The signature and the channel's Writers policy are the orderer's to check,
 * so a forged envelope comes back as the orderer's FORBIDDEN, as on Fabric. A client error (4xx) is final;
 * anything else would be retried on another orderer, and the devnet has one.
 */
export async function submit(deps: GatewayDeps, request: gateway.SubmitRequest): Promise<gateway.SubmitResponse> {
  const transaction = request.getPreparedTransaction();
  if (!transaction) throw new GatewayRpcError(grpc.status.INVALID_ARGUMENT, 'a prepared transaction is required');
  if (transaction.getSignature_asU8().length === 0) throw new GatewayRpcError(grpc.status.INVALID_ARGUMENT, 'prepared transaction must be signed');
  const channel = request.getChannelId();
  if (!deps.ledgerFor(channel)) {
    throw new GatewayRpcError(grpc.status.FAILED_PRECONDITION, `failed to get config for channel [${channel}]: could not get last config for channel ${channel}`);
  }

  const { service, address, mspId } = deps.orderer;
  let response;
  try {
    response = await service.broadcast(transaction);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new GatewayRpcError(grpc.status.UNAVAILABLE, 'no orderers could successfully process transaction', [errorDetail(address, mspId, message)]);
  }
  const status = response.getStatus();
  if (status === common.Status.SUCCESS) return new gateway.SubmitResponse();
  if (status >= 400 && status < 500) {
    throw new GatewayRpcError(grpc.status.ABORTED, `received unsuccessful response from orderer: status=${statusName(status)}, info=${response.getInfo()}`);
  }
  // Fabric keeps error details for transport failures only; an orderer's 5xx answer just moves on.
  throw new GatewayRpcError(grpc.status.UNAVAILABLE, 'no orderers could successfully process transaction');
}

function statusName(status: number): string {
  return Object.entries(common.Status).find(([, value]) => value === status)?.[0] ?? String(status);
}
