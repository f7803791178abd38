import { peer } from '@hyperledger/fabric-protos';
import type { TxSimulator } from '../ledger/api';
import type { Identity } from '../msp/api';

/** One call of a system chaincode, as Fabric's in-process shim hands it the stub. */
export interface SystemChaincodeCall {
  readonly channel: string;
  /** ChaincodeInput args: the function name first. */
  readonly args: readonly Uint8Array[];
  readonly signedProposal: peer.SignedProposal;
  /** The proposal's creator, already validated for the channel. */
  readonly creator: Identity;
  /** The org of the peer that runs the call: its local MSP decides peer-wide ACLs. */
  readonly peerMspId: string;
  /** Absent for qscc and cscc, which Fabric runs without a simulator. */
  readonly simulator?: TxSimulator;
}

/** A chaincode built into every peer (Fabric's scc.SelfDescribingSysCC). */
export interface SystemChaincode {
  readonly name: string;
  /** The chaincode's response; failures are responses with status 500 (shim.Error), never rejections. */
  invoke(call: SystemChaincodeCall): Promise<peer.Response>;
}

/** The version Fabric reports for every system chaincode (scc.SysCCVersion). */
export const SYSTEM_CHAINCODE_VERSION = 'syscc';

/** Fabric's shim.Success / shim.Error. */
export function success(payload: Uint8Array): peer.Response {
  return response(200, '', payload);
}

export function error(message: string, status = 500): peer.Response {
  return response(status, message);
}

function response(status: number, message: string, payload?: Uint8Array): peer.Response {
  const result = new peer.Response();
  result.setStatus(status);
  result.setMessage(message);
  if (payload) result.setPayload(payload);
  return result;
}
