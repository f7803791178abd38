import * as grpc from '@grpc/grpc-js';
import { common, orderer } from '@hyperledger/fabric-protos';
import type { OrderingService } from './api';
import { OrderingServiceImpl } from './broadcast';
import { atomicBroadcastHandlers } from './grpc';
import { createTestUser, envelopeOf, fakeDeserializer, RecordingSink, signedEnvelope, TEST_BATCH, writersPolicy } from './test-fakes';

const Status = common.Status;
const AtomicBroadcastClient = grpc.makeGenericClientConstructor(orderer.AtomicBroadcastService, 'AtomicBroadcast');
type BroadcastStream = grpc.ClientDuplexStream<common.Envelope, orderer.BroadcastResponse>;

/** A Deliver handler that answers every request with NOT_FOUND, to show Deliver is wired through. */
function stubDeliver(call: grpc.ServerDuplexStream<common.Envelope, orderer.DeliverResponse>): void {
  call.on('data', () => {
    const response = new orderer.DeliverResponse();
    response.setStatus(Status.NOT_FOUND);
    call.write(response);
    call.end();
  });
}

/** Answers by payload text: "ok" SUCCESS, "bad" BAD_REQUEST, "boom" rejects; "slow" waits first. */
function scriptedService(calls: string[]): OrderingService {
  return {
    async broadcast(envelope) {
      const text = Buffer.from(envelope.getPayload_asU8()).toString();
      calls.push(text);
      if (text.startsWith('slow')) await new Promise((resolve) => setTimeout(resolve, 20));
      if (text === 'boom') throw new Error('orderer fault');
      const response = new orderer.BroadcastResponse();
      response.setStatus(text === 'bad' ? Status.BAD_REQUEST : Status.SUCCESS);
      response.setInfo(text === 'bad' ? 'refused' : '');
      return response;
    },
  };
}

function rawEnvelope(text: string): common.Envelope {
  const envelope = new common.Envelope();
  envelope.setPayload(Buffer.from(text));
  return envelope;
}

interface StreamResult {
  readonly responses: Array<{ status: number; info: string }>;
  readonly code: grpc.status;
  readonly details: string;
}

/** Sends the envelopes on one Broadcast stream, half-closes, and collects everything until the status. */
function broadcastAll(client: grpc.Client, envelopes: common.Envelope[]): Promise<StreamResult> {
  const stream = (client as unknown as { broadcast(): BroadcastStream }).broadcast();
  const responses: StreamResult['responses'] = [];
  return new Promise((resolve) => {
    stream.on('data', (response: orderer.BroadcastResponse) => responses.push({ status: response.getStatus(), info: response.getInfo() }));
    stream.on('status', (status: grpc.StatusObject) => resolve({ responses, code: status.code, details: status.details }));
    stream.on('error', () => undefined); // reported through 'status'
    for (const envelope of envelopes) stream.write(envelope);
    stream.end();
  });
}

describe('atomicBroadcastHandlers', () => {
  let server: grpc.Server;
  let address: string;
  let service: OrderingService;
  const clients: grpc.Client[] = [];

  beforeEach(async () => {
    server = new grpc.Server();
    server.addService(orderer.AtomicBroadcastService, atomicBroadcastHandlers({ broadcast: (envelope) => service.broadcast(envelope) }, stubDeliver));
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound))),
    );
    address = `127.0.0.1:${port}`;
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
  });

  function newClient(): grpc.Client {
    const client = new AtomicBroadcastClient(address, grpc.credentials.createInsecure());
    clients.push(client);
    return client;
  }

  it('answers each envelope in order, then ends the stream when the client is done', async () => {
    const calls: string[] = [];
    service = scriptedService(calls);
    const result = await broadcastAll(newClient(), ['slow-1', 'ok', 'slow-2', 'ok'].map(rawEnvelope));
    expect(result.code).toBe(grpc.status.OK);
    expect(result.responses.map((r) => r.status)).toEqual([Status.SUCCESS, Status.SUCCESS, Status.SUCCESS, Status.SUCCESS]);
    expect(calls).toEqual(['slow-1', 'ok', 'slow-2', 'ok']);
  });

  it('ends the stream after the first refusal, as Fabric does, without processing what follows', async () => {
    const calls: string[] = [];
    service = scriptedService(calls);
    const result = await broadcastAll(newClient(), ['ok', 'bad', 'ok'].map(rawEnvelope));
    expect(result.code).toBe(grpc.status.OK);
    expect(result.responses).toEqual([
      { status: Status.SUCCESS, info: '' },
      { status: Status.BAD_REQUEST, info: 'refused' },
    ]);
    expect(calls).toEqual(['ok', 'bad']);
  });

  it('fails the stream with INTERNAL when the ordering service itself fails', async () => {
    service = scriptedService([]);
    const result = await broadcastAll(newClient(), ['ok', 'boom', 'ok'].map(rawEnvelope));
    expect(result.responses.map((r) => r.status)).toEqual([Status.SUCCESS]);
    expect(result.code).toBe(grpc.status.INTERNAL);
    expect(result.details).toBe('orderer fault');
  });

  it('survives bytes that are not an Envelope, and keeps serving', async () => {
    service = scriptedService([]);
    const raw = new grpc.Client(address, grpc.credentials.createInsecure());
    clients.push(raw);
    const code = await new Promise<grpc.status>((resolve) => {
      const stream = raw.makeBidiStreamRequest<Buffer, Buffer>(
        '/orderer.AtomicBroadcast/Broadcast',
        (bytes) => bytes,
        (bytes) => bytes,
      );
      stream.on('status', (status: grpc.StatusObject) => resolve(status.code));
      stream.on('error', () => undefined);
      stream.on('data', () => undefined);
      stream.write(Buffer.from([0xff, 0xff, 0xff]));
      stream.end();
    });
    expect(code).toBe(grpc.status.INTERNAL); // as Go gRPC answers a request it cannot unmarshal
    expect((await broadcastAll(newClient(), [rawEnvelope('ok')])).responses).toEqual([{ status: Status.SUCCESS, info: '' }]);
  });

  it('answers malformed and valid envelopes from the real ordering service', async () => {
    const ordererUser = createTestUser('OrdererMSP');
    const user = createTestUser('Org1MSP');
    const sink = new RecordingSink();
    const real = new OrderingServiceImpl({
      channels: [{ name: 'alliance', batch: TEST_BATCH, policies: writersPolicy(['Org1MSP']), height: 1, lastBlockHeaderHash: new Uint8Array(32) }],
      deserializer: fakeDeserializer([user.identity]),
      signer: ordererUser.signer,
      sink: sink.sink,
      cutPerTransaction: true,
    });
    service = real;
    const ok = await broadcastAll(newClient(), [signedEnvelope(user.signer, { channel: 'alliance' }), signedEnvelope(user.signer, { channel: 'alliance' })]);
    expect(ok.responses.map((r) => r.status)).toEqual([Status.SUCCESS, Status.SUCCESS]);
    const malformed = await broadcastAll(newClient(), [envelopeOf(Uint8Array.of(0xff, 0xff), user.signer)]);
    expect(malformed.code).toBe(grpc.status.OK);
    expect(malformed.responses).toHaveLength(1);
    expect(malformed.responses[0].status).toBe(Status.BAD_REQUEST);
    expect(malformed.responses[0].info).toMatch(/^could not determine channel ID/);
    await real.close();
    expect(sink.of('alliance')).toHaveLength(2);
  });

  it('serves Deliver with the handler it was given', async () => {
    service = scriptedService([]);
    const stream = (newClient() as unknown as { deliver(): grpc.ClientDuplexStream<common.Envelope, orderer.DeliverResponse> }).deliver();
    const status = await new Promise<number>((resolve, reject) => {
      stream.on('data', (response: orderer.DeliverResponse) => resolve(response.getStatus()));
      stream.on('error', reject);
      stream.write(rawEnvelope('seek'));
    });
    stream.end();
    expect(status).toBe(Status.NOT_FOUND);
  });
});
