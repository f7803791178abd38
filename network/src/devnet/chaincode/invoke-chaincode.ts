import { peer } from '@hyperledger/fabric-protos';
import type { TxSimulator } from '../ledger/api';
import { policyDenial } from '../policies/api';
import { ChaincodeError } from './api';
import type { RequestEnv } from './request-env';
import type { TransactionContext } from './transaction-context';

/** Fabric's default ACL of resource peer/ChaincodeToChaincode. */
const CHAINCODE_TO_CHAINCODE_POLICY = '/Channel/Application/Writers';

/**
 * INVOKE_CHAINCODE (Fabric's HandleInvokeChaincode). The payload is a ChaincodeSpec naming
 * "name[:version][/channel]". On the caller's channel the callee shares the caller's simulator, so its reads and
 * writes join the caller's read-write set. On another channel it runs on a fresh simulator of that channel's
 * ledger, whose results are dropped: a called chaincode on another channel can only be read.
 * The RESPONSE payload is the callee's whole COMPLETED or ERROR ChaincodeMessage.
 */
export async function handleInvokeChaincode(message: peer.ChaincodeMessage, context: TransactionContext, env: RequestEnv): Promise<Uint8Array> {
  const spec = peer.ChaincodeSpec.deserializeBinary(message.getPayload_asU8());
  const target = parseName(spec.getChaincodeId()?.getName() ?? '');
  const channel = target.channel || context.channel;
  // Fabric lets a call to a system chaincode through: the system chaincode applies its own rules.
  if (!env.isSystemChaincode?.(target.name)) checkAcl(env, context, channel);

  let simulator: TxSimulator = context.simulator;
  const otherChannel = channel !== context.channel;
  if (otherChannel) {
    const channelLedger = env.ledgerFor(channel);
    if (!channelLedger) throw new ChaincodeError(`failed to find ledger for channel: ${channel}`);
    simulator = await channelLedger.newTxSimulator(context.txId, context.invocation.peerMspId);
  }
  try {
    const invocation = { ...context.invocation, channel, chaincodeName: target.name, input: spec.getInput() ?? new peer.ChaincodeInput(), simulator };
    const response = await env.invoke(invocation, context).catch((err: Error) => {
      throw new ChaincodeError(`execute failed: ${err.message}`);
    });
    return response.serializeBinary();
  } finally {
    // Taking the results ends the simulation (Fabric's sim.Done()); they are discarded.
    if (otherChannel) simulator.getResults();
  }
}

/** Fabric's ParseName: "name:version/channel", version and channel optional (the version is ignored). */
function parseName(fullName: string): { name: string; channel: string } {
  const slash = fullName.indexOf('/');
  const nameAndVersion = slash < 0 ? fullName : fullName.slice(0, slash);
  const channel = slash < 0 ? '' : fullName.slice(slash + 1);
  const colon = nameAndVersion.indexOf(':');
  return { name: colon < 0 ? nameAndVersion : nameAndVersion.slice(0, colon), channel };
}

/** The proposal's creator must be a writer of the called chaincode's channel (resource peer/ChaincodeToChaincode). */
function checkAcl(env: RequestEnv, context: TransactionContext, channel: string): void {
  if (!env.policiesFor) return;
  const policies = env.policiesFor(channel);
  if (!policies) throw new ChaincodeError(`Failed to get policy manager for channel [${channel}]`);
  const policy = policies.get(CHAINCODE_TO_CHAINCODE_POLICY);
  const denial = policy ? policyDenial(policy, [context.invocation.creator]) : 'policy not found';
  if (denial !== undefined) {
    // Fabric's default ACL provider: the channel config sets no ACL for peer/ChaincodeToChaincode.
    throw new ChaincodeError(
      `Failed evaluating policy on signed data during check policy on channel [${channel}] with policy [${CHAINCODE_TO_CHAINCODE_POLICY}]: [${denial}]`,
    );
  }
}
