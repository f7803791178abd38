import { ChaincodeError } from './api';
import { TransactionContext, type TransactionContextInit } from './transaction-context';

/**
 * The running executions of one chaincode connection, named by channel and transaction id as on the wire
 * (Fabric's TransactionContexts, one per handler).
 *
 * On Fabric every peer has its own connection to the chaincode; here one connection serves the peers of every
 * org, so two orgs endorsing the same transaction would claim the same name. The second waits for the first
 * to finish. A chaincode that calls back into a running execution's name (itself, on the same channel) is refused
 * with Fabric's error, since waiting would never end.
 */
export class TransactionContexts {
  readonly #active = new Map<string, TransactionContext>();
  readonly #waiting = new Map<string, (() => void)[]>();

  async create(init: TransactionContextInit): Promise<TransactionContext> {
    const { channel, txId } = init.invocation;
    const id = contextId(channel, txId);
    for (let active = this.#active.get(id); active; active = this.#active.get(id)) {
      if (isCallerOf(active, init.parent)) throw new ChaincodeError(`txid: ${txId}(${channel}) exists`);
      await new Promise<void>((resolve) => this.#waiting.set(id, [...(this.#waiting.get(id) ?? []), resolve]));
    }
    const context = new TransactionContext(init);
    this.#active.set(id, context);
    return context;
  }

  get(channel: string, txId: string): TransactionContext | undefined {
    return this.#active.get(contextId(channel, txId));
  }

  delete(context: TransactionContext): void {
    const id = contextId(context.channel, context.txId);
    if (this.#active.get(id) !== context) return;
    this.#active.delete(id);
    const waiters = this.#waiting.get(id);
    const next = waiters?.shift();
    if (waiters?.length === 0) this.#waiting.delete(id);
    next?.();
  }

  /** The stream is gone: no running execution can complete (Fabric's streamDone). */
  failAll(error: Error): void {
    for (const context of this.#active.values()) context.fail(error);
  }
}

/** Fabric's contextID, with a separator so that channel and txid cannot run into each other. */
function contextId(channel: string, txId: string): string {
  return `${channel}\u0000${txId}`;
}

function isCallerOf(context: TransactionContext, caller: TransactionContext | undefined): boolean {
  for (let c = caller; c; c = c.parent) if (c === context) return true;
  return false;
}
