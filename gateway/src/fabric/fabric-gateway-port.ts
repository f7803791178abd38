import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { connect, GatewayError, hash, signers, StatusCode, type Gateway } from '@hyperledger/fabric-gateway';
import { common, peer } from '@hyperledger/fabric-protos';
import type { GatewayOptions, GatewayUser } from '../config/options';
import { ChaincodeRefusal, LedgerUnavailable, UnknownUser } from './errors';
import { nativeSigner } from './signing';
import { blockFeed } from './block-feed';
import type { BlockFeed, ChaincodeCall, CommitOutcome, EndorsedTransaction, LedgerPort } from './port';

/** Every call has a deadline: a peer that hangs must not hold a request (or a job) forever. */
const CALL_DEADLINE_MS = 30_000;
const STATUS_NAMES = new Map<number, string>(Object.entries(StatusCode).map(([name, code]) => [code, name]));
/** gRPC codes that say the peer or orderer was not reached or did not answer: worth trying again later. */
const UNAVAILABLE = new Set([grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED, grpc.status.RESOURCE_EXHAUSTED, grpc.status.CANCELLED]);
/** How a peer reports a chaincode's refusal: "chaincode response 500, <CODE>: <detail>". */
const CHAINCODE_REFUSAL = /chaincode response \d+, ([A-Z][A-Z_]+): ([\s\S]*)$/;

/** The org's own peer, reached with its own users' identities: one gRPC connection, one Gateway per user. */
export class FabricGatewayPort implements LedgerPort {
  readonly #client: grpc.Client;
  readonly #gateways = new Map<string, Gateway>();
  #users: ReadonlyMap<string, GatewayUser>;

  constructor(private readonly options: GatewayOptions) {
    const { peer: endpoint } = options;
    this.#client = new grpc.Client(endpoint.endpoint, grpc.credentials.createSsl(readFileSync(endpoint.tlsCaCertPath)), {
      'grpc.ssl_target_name_override': endpoint.hostname,
      // Answers are bounded by the chaincode (1 MiB plus one entry); a capture is at most 1 MiB plus its envelope.
      'grpc.max_receive_message_length': 16 * 1024 * 1024,
      'grpc.max_send_message_length': 16 * 1024 * 1024,
    });
    this.#users = new Map(options.users.map((u) => [u.name, u]));
  }

  async evaluate(user: string, call: ChaincodeCall): Promise<Uint8Array> {
    return translated(() => this.#contract(user, call.contract).evaluate(call.transaction, { arguments: [...(call.args ?? [])], transientData: call.transient }));
  }

  async endorse(user: string, call: ChaincodeCall): Promise<EndorsedTransaction> {
    return translated(async () => {
      const proposal = this.#contract(user, call.contract).newProposal(call.transaction, { arguments: [...(call.args ?? [])], transientData: call.transient });
      const transaction = await proposal.endorse();
      return { txId: transaction.getTransactionId(), bytes: transaction.getBytes(), result: transaction.getResult() };
    });
  }

  async submit(user: string, bytes: Uint8Array, waitMs: number): Promise<CommitOutcome> {
    return translated(async () => {
      const commit = await this.#gateway(user).newTransaction(bytes).submit();
      const status = await commit.getStatus({ deadline: Date.now() + waitMs });
      return { txId: status.transactionId, valid: status.successful, code: STATUS_NAMES.get(status.code) ?? String(status.code), blockNumber: status.blockNumber };
    });
  }

  async committed(user: string, txId: string): Promise<CommitOutcome | undefined> {
    try {
      const bytes = await translated(() => this.#gateway(user).getNetwork(this.options.channel).getContract('qscc').evaluateTransaction('GetTransactionByID', this.options.channel, txId));
      const code = peer.ProcessedTransaction.deserializeBinary(bytes).getValidationcode();
      return { txId, valid: code === StatusCode.VALID, code: STATUS_NAMES.get(code) ?? String(code) };
    } catch (err) {
      // qscc answers an unknown id with an error naming it; anything else (the peer is away) is not an answer.
      if (err instanceof GatewayError && messagesOf(err).some((m) => /Failed to get transaction with id/.test(m))) return undefined;
      throw err;
    }
  }

  blocks(fromBlock: bigint): BlockFeed {
    // The org's first user asks: any of its users sees what the org's peer may hand the org.
    return blockFeed(this.#gateway(this.options.users[0].name).getNetwork(this.options.channel), this.options.chaincode, fromBlock);
  }

  async height(): Promise<bigint> {
    const bytes = await translated(() => this.#gateway(this.options.users[0].name).getNetwork(this.options.channel).getContract('qscc').evaluateTransaction('GetChainInfo', this.options.channel));
    return BigInt(common.BlockchainInfo.deserializeBinary(bytes).getHeight());
  }

  async ready(): Promise<boolean> {
    const [user] = this.options.users;
    try {
      await this.evaluate(user.name, { contract: 'charter', transaction: 'get' });
      return true;
    } catch (err) {
      // A refusal is an answer: the peer and its chaincode are up.
      return err instanceof ChaincodeRefusal;
    }
  }

  /** Takes on the users of a rewritten configuration; a user whose files changed is connected anew. */
  useUsers(users: readonly GatewayUser[]): void {
    const next = new Map(users.map((u) => [u.name, u]));
    for (const [name, gateway] of this.#gateways) {
      const now = next.get(name);
      const before = this.#users.get(name);
      if (!now || now.certPath !== before?.certPath || now.keyPath !== before?.keyPath) {
        gateway.close();
        this.#gateways.delete(name);
      }
    }
    this.#users = next;
  }

  close(): void {
    for (const gateway of this.#gateways.values()) gateway.close();
    this.#gateways.clear();
    this.#client.close();
  }

  #contract(user: string, contract: string) {
    return this.#gateway(user).getNetwork(this.options.channel).getContract(this.options.chaincode, contract);
  }

  #gateway(name: string): Gateway {
    const existing = this.#gateways.get(name);
    if (existing) return existing;
    const user = this.#users.get(name);
    if (!user) throw new UnknownUser(`the gateway holds no identity for user ${name}`);
    const deadline = () => ({ deadline: Date.now() + CALL_DEADLINE_MS });
    const key = createPrivateKey(readFileSync(user.keyPath));
    const native = nativeSigner(key);
    const gateway = connect({
      client: this.#client,
      identity: { mspId: this.options.mspId, credentials: readFileSync(user.certPath) },
      // Signed in OpenSSL, which hashes the message itself; fabric-gateway's own signer for a key it cannot take.
      ...(native ? { signer: native, hash: hash.none } : { signer: signers.newPrivateKeySigner(key), hash: hash.sha256 }),
      evaluateOptions: deadline,
      endorseOptions: deadline,
      submitOptions: deadline,
      commitStatusOptions: deadline,
    });
    this.#gateways.set(name, gateway);
    return gateway;
  }
}

/** Fabric's errors in the port's terms: a chaincode's refusal, an unreachable network, or (rethrown) a fault. */
async function translated<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err;
    for (const message of messagesOf(err)) {
      const refusal = CHAINCODE_REFUSAL.exec(message);
      if (refusal) throw new ChaincodeRefusal(refusal[1], refusal[2]);
    }
    if (UNAVAILABLE.has(err.code)) throw new LedgerUnavailable(`the network did not answer (${grpc.status[err.code] ?? err.code})`);
    throw err;
  }
}

function messagesOf(err: GatewayError): string[] {
  return [...err.details.map((d) => d.message), err.message];
}
