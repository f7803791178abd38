import * as grpc from '@grpc/grpc-js';
import { gateway, google } from '@hyperledger/fabric-protos';
import { Any } from 'google-protobuf/google/protobuf/any_pb';

/** The trailer in which gRPC carries a google.rpc.Status with typed details; fabric-gateway reads it. */
const STATUS_DETAILS_KEY = 'grpc-status-details-bin';

/**
 * A failed Gateway call as Fabric's gateway reports it: a gRPC status code and message, and an ErrorDetail
 * per endpoint (peer or orderer) that contributed to the failure. The client library surfaces these as
 * GatewayError.details, so they are what an application sees of the failing nodes.
 */
export class GatewayRpcError extends Error {
  override readonly name = 'GatewayRpcError';

  constructor(
    readonly code: grpc.status,
    message: string,
    readonly details: readonly gateway.ErrorDetail[] = [],
  ) {
    super(message);
  }

  toServiceError(): grpc.ServerErrorResponse {
    const error: grpc.ServerErrorResponse = Object.assign(new Error(this.message), { code: this.code, details: this.message });
    // As grpc-go's status.WithDetails: the trailer is only sent when there are details.
    if (this.details.length > 0) {
      const status = new google.rpc.Status();
      status.setCode(this.code);
      status.setMessage(this.message);
      status.setDetailsList(
        this.details.map((detail) => {
          const any = new Any();
          any.pack(detail.serializeBinary(), 'gateway.ErrorDetail');
          return any;
        }),
      );
      const metadata = new grpc.Metadata();
      metadata.set(STATUS_DETAILS_KEY, Buffer.from(status.serializeBinary()));
      error.metadata = metadata;
    }
    return error;
  }
}

export function errorDetail(address: string, mspId: string, message: string): gateway.ErrorDetail {
  const detail = new gateway.ErrorDetail();
  detail.setAddress(address);
  detail.setMspId(mspId);
  detail.setMessage(message);
  return detail;
}

/** Any failure as the gRPC error to answer: a GatewayRpcError as shaped, anything else as Go's plain errors (Unknown). */
export function toServiceError(err: unknown): grpc.ServerErrorResponse {
  if (err instanceof GatewayRpcError) return err.toServiceError();
  const message = err instanceof Error ? err.message : String(err);
  return Object.assign(new Error(message), { code: grpc.status.UNKNOWN, details: message });
}
