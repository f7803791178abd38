import { peer } from '@hyperledger/fabric-protos';
import type { ChannelLedger } from '../ledger/api';
import { LIFECYCLE_NAMESPACE, sequenceKey } from '../ledger/lifecycle-state';
import type { ChaincodeRegistry } from '../lifecycle/api';
import type { ChannelPolicyManager } from '../policies/api';
import type { SystemChaincodes } from '../scc';
import { ChaincodeError, type ChaincodeExecution, type ChaincodeInvocation, type ChaincodeSupport } from './api';
import { checkInvocation } from './check-invocation';
import type { ChaincodeServerConnection } from './connection';
import { ChaincodeHandler } from './handler';
import { MessageTypes } from './messages';
import type { TransactionContext } from './transaction-context';

/** Fabric's chaincode.executetimeout default. */
const DEFAULT_EXECUTE_TIMEOUT_MS = 30_000;
/** How long an execution waits for its chaincode server to be connected (a connection.json dial_timeout of 10 s). */
const DEFAULT_STARTUP_TIMEOUT_MS = 10_000;

export interface ChaincodeSupportOptions {
  readonly registry: ChaincodeRegistry;
  /** The orgs whose peer dials every chaincode server: each keeps its own stream, as each real peer does. */
  readonly peerMspIds: readonly string[];
  readonly ledgerFor: (channel: string) => ChannelLedger | undefined;
  readonly executeTimeoutMs?: number;
  readonly startupTimeoutMs?: number;
  /** Channel policies: a chaincode calling a chaincode must pass peer/ChaincodeToChaincode; unchecked without them. */
  readonly policiesFor?: (channel: string) => ChannelPolicyManager | undefined;
  /** qscc, cscc and _lifecycle: run in process, by the client's proposal or another chaincode's call. */
  readonly systemChaincodes?: SystemChaincodes;
}

/**
 * Fabric's ChaincodeSupport for chaincode run as a service: each org's peer dials each chaincode server and keeps
 * one stream per package id, shared by every channel. Separate streams matter: two peers endorsing the same
 * transaction run it side by side, each in its own transaction context.
 */
export class ChaincodeSupportImpl implements ChaincodeSupport {
  readonly #options: ChaincodeSupportOptions;
  /** By peer MSP id, then package id. */
  readonly #handlers = new Map<string, Map<string, ChaincodeHandler>>();

  constructor(options: ChaincodeSupportOptions) {
    this.#options = options;
    for (const mspId of options.peerMspIds) this.#handlers.set(mspId, new Map());
  }

  /** Where and how the chaincode server of a package is dialled (connection.json); every peer dials it at once. */
  registerEndpoint(packageId: string, server: ChaincodeServerConnection): void {
    const env = {
      invoke: (invocation: ChaincodeInvocation, caller: TransactionContext) => this.#invoke(invocation, caller),
      ledgerFor: this.#options.ledgerFor,
      policiesFor: this.#options.policiesFor,
      isSystemChaincode: (name: string) => this.#options.systemChaincodes?.has(name) ?? false,
    };
    for (const handlers of this.#handlers.values()) {
      if (handlers.has(packageId)) throw new ChaincodeError(`duplicate chaincodeID: ${packageId}`);
      handlers.set(packageId, new ChaincodeHandler(packageId, server, env));
    }
  }

  /** Resolves once the package's chaincode server has registered with every peer. */
  async ready(packageId: string): Promise<void> {
    const handlers = [...this.#handlers.values()].map((byPackage) => byPackage.get(packageId));
    if (handlers.length === 0 || handlers.some((h) => h === undefined)) {
      throw new ChaincodeError(`no endpoint registered for chaincode ${packageId}`);
    }
    await Promise.all(handlers.map((handler) => handler!.ready()));
  }

  /** Fabric's ChaincodeSupport.Execute with processChaincodeExecutionResult. */
  async execute(invocation: ChaincodeInvocation): Promise<ChaincodeExecution> {
    let message: peer.ChaincodeMessage;
    try {
      message = await this.#invoke(invocation);
    } catch (err) {
      throw new ChaincodeError(`failed to execute transaction ${invocation.txId}: ${(err as Error).message}`);
    }
    switch (message.getType()) {
      case MessageTypes.COMPLETED: {
        let response: peer.Response;
        try {
          response = peer.Response.deserializeBinary(message.getPayload_asU8());
        } catch (err) {
          throw new ChaincodeError(`failed to unmarshal response for transaction ${invocation.txId}: ${(err as Error).message}`);
        }
        const event = message.getChaincodeEvent();
        event?.setChaincodeId(invocation.chaincodeName);
        event?.setTxId(invocation.txId);
        return event ? { response, event } : { response };
      }
      case MessageTypes.ERROR:
        throw new ChaincodeError(`transaction returned with failure: ${Buffer.from(message.getPayload_asU8()).toString()}`);
      default:
        throw new ChaincodeError(`unexpected response type ${message.getType()} for transaction ${invocation.txId}`);
    }
  }

  /** Stops dialling and ends every stream; running executions fail with "chaincode stream terminated". */
  close(): void {
    for (const handlers of this.#handlers.values()) for (const handler of handlers.values()) handler.close();
  }

  /** Fabric's ChaincodeSupport.Invoke: the chaincode's COMPLETED or ERROR message, or Fabric's error. */
  async #invoke(invocation: ChaincodeInvocation, caller?: TransactionContext): Promise<peer.ChaincodeMessage> {
    const { channel, chaincodeName } = invocation;
    if (this.#options.systemChaincodes?.has(chaincodeName)) return this.#invokeSystem(this.#options.systemChaincodes, invocation);
    const definition = this.#options.registry.get(channel, chaincodeName);
    const containerInfo = `invalid invocation: [channel ${channel}] failed to get chaincode container info for ${chaincodeName}`;
    if (!definition) throw new ChaincodeError(`${containerInfo}: chaincode ${chaincodeName} not found`);
    const handler = this.#handlers.get(invocation.peerMspId)?.get(definition.packageId);
    if (!handler) throw new ChaincodeError(`${containerInfo}: chaincode definition for '${chaincodeName}' exists, but chaincode is not installed`);
    // Fabric's CheckInvocation reads the definition's sequence through the simulator (ChaincodeEndorsementInfo), so
    // every read-write set depends on the definitions of the chaincodes it ran.
    await invocation.simulator.getState(LIFECYCLE_NAMESPACE, sequenceKey(chaincodeName));
    const type = await checkInvocation(definition, invocation).catch((err: Error) => {
      throw new ChaincodeError(`invalid invocation: ${err.message}`);
    });
    await handler.launch(this.#options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS);
    const timeoutMs = this.#options.executeTimeoutMs ?? DEFAULT_EXECUTE_TIMEOUT_MS;
    return handler.execute({ type, invocation, definition, parent: caller, timeoutMs }).catch((err: Error) => {
      throw new ChaincodeError(`error sending: ${err.message}`);
    });
  }

  /** A system chaincode answers as Fabric's in-process shim does: a COMPLETED message carrying its Response. */
  async #invokeSystem(systemChaincodes: SystemChaincodes, invocation: ChaincodeInvocation): Promise<peer.ChaincodeMessage> {
    const response = await systemChaincodes.invoke(invocation.chaincodeName, {
      channel: invocation.channel,
      args: invocation.input.getArgsList_asU8(),
      signedProposal: invocation.signedProposal,
      creator: invocation.creator,
      peerMspId: invocation.peerMspId,
      simulator: systemChaincodes.needsSimulator(invocation.chaincodeName) ? invocation.simulator : undefined,
    });
    const message = new peer.ChaincodeMessage();
    message.setType(MessageTypes.COMPLETED);
    message.setPayload(response.serializeBinary());
    message.setTxid(invocation.txId);
    message.setChannelId(invocation.channel);
    return message;
  }
}
