import * as grpc from '@grpc/grpc-js';
import { peer } from '@hyperledger/fabric-protos';
import { AuthFilterError, ProposalValidationError } from '../endorser/api';
import type { EndorserTarget } from './endorsers';

/** Chaincode status range that counts as success (shim OK and the 3xx Fabric lets pass). */
const SUCCESS_MIN = 200;
const ERROR_THRESHOLD = 400;
const ERROR = 500;

/** A proposal response the gateway can use, or why not, as Fabric's responseStatus classifies it. */
export type EndorsementOutcome =
  | { readonly ok: true; readonly response: peer.ProposalResponse }
  | { readonly ok: false; readonly code: grpc.status; readonly message: string; readonly retry: boolean };

/**
 * ProcessProposal on one peer, classified as Fabric's gateway does. The gateway reaches its own peer
 * in-process and gets the peer's validation error as such (FailedPrecondition); another org's peer answers
 * over gRPC, where that error arrives as a transport error with code Unknown, which Fabric's gateway
 * treats as an unreachable peer (Unavailable, try another).
 */
export async function processProposal(target: EndorserTarget, signedProposal: peer.SignedProposal, local: boolean): Promise<EndorsementOutcome> {
  let response: peer.ProposalResponse;
  try {
    response = await target.endorser.processProposal(signedProposal);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (local && err instanceof ProposalValidationError) return { ok: false, code: grpc.status.FAILED_PRECONDITION, message, retry: false };
    // An auth filter answers with no proposal response at all, which Fabric's gateway takes for an unreachable peer.
    if (local && err instanceof AuthFilterError) return { ok: false, code: grpc.status.UNAVAILABLE, message, retry: true };
    return { ok: false, code: grpc.status.UNAVAILABLE, message: `rpc error: code = Unknown desc = ${message}`, retry: true };
  }
  const status = response.getResponse()?.getStatus() ?? 0;
  if (status >= SUCCESS_MIN && status < ERROR_THRESHOLD) return { ok: true, response };
  const message = response.getResponse()?.getMessage() ?? '';
  if (response.getPayload_asU8().length === 0 && status === ERROR) {
    // A 500 without payload comes from the peer itself (chaincode unknown, unreachable, timed out): another peer may do.
    return { ok: false, code: grpc.status.ABORTED, message, retry: true };
  }
  return { ok: false, code: grpc.status.UNKNOWN, message: `chaincode response ${status}, ${message}`, retry: false };
}

/** The transaction result a successful proposal response carries (ChaincodeAction.response.payload). */
export function resultOf(response: peer.ProposalResponse): Uint8Array | undefined {
  try {
    const payload = peer.ProposalResponsePayload.deserializeBinary(response.getPayload_asU8());
    const action = peer.ChaincodeAction.deserializeBinary(payload.getExtension_asU8());
    return action.getResponse()?.getPayload_asU8() ?? new Uint8Array(0);
  } catch {
    return undefined;
  }
}
