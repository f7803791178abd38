/** A real grpc-js server and client on 127.0.0.1 (insecure) for the stream handlers' unit tests. */
import * as grpc from '@grpc/grpc-js';

export interface TestServer {
  readonly client: grpc.Client;
  close(): Promise<void>;
}

export async function startTestServer(service: grpc.ServiceDefinition, handlers: grpc.UntypedServiceImplementation): Promise<TestServer> {
  const server = new grpc.Server();
  server.addService(service, handlers);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound))),
  );
  const Client = grpc.makeGenericClientConstructor(service, 'Test');
  const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return {
    client,
    close: async () => {
      client.close();
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    },
  };
}

/** Reads a stream's messages as they come; next() waits for the next one, end resolves with the final status. */
export class StreamRecorder<T> {
  readonly messages: T[] = [];
  readonly end: Promise<grpc.StatusObject>;
  #waiters: Array<() => void> = [];
  #ended = false;

  constructor(stream: grpc.ClientReadableStream<T> | grpc.ClientDuplexStream<unknown, T>) {
    stream.on('data', (message: T) => {
      this.messages.push(message);
      this.#wake();
    });
    stream.on('error', () => undefined); // reported through 'status'
    this.end = new Promise((resolve) =>
      stream.on('status', (status: grpc.StatusObject) => {
        this.#ended = true;
        resolve(status);
        this.#wake();
      }),
    );
  }

  /** Resolves once at least count messages arrived (or the stream ended). */
  async atLeast(count: number): Promise<T[]> {
    while (this.messages.length < count && !this.#ended) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    return this.messages;
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
