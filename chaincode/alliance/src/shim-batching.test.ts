import { EventEmitter } from 'node:events';
import { peer } from '@hyperledger/fabric-protos';
import type { ChaincodeStub } from 'fabric-shim';
import { getMultipleStates, installPeerBatching } from './shim-batching';

// fabric-shim's own message handler, driven through a stream that plays the peer: what the chaincode sends for one
// transaction, with a peer that announces write batches and multi-key reads in READY and with one that does not.

/* eslint-disable @typescript-eslint/no-require-imports -- the shim's handler and its protobuf classes are not typed */
const { ChaincodeMessageHandler } = require('fabric-shim/lib/handler.js') as { ChaincodeMessageHandler: new (stream: unknown, chaincode: unknown) => { chat(starter: unknown): void } };
const shimPeer = (require(require.resolve('@hyperledger/fabric-protos', { paths: [require.resolve('fabric-shim')] })) as { peer: typeof peer }).peer;
// Quiet: the shim logs each registration and transaction at info.
(require('fabric-shim/lib/logger') as { setLevel(level: string): void }).setLevel('WARNING');
/* eslint-enable @typescript-eslint/no-require-imports */


const TYPE = { REGISTER: 1, REGISTERED: 2, READY: 4, TRANSACTION: 5, COMPLETED: 6, GET_STATE: 8, PUT_STATE: 9, RESPONSE: 13, WRITE_BATCH_STATE: 24, GET_STATE_MULTIPLE: 25 };

interface Sent {
  readonly type: number;
  readonly payload: Uint8Array;
}

/** A stream playing the peer: answers every request at once, values from `state`, and records what it was sent. */
class PeerStream extends EventEmitter {
  readonly sent: Sent[] = [];
  readonly completed: Promise<void>;
  #complete!: () => void;

  constructor(private readonly state: Map<string, string>) {
    super();
    this.completed = new Promise((resolve) => (this.#complete = resolve));
  }

  write(message: { getType(): number; getPayload_asU8(): Uint8Array; getTxid(): string; getChannelId(): string }): void {
    const type = message.getType();
    this.sent.push({ type, payload: message.getPayload_asU8() });
    if (type === TYPE.COMPLETED) this.#complete();
    let payload: Uint8Array | undefined;
    if (type === TYPE.GET_STATE) payload = Buffer.from(this.state.get(shimPeer.GetState.deserializeBinary(message.getPayload_asU8()).getKey()) ?? '');
    if (type === TYPE.GET_STATE_MULTIPLE) {
      const result = new peer.GetStateMultipleResult();
      result.setValuesList(peer.GetStateMultiple.deserializeBinary(message.getPayload_asU8()).getKeysList().map((key) => Buffer.from(this.state.get(key) ?? '')));
      payload = result.serializeBinary();
    }
    if (type === TYPE.PUT_STATE || type === TYPE.WRITE_BATCH_STATE) payload = new Uint8Array(0);
    if (payload) setImmediate(() => this.receive(TYPE.RESPONSE, payload, message.getTxid(), message.getChannelId()));
  }

  receive(type: number, payload: Uint8Array, txId = '', channelId = ''): void {
    const message = new shimPeer.ChaincodeMessage();
    message.setType(type as peer.ChaincodeMessage.TypeMap[keyof peer.ChaincodeMessage.TypeMap]);
    message.setPayload(payload);
    message.setTxid(txId);
    message.setChannelId(channelId);
    this.emit('data', message);
  }

  end(): void {}
}

/** Runs one transaction that reads x and y and writes a, b and c, on a peer announcing `params` (none: Fabric 2.5). */
async function transaction(params?: peer.ChaincodeAdditionalParams): Promise<{ sent: Sent[]; read: string[]; status: number }> {
  installPeerBatching();
  const stream = new PeerStream(new Map([['x', 'X']]));
  let read: string[] = [];
  const chaincode = {
    Init: async () => ({ status: 200 }),
    Invoke: async (stub: ChaincodeStub) => {
      read = (await getMultipleStates(stub, '', ['x', 'y'])).map((v) => Buffer.from(v).toString());
      for (const key of ['a', 'b', 'c']) await stub.putState(key, Buffer.from(key.toUpperCase()));
      return { status: 200, payload: Buffer.from('ok') };
    },
  };
  new ChaincodeMessageHandler(stream, chaincode).chat(new shimPeer.ChaincodeMessage());
  stream.receive(TYPE.REGISTERED, new Uint8Array(0));
  stream.receive(TYPE.READY, params ? params.serializeBinary() : new Uint8Array(0));
  const input = new shimPeer.ChaincodeInput();
  input.setArgsList([Buffer.from('run')]);
  stream.receive(TYPE.TRANSACTION, input.serializeBinary(), 'tx1', 'alliance');
  await stream.completed;
  const completed = stream.sent[stream.sent.length - 1];
  return { sent: stream.sent.slice(1), read, status: statusOf(completed) };
}

function statusOf(completed: Sent): number {
  return shimPeer.Response.deserializeBinary(completed.payload).getStatus();
}

function batchParams(maxWrites: number): peer.ChaincodeAdditionalParams {
  const params = new peer.ChaincodeAdditionalParams();
  params.setUseWriteBatch(true);
  params.setMaxSizeWriteBatch(maxWrites);
  params.setUseGetMultipleKeys(true);
  params.setMaxSizeGetMultipleKeys(1000);
  return params;
}

function batchKeys(sent: Sent): string[] {
  return peer.WriteBatchState.deserializeBinary(sent.payload)
    .getRecList()
    .map((r) => `${r.getType()}:${r.getKey()}=${Buffer.from(r.getValue_asU8()).toString()}`);
}

test('with a peer that takes them: one GET_STATE_MULTIPLE, and the writes in one WRITE_BATCH_STATE before COMPLETED', async () => {
  const { sent, read, status } = await transaction(batchParams(1000));
  expect(sent.map((s) => s.type)).toEqual([TYPE.GET_STATE_MULTIPLE, TYPE.WRITE_BATCH_STATE, TYPE.COMPLETED]);
  expect(batchKeys(sent[1])).toEqual([`${TYPE.PUT_STATE}:a=A`, `${TYPE.PUT_STATE}:b=B`, `${TYPE.PUT_STATE}:c=C`]);
  expect(read).toEqual(['X', '']);
  expect(status).toBe(200);
});

test("batches are no larger than the peer's maximum", async () => {
  const { sent } = await transaction(batchParams(2));
  expect(sent.map((s) => s.type)).toEqual([TYPE.GET_STATE_MULTIPLE, TYPE.WRITE_BATCH_STATE, TYPE.WRITE_BATCH_STATE, TYPE.COMPLETED]);
  expect([...batchKeys(sent[1]), ...batchKeys(sent[2])]).toEqual([`${TYPE.PUT_STATE}:a=A`, `${TYPE.PUT_STATE}:b=B`, `${TYPE.PUT_STATE}:c=C`]);
});

test('with a peer that announces neither (Fabric 2.5): one request a key, as fabric-shim sends them', async () => {
  const { sent, read } = await transaction();
  expect(sent.map((s) => s.type)).toEqual([TYPE.GET_STATE, TYPE.GET_STATE, TYPE.PUT_STATE, TYPE.PUT_STATE, TYPE.PUT_STATE, TYPE.COMPLETED]);
  expect(read).toEqual(['X', '']);
});
