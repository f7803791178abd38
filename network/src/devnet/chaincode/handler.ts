import type { peer } from '@hyperledger/fabric-protos';
import type { ChaincodeDefinition } from '../lifecycle/api';
import { ChaincodeError, type ChaincodeInvocation } from './api';
import { ChaincodeConnection, type ChaincodeServerConnection } from './connection';
import { chaincodeMessage, MessageTypes, typeName, type MessageType } from './messages';
import type { RequestEnv, RequestHandler } from './request-env';
import { REQUEST_HANDLERS } from './requests';
import type { TransactionContext } from './transaction-context';
import { TransactionContexts } from './transaction-contexts';

/** Fabric's ErrorExecutionTimeout and ErrorStreamTerminated. */
const EXECUTION_TIMEOUT = 'timeout expired while executing transaction';
const STREAM_TERMINATED = 'chaincode stream terminated';

export interface ExecuteRequest {
  /** INIT or TRANSACTION. */
  readonly type: MessageType;
  readonly invocation: ChaincodeInvocation;
  readonly definition: ChaincodeDefinition;
  /** The execution whose INVOKE_CHAINCODE asks for this one. */
  readonly parent?: TransactionContext;
  readonly timeoutMs: number;
}

/**
 * The peer's handler of one chaincode package (Fabric's Handler): its connection, the executions running on it,
 * and the chaincode's requests for them. Requests are served as they come, even several for one transaction.
 */
export class ChaincodeHandler {
  readonly packageId: string;
  readonly #connection: ChaincodeConnection;
  readonly #contexts = new TransactionContexts();
  readonly #env: RequestEnv;

  constructor(packageId: string, server: ChaincodeServerConnection, env: RequestEnv) {
    this.packageId = packageId;
    this.#env = env;
    this.#connection = new ChaincodeConnection(packageId, server, {
      onMessage: (message) => this.#handleMessage(message),
      onTerminated: () => this.#contexts.failAll(new ChaincodeError(STREAM_TERMINATED)),
    });
  }

  /** Resolves once the chaincode is registered. */
  ready(): Promise<void> {
    return this.#connection.whenReady();
  }

  /** Fabric's Launch: waits up to timeoutMs for the chaincode to be registered, else fails with why it is not. */
  async launch(timeoutMs: number): Promise<void> {
    if (this.#connection.ready) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const reason = this.#connection.lastFailure ?? `timeout expired while starting chaincode ${this.packageId} for transaction`;
        reject(new ChaincodeError(`could not launch chaincode ${this.packageId}: ${reason}`));
      }, timeoutMs);
    });
    try {
      await Promise.race([this.#connection.whenReady(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Fabric's Handler.Execute: resolves with the chaincode's COMPLETED or ERROR message. */
  async execute({ type, invocation, definition, parent, timeoutMs }: ExecuteRequest): Promise<peer.ChaincodeMessage> {
    const context = await this.#contexts.create({ invocation, definition, isInit: type === MessageTypes.INIT, parent });
    let timer: NodeJS.Timeout | undefined;
    try {
      const message = chaincodeMessage(type, invocation.channel, invocation.txId, invocation.input.serializeBinary());
      message.setProposal(invocation.signedProposal);
      try {
        this.#connection.send(message);
      } catch {
        throw new ChaincodeError(STREAM_TERMINATED);
      }
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ChaincodeError(EXECUTION_TIMEOUT)), timeoutMs);
      });
      return await Promise.race([context.response, timeout]);
    } finally {
      clearTimeout(timer);
      this.#contexts.delete(context);
      await context.closeQueries();
    }
  }

  close(): void {
    this.#connection.close();
  }

  #handleMessage(message: peer.ChaincodeMessage): void {
    const type = message.getType();
    if (type === MessageTypes.KEEPALIVE) return;
    if (type === MessageTypes.COMPLETED || type === MessageTypes.ERROR) {
      // A late answer to an execution that timed out has no context any more and is dropped, as in Fabric.
      this.#contexts.get(message.getChannelId(), message.getTxid())?.complete(message);
      return;
    }
    const handle = REQUEST_HANDLERS.get(type);
    if (!handle) {
      this.#connection.abort(`[${message.getTxid()}] Fabric side handler cannot handle message (${typeName(type)}) while in ready state`);
      return;
    }
    void this.#serve(message, handle);
  }

  /** Fabric's HandleTransaction: RESPONSE with the handler's payload, or ERROR "<TYPE> failed: transaction ID: <txid>: <why>". */
  async #serve(message: peer.ChaincodeMessage, handle: RequestHandler): Promise<void> {
    const channelId = message.getChannelId();
    const txId = message.getTxid();
    let reply: peer.ChaincodeMessage;
    try {
      const context = this.#contexts.get(channelId, txId);
      if (!context) {
        throw new ChaincodeError(message.getType() === MessageTypes.INVOKE_CHAINCODE ? 'could not get valid transaction' : 'no ledger context');
      }
      reply = chaincodeMessage(MessageTypes.RESPONSE, channelId, txId, await handle(message, context, this.#env));
    } catch (err) {
      const text = `${typeName(message.getType())} failed: transaction ID: ${txId}: ${(err as Error).message}`;
      reply = chaincodeMessage(MessageTypes.ERROR, channelId, txId, Buffer.from(text));
    }
    try {
      this.#connection.send(reply);
    } catch {
      // The stream is gone; the executions it carried have already failed with "chaincode stream terminated".
    }
  }
}
