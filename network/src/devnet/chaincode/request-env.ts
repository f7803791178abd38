import type { peer } from '@hyperledger/fabric-protos';
import type { ChannelLedger } from '../ledger/api';
import type { ChannelPolicyManager } from '../policies/api';
import type { ChaincodeInvocation } from './api';
import type { TransactionContext } from './transaction-context';

/** What the handling of a chaincode's requests needs beyond the transaction itself. */
export interface RequestEnv {
  /**
   * Runs a called chaincode (Fabric's Invoker): resolves with its COMPLETED or ERROR message, rejects with
   * Fabric's Invoke error when it cannot run (not defined, not connected, timeout).
   */
  invoke(invocation: ChaincodeInvocation, caller: TransactionContext): Promise<peer.ChaincodeMessage>;
  ledgerFor(channel: string): ChannelLedger | undefined;
  /** Channel policies for the peer/ChaincodeToChaincode ACL; without them the ACL is not checked. */
  policiesFor?(channel: string): ChannelPolicyManager | undefined;
  /** Whether a called chaincode is one of the peer's system chaincodes (exempt from peer/ChaincodeToChaincode). */
  isSystemChaincode?(name: string): boolean;
}

/**
 * Serves one request of a running transaction: resolves with the RESPONSE payload; a rejection is answered
 * with ERROR (its message prefixed as Fabric's HandleTransaction does).
 */
export type RequestHandler = (message: peer.ChaincodeMessage, context: TransactionContext, env: RequestEnv) => Promise<Uint8Array | undefined>;
