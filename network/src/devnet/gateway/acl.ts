import * as grpc from '@grpc/grpc-js';
import { AccessDeniedError, authorize, type SignedData } from '../deliver/access';
import type { GatewayDeps } from './deps';
import { GatewayRpcError } from './rpc-error';

/** The default ACL of gateway/CommitStatus and gateway/ChaincodeEvents (Fabric's CHANNELREADERS). */
const CHANNEL_READERS = '/Channel/Application/Readers';

/**
 * Fabric's aclmgmt CheckACL for a gateway resource on signed request bytes: the requester must be a reader
 * of the channel. Refusals are PermissionDenied with the policy checker's message.
 */
export function checkChannelReaders(deps: GatewayDeps, channel: string, signed: SignedData): void {
  const manager = deps.policies(channel);
  if (!manager) throw new GatewayRpcError(grpc.status.PERMISSION_DENIED, `Failed to get policy manager for channel [${channel}]`);
  try {
    authorize(signed, manager.get(CHANNEL_READERS), deps.deserializer);
  } catch (err) {
    if (!(err instanceof AccessDeniedError)) throw err;
    throw new GatewayRpcError(
      grpc.status.PERMISSION_DENIED,
      `Failed evaluating policy on signed data during check policy on channel [${channel}] with policy [${CHANNEL_READERS}]: [${err.message}]`,
    );
  }
}
