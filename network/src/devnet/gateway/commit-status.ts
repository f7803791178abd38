import * as grpc from '@grpc/grpc-js';
import { gateway } from '@hyperledger/fabric-protos';
import type { ChannelLedger, TxStatus } from '../ledger/api';
import { checkChannelReaders } from './acl';
import type { GatewayDeps } from './deps';
import { GatewayRpcError } from './rpc-error';

/**
 * Fabric's gateway CommitStatus: the validation code and block of a transaction, waiting for its commit if it
 * has not happened yet, for as long as the client waits. The request is signed by the client and names its
 * identity, which must be able to read the channel.
 */
export async function commitStatus(deps: GatewayDeps, signedRequest: gateway.SignedCommitStatusRequest, signal: AbortSignal): Promise<gateway.CommitStatusResponse> {
  const requestBytes = signedRequest.getRequest_asU8();
  if (requestBytes.length === 0) throw new GatewayRpcError(grpc.status.INVALID_ARGUMENT, 'a commit status request is required');
  let request: gateway.CommitStatusRequest;
  try {
    request = gateway.CommitStatusRequest.deserializeBinary(requestBytes);
  } catch (err) {
    throw new GatewayRpcError(grpc.status.INVALID_ARGUMENT, `invalid status request: ${(err as Error).message}`);
  }
  const channel = request.getChannelId();
  const txId = request.getTransactionId();
  if (request.getIdentity_asU8().length === 0) throw new GatewayRpcError(grpc.status.INVALID_ARGUMENT, 'no identity provided');
  if (channel === '') throw new GatewayRpcError(grpc.status.INVALID_ARGUMENT, 'no channel ID provided');
  if (txId === '') throw new GatewayRpcError(grpc.status.INVALID_ARGUMENT, 'transaction ID should not be empty');
  checkChannelReaders(deps, channel, { data: requestBytes, identity: request.getIdentity_asU8(), signature: signedRequest.getSignature_asU8() });

  const ledger = deps.ledgerFor(channel);
  if (!ledger) throw new GatewayRpcError(grpc.status.ABORTED, `channel does not exist: ${channel}`);
  const status = await txStatus(ledger, txId, signal);
  const response = new gateway.CommitStatusResponse();
  response.setResult(status.validationCode);
  response.setBlockNumber(status.blockNum);
  return response;
}

/**
 * The transaction's status once committed. The commit listener is registered before the ledger is asked, so
 * a commit in between is not missed (Fabric's Finder does the same), and removed when the wait ends.
 */
function txStatus(ledger: ChannelLedger, txId: string, signal: AbortSignal): Promise<TxStatus> {
  return new Promise((resolve, reject) => {
    const finish = (): void => {
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
    };
    const check = (): void => {
      const status = ledger.getTxStatus(txId);
      if (!status) return;
      finish();
      resolve(status);
    };
    const onAbort = (): void => {
      finish();
      reject(new GatewayRpcError(grpc.status.CANCELLED, 'context canceled'));
    };
    const unsubscribe = ledger.onCommit(check);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort);
    check();
  });
}
