import type { peer } from '@hyperledger/fabric-protos';
import type { Identity } from '../msp/api';
import type { TxSimulator } from '../ledger/api';

/** One chaincode invocation during proposal simulation (Fabric ccprovider.TransactionParams). */
export interface ChaincodeInvocation {
  readonly channel: string;
  readonly chaincodeName: string;
  readonly txId: string;
  readonly signedProposal: peer.SignedProposal;
  readonly proposal: peer.Proposal;
  readonly input: peer.ChaincodeInput;
  readonly transientMap: ReadonlyMap<string, Uint8Array>;
  /** The proposal's creator: collection memberOnlyRead / memberOnlyWrite are checked against it. */
  readonly creator: Identity;
  /** The org whose peer simulates (decides which private data it can see). */
  readonly peerMspId: string;
  readonly simulator: TxSimulator;
}

export interface ChaincodeExecution {
  readonly response: peer.Response;
  readonly event?: peer.ChaincodeEvent;
}

/** Fabric core/chaincode ChaincodeSupport: runs a chaincode on its registered connection. */
export interface ChaincodeSupport {
  /** Rejects (ChaincodeError) when the chaincode is not defined, not connected, or times out. */
  execute(invocation: ChaincodeInvocation): Promise<ChaincodeExecution>;
}

export class ChaincodeError extends Error {
  override readonly name = 'ChaincodeError';
}
