import { peer } from '@hyperledger/fabric-protos';
import type { ChaincodeStub } from 'fabric-shim';
import { writeBatchPayload, type HeldWrite } from './write-batch';

/**
 * Fabric 3.1's write batches and multi-key reads for fabric-shim 2.5.8, which knows neither. A Fabric 3.1 peer (and
 * the devnet) says in its READY message whether it takes them (ChaincodeAdditionalParams, core.yaml
 * chaincode.runtimeParams). When it does:
 *
 * - every write of a transaction (PutState, DelState, PutStateMetadata, PurgePrivateData, public or private) is held
 *   in order and sent in WRITE_BATCH_STATE messages of at most the peer's batch size, the last once the contract
 *   has answered and before the shim sends COMPLETED, as Fabric's Go shim does. The peer applies the records in
 *   order with the checks of each single request; a record it refuses fails the transaction, as the single request
 *   would have. Writes are also sent before an InvokeChaincode, so that the called chaincode runs after them.
 * - getMultipleStates reads many keys in GET_STATE_MULTIPLE messages of at most the peer's size.
 *
 * Reads never see a transaction's own writes on Fabric, so holding writes back changes no answer. With a peer that
 * announces neither (Fabric 2.5), every request goes as before, one message each.
 */

/** The parts of fabric-shim's ChaincodeMessageHandler (lib/handler.js) this module wraps. */
interface ShimHandler {
  _stream: { on(event: 'data', listener: (message: ShimMessage) => void): void };
  chaincode: ShimChaincode;
  chat(starter: unknown): void;
  handlePutState(collection: string, key: string, value: Uint8Array, channelId: string, txId: string): Promise<unknown>;
  handleDeleteState(collection: string, key: string, channelId: string, txId: string): Promise<unknown>;
  handlePurgeState(collection: string, key: string, channelId: string, txId: string): Promise<unknown>;
  handlePutStateMetadata(collection: string, key: string, metakey: string, value: Uint8Array, channelId: string, txId: string): Promise<unknown>;
  handleInvokeChaincode(name: string, args: unknown, channelId: string, txId: string): Promise<unknown>;
  _askPeerAndListen(message: ShimMessage, method: string): Promise<Buffer>;
  [BATCHING]?: PeerBatching;
}

interface ShimMessage {
  getType(): number;
  getPayload_asU8(): Uint8Array;
}

interface ShimChaincode {
  Init(stub: ChaincodeStub): Promise<ShimResponse>;
  Invoke(stub: ChaincodeStub): Promise<ShimResponse>;
}

interface ShimResponse {
  status: number;
  message?: string;
  payload?: Uint8Array;
}

/** What the peer announced, and the writes held for each running transaction. */
interface PeerBatching {
  maxWrites: number;
  maxKeys: number;
  readonly pending: Map<string, HeldWrite[]>;
}

const BATCHING = Symbol('peerBatching');
/** fabric-shim's Stub.RESPONSE_CODE.ERROR. */
const ERROR_STATUS = 500;
/**
 * Message and write record types, as numbers on the wire: fabric-shim's older fabric-protos and this package's newer
 * one share google-protobuf's global namespace, so which one's enums a process sees depends on which loaded first.
 */
const MESSAGE = { READY: 4, WRITE_BATCH_STATE: 24, GET_STATE_MULTIPLE: 25 } as const;
const RECORD = { PUT_STATE: 9, DEL_STATE: 10, PUT_STATE_METADATA: 21, PURGE_PRIVATE_DATA: 23 } as const;

let installed = false;

/** Teaches fabric-shim's message handler write batches and multi-key reads (once per process). */
export function installPeerBatching(): void {
  if (installed) return;
  installed = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- fabric-shim's handler is not part of its typed API
  const { ChaincodeMessageHandler } = require('fabric-shim/lib/handler.js') as { ChaincodeMessageHandler: { prototype: ShimHandler } };
  const proto = ChaincodeMessageHandler.prototype;

  const chat = proto.chat;
  proto.chat = function (this: ShimHandler, starter: unknown): void {
    const batching: PeerBatching = { maxWrites: 0, maxKeys: 0, pending: new Map() };
    this[BATCHING] = batching;
    // Registered before the shim's own listener: READY is read here first.
    this._stream.on('data', (message) => {
      if (message.getType() !== MESSAGE.READY) return;
      const params = peer.ChaincodeAdditionalParams.deserializeBinary(message.getPayload_asU8());
      batching.maxWrites = params.getUseWriteBatch() ? Math.max(1, params.getMaxSizeWriteBatch()) : 0;
      batching.maxKeys = params.getUseGetMultipleKeys() ? Math.max(1, params.getMaxSizeGetMultipleKeys()) : 0;
    });
    const chaincode = this.chaincode;
    const run = (call: (stub: ChaincodeStub) => Promise<ShimResponse>) => async (stub: ChaincodeStub) => {
      const tx = txKey(stub.getChannelID(), stub.getTxID());
      if (batching.maxWrites > 0) batching.pending.set(tx, []);
      try {
        const response = await call(stub);
        if (response.status >= ERROR_STATUS) return response;
        try {
          await flush(this, stub.getChannelID(), stub.getTxID());
        } catch (err) {
          return { status: ERROR_STATUS, message: (err as Error).message };
        }
        return response;
      } finally {
        batching.pending.delete(tx);
      }
    };
    this.chaincode = { Init: run((stub) => chaincode.Init(stub)), Invoke: run((stub) => chaincode.Invoke(stub)) };
    chat.call(this, starter);
  };

  const hold =
    <A extends unknown[]>(direct: (this: ShimHandler, ...args: A) => Promise<unknown>, record: (...args: A) => HeldWrite, at: (args: A) => [string, string]) =>
    async function (this: ShimHandler, ...args: A): Promise<unknown> {
      const [channelId, txId] = at(args);
      const batching = this[BATCHING];
      const pending = batching?.pending.get(txKey(channelId, txId));
      if (!batching || !pending) return direct.apply(this, args);
      pending.push(record(...args));
      if (pending.length >= batching.maxWrites) await flush(this, channelId, txId);
      return undefined;
    };
  proto.handlePutState = hold(
    proto.handlePutState,
    (collection, key, value) => ({ type: RECORD.PUT_STATE, collection, key, value }),
    (a) => [a[3], a[4]],
  );
  proto.handleDeleteState = hold(
    proto.handleDeleteState,
    (collection, key) => ({ type: RECORD.DEL_STATE, collection, key }),
    (a) => [a[2], a[3]],
  );
  proto.handlePurgeState = hold(
    proto.handlePurgeState,
    (collection, key) => ({ type: RECORD.PURGE_PRIVATE_DATA, collection, key }),
    (a) => [a[2], a[3]],
  );
  proto.handlePutStateMetadata = hold(
    proto.handlePutStateMetadata,
    (collection, key, metakey, value) => ({ type: RECORD.PUT_STATE_METADATA, collection, key, metadata: { metakey, value } }),
    (a) => [a[4], a[5]],
  );
  const invoke = proto.handleInvokeChaincode;
  proto.handleInvokeChaincode = async function (this: ShimHandler, name, args, channelId, txId) {
    await flush(this, channelId, txId);
    return invoke.call(this, name, args, channelId, txId);
  };
}

/**
 * The values of the keys (of channel state, or of the collection), in their order; an empty value for a key that
 * does not exist. Many keys a message when the peer takes it, else one GetState each.
 */
export async function getMultipleStates(stub: ChaincodeStub, collection: string, keys: readonly string[]): Promise<Uint8Array[]> {
  const handler = (stub as unknown as { handler?: ShimHandler }).handler;
  const max = handler?.[BATCHING]?.maxKeys ?? 0;
  const values: Uint8Array[] = [];
  if (!handler || max === 0) {
    for (const key of keys) values.push(collection ? await stub.getPrivateData(collection, key) : await stub.getState(key));
    return values;
  }
  for (let from = 0; from < keys.length; from += max) {
    const request = new peer.GetStateMultiple();
    request.setKeysList(keys.slice(from, from + max));
    request.setCollection(collection);
    const message = shimMessage(MESSAGE.GET_STATE_MULTIPLE, request.serializeBinary(), stub.getChannelID(), stub.getTxID());
    const payload = await handler._askPeerAndListen(message, 'GetStateMultiple');
    values.push(...peer.GetStateMultipleResult.deserializeBinary(payload).getValuesList_asU8());
  }
  return values;
}

/** Sends the transaction's held writes, if any, in batches of the peer's size. */
async function flush(handler: ShimHandler, channelId: string, txId: string): Promise<void> {
  const batching = handler[BATCHING];
  const pending = batching?.pending.get(txKey(channelId, txId));
  if (!batching || !pending || pending.length === 0) return;
  const records = pending.splice(0);
  for (let from = 0; from < records.length; from += batching.maxWrites) {
    const payload = writeBatchPayload(records.slice(from, from + batching.maxWrites));
    await handler._askPeerAndListen(shimMessage(MESSAGE.WRITE_BATCH_STATE, payload, channelId, txId), 'WriteBatchState');
  }
}

/**
 * A conversation message of the shim's own protobuf classes (the shim's bundled fabric-protos, which predates these
 * message types: a type is a number on the wire), so that its stream serialises it like any other.
 */
function shimMessage(type: number, payload: Uint8Array, channelId: string, txId: string): ShimMessage {
  const message = new (shimProtos().ChaincodeMessage)();
  message.setType(type as peer.ChaincodeMessage.TypeMap[keyof peer.ChaincodeMessage.TypeMap]);
  message.setPayload(payload);
  message.setChannelId(channelId);
  message.setTxid(txId);
  return message;
}

let shimPeer: typeof peer | undefined;

function shimProtos(): typeof peer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the shim's own protobuf classes, not the newer ones this package uses
  shimPeer ??= (require(require.resolve('@hyperledger/fabric-protos', { paths: [require.resolve('fabric-shim')] })) as { peer: typeof peer }).peer;
  return shimPeer;
}

function txKey(channelId: string, txId: string): string {
  return `${channelId}\u0000${txId}`;
}
