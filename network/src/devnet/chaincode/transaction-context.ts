import type { peer } from '@hyperledger/fabric-protos';
import type { TxSimulator } from '../ledger/api';
import type { ChaincodeDefinition } from '../lifecycle/api';
import type { ChaincodeInvocation } from './api';

export interface CollectionPermission {
  readonly read: boolean;
  readonly write: boolean;
}

/** An open range, history or query iterator of a transaction (see QueryIteration). */
export interface OpenQuery {
  readonly id: string;
  nextResponse(): Promise<{ response: peer.QueryResponse; done: boolean }>;
  close(): Promise<void>;
}

export interface TransactionContextInit {
  readonly invocation: ChaincodeInvocation;
  readonly definition: ChaincodeDefinition;
  readonly isInit: boolean;
  /** The execution whose INVOKE_CHAINCODE started this one. */
  readonly parent?: TransactionContext;
}

/** Fabric's TransactionContext: what the peer holds for one execution while the chaincode runs it. */
export class TransactionContext {
  readonly invocation: ChaincodeInvocation;
  readonly definition: ChaincodeDefinition;
  /** INIT rather than TRANSACTION: private data APIs are refused. */
  readonly isInit: boolean;
  readonly parent?: TransactionContext;
  /** Collection read/write permissions, evaluated once per execution (Fabric's CollectionACLCache). */
  readonly collectionPermissions = new Map<string, CollectionPermission>();
  /** Settles with the chaincode's COMPLETED or ERROR message, or rejects when the execution cannot finish. */
  readonly response: Promise<peer.ChaincodeMessage>;
  readonly #queries = new Map<string, OpenQuery>();
  #settle!: { resolve: (message: peer.ChaincodeMessage) => void; reject: (err: Error) => void };

  constructor(init: TransactionContextInit) {
    this.invocation = init.invocation;
    this.definition = init.definition;
    this.isInit = init.isInit;
    this.parent = init.parent;
    this.response = new Promise((resolve, reject) => (this.#settle = { resolve, reject }));
    // A failure nobody waits for any more (after a timeout) must not surface as an unhandled rejection.
    this.response.catch(() => undefined);
  }

  get channel(): string {
    return this.invocation.channel;
  }

  get txId(): string {
    return this.invocation.txId;
  }

  /** The chaincode's namespace in the ledger: its name. */
  get namespace(): string {
    return this.invocation.chaincodeName;
  }

  get simulator(): TxSimulator {
    return this.invocation.simulator;
  }

  complete(message: peer.ChaincodeMessage): void {
    this.#settle.resolve(message);
  }

  fail(error: Error): void {
    this.#settle.reject(error);
  }

  addQuery(query: OpenQuery): void {
    this.#queries.set(query.id, query);
  }

  query(id: string): OpenQuery | undefined {
    return this.#queries.get(id);
  }

  async removeQuery(id: string): Promise<void> {
    const query = this.#queries.get(id);
    this.#queries.delete(id);
    await query?.close();
  }

  /** Releases every iterator the chaincode left open (Fabric closes them when the execution ends). */
  async closeQueries(): Promise<void> {
    const queries = [...this.#queries.values()];
    this.#queries.clear();
    await Promise.allSettled(queries.map((query) => query.close()));
  }
}
