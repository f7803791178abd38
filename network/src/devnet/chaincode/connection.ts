import * as grpc from '@grpc/grpc-js';
import { peer } from '@hyperledger/fabric-protos';
import type { ChaincodeClientTls } from '../../crypto';
import type { Endpoint } from '../../description';
import { ChaincodeError } from './api';
import { chaincodeMessage, MessageTypes, typeName } from './messages';

/** Fabric's peer message limits (100 MiB): a large value or a batch of range results must not break the stream. */
const MAX_MESSAGE_BYTES = 100 * 1024 * 1024;
/** Redial delays while the chaincode server is not there (it may be starting or restarting). */
const INITIAL_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;
/**
 * What READY tells the chaincode, as Fabric 3.1's peer does with its core.yaml defaults (chaincode.runtimeParams):
 * the peer takes writes in batches (WRITE_BATCH_STATE) and many keys in one read (GET_STATE_MULTIPLE), up to 1000
 * of each a message. A chaincode that does not know them (fabric-shim 2.5.8) ignores the payload.
 */
export const RUNTIME_PARAMS: Uint8Array = (() => {
  const params = new peer.ChaincodeAdditionalParams();
  params.setUseWriteBatch(true);
  params.setMaxSizeWriteBatch(1000);
  params.setUseGetMultipleKeys(true);
  params.setMaxSizeGetMultipleKeys(1000);
  return params.serializeBinary();
})();

type ChaincodeStream = grpc.ClientDuplexStream<peer.ChaincodeMessage, peer.ChaincodeMessage>;

/**
 * Where and how a peer dials one chaincode server: what connection.json tells a Fabric peer. Always TLS with client
 * authentication (tls_required and client_auth_required), as our packages ask.
 */
export interface ChaincodeServerConnection {
  readonly endpoint: Endpoint;
  readonly tls: ChaincodeClientTls;
}

export interface ConnectionListener {
  /** A message of the established conversation (after READY). */
  onMessage(message: peer.ChaincodeMessage): void;
  /** The established stream ended: executions running on it can no longer complete. */
  onTerminated(): void;
}

/**
 * The peer's side of one chaincode server's Chaincode.Connect stream, as Fabric's ccaas support does it: the peer
 * dials, the chaincode sends REGISTER with its package id, the peer answers REGISTERED then READY. When the stream
 * drops, the connection dials again with backoff, so a restarted chaincode server is picked up.
 *
 * The peer never sends KEEPALIVE: Fabric's default chaincode.keepalive is 0 (off), and fabric-shim (Node) exits on a
 * message type it does not expect. KEEPALIVE from the chaincode is ignored, as Fabric does.
 */
export class ChaincodeConnection {
  readonly packageId: string;
  readonly #client: peer.ChaincodeClient;
  readonly #listener: ConnectionListener;
  #stream?: ChaincodeStream;
  #ready = false;
  #closed = false;
  #backoffMs = INITIAL_BACKOFF_MS;
  #redial?: NodeJS.Timeout;
  #waiters: { resolve: () => void; reject: (err: Error) => void }[] = [];
  #lastFailure?: string;

  constructor(packageId: string, server: ChaincodeServerConnection, listener: ConnectionListener) {
    this.packageId = packageId;
    this.#listener = listener;
    const { endpoint, tls } = server;
    // As Fabric dials: the server's certificate must chain to root_cert and carry the domain; the client certificate
    // is shown for the server's client authentication.
    const credentials = grpc.credentials.createSsl(Buffer.from(tls.rootCert), Buffer.from(tls.clientKey), Buffer.from(tls.clientCert));
    this.#client = new peer.ChaincodeClient(`${endpoint.host}:${endpoint.port}`, credentials, {
      'grpc.ssl_target_name_override': tls.serverName,
      'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
      'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
      // gRPC's own reconnect backoff grows to minutes; a restarted chaincode server must be found within seconds.
      'grpc.initial_reconnect_backoff_ms': INITIAL_BACKOFF_MS,
      'grpc.max_reconnect_backoff_ms': MAX_BACKOFF_MS,
    });
    this.#dial();
  }

  get ready(): boolean {
    return this.#ready;
  }

  /** Why the last stream failed or was refused, worded as Fabric's launcher words it; undefined once READY. */
  get lastFailure(): string | undefined {
    return this.#lastFailure;
  }

  /** Resolves once the chaincode has registered (at once if it is registered now). */
  whenReady(): Promise<void> {
    if (this.#closed) return Promise.reject(new ChaincodeError(`connection to ${this.packageId} is closed`));
    if (this.#ready) return Promise.resolve();
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /** Sends on the established stream; throws when there is none (the caller treats it as a terminated stream). */
  send(message: peer.ChaincodeMessage): void {
    const stream = this.#stream;
    if (!this.#ready || !stream) throw new ChaincodeError(`connection to ${this.packageId} is not established`);
    stream.write(message);
  }

  /** Ends the current stream, as Fabric does on a message it cannot handle; a new stream is dialled. */
  abort(reason: string): void {
    if (this.#stream) this.#ended(this.#stream, reason);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#redial);
    for (const waiter of this.#waiters.splice(0)) waiter.reject(new ChaincodeError(`connection to ${this.packageId} is closed`));
    if (this.#stream) this.#ended(this.#stream, 'closed');
    this.#client.close();
  }

  #dial(): void {
    const stream = this.#client.connect();
    this.#stream = stream;
    stream.on('data', (message: peer.ChaincodeMessage) => {
      if (this.#stream !== stream) return;
      if (this.#ready) this.#listener.onMessage(message);
      else this.#register(stream, message);
    });
    stream.on('error', (err: Error) => this.#ended(stream, `connection to ${this.packageId} failed: ${err.message}`));
    stream.on('end', () => this.#ended(stream, `connection to ${this.packageId} terminated`));
  }

  /** Fabric's HandleRegister: the only message accepted before READY is REGISTER naming the expected package. */
  #register(stream: ChaincodeStream, message: peer.ChaincodeMessage): void {
    const type = message.getType();
    if (type === MessageTypes.KEEPALIVE) return;
    if (type !== MessageTypes.REGISTER) {
      this.#ended(stream, `[${message.getTxid()}] Fabric side handler cannot handle message (${typeName(type)}) while in created state`);
      return;
    }
    const name = peer.ChaincodeID.deserializeBinary(message.getPayload_asU8()).getName();
    if (name === '') {
      this.#ended(stream, 'chaincode registration failed: error in handling register chaincode, chaincodeID name is empty');
      return;
    }
    // Fabric's handler registry only accepts the package ids the peer launched (except in dev mode).
    if (name !== this.packageId) {
      this.#ended(stream, `chaincode registration failed: peer will not accept external chaincode connection ${name} (except in dev mode)`);
      return;
    }
    stream.write(chaincodeMessage(MessageTypes.REGISTERED, '', ''));
    stream.write(chaincodeMessage(MessageTypes.READY, '', '', RUNTIME_PARAMS));
    this.#ready = true;
    this.#backoffMs = INITIAL_BACKOFF_MS;
    this.#lastFailure = undefined;
    for (const waiter of this.#waiters.splice(0)) waiter.resolve();
  }

  #ended(stream: ChaincodeStream, failure: string): void {
    if (this.#stream !== stream) return;
    this.#stream = undefined;
    stream.cancel();
    const wasReady = this.#ready;
    this.#ready = false;
    if (wasReady) this.#listener.onTerminated();
    if (this.#closed) return;
    this.#lastFailure = failure;
    this.#redial = setTimeout(() => this.#dial(), this.#backoffMs);
    this.#backoffMs = Math.min(this.#backoffMs * 2, MAX_BACKOFF_MS);
  }
}
