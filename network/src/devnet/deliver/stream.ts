import type * as grpc from '@grpc/grpc-js';
import { WaitAbortedError } from './block-source';

/**
 * An AbortSignal that fires when the client goes away: cancellation, deadline, or a broken stream. Every
 * wait of a stream handler listens to it, so nothing outlives the call.
 */
export function cancellationSignal(call: { readonly cancelled: boolean } & NodeJS.EventEmitter): AbortSignal {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  if (call.cancelled) abort();
  call.once('cancelled', abort);
  call.once('close', abort);
  return controller.signal;
}

/**
 * Hands out the messages a client streams, one at a time, as Fabric's Recv does: the stream is paused while
 * a message waits to be taken, so a client that sends faster than it is served is held back by flow control.
 * next() resolves undefined once the client half-closed or the call ended.
 */
export class MessageReader<T> {
  readonly #call: grpc.ServerDuplexStream<T, unknown>;
  readonly #queue: T[] = [];
  #ended = false;
  #waiting: ((message: T | undefined) => void) | undefined;

  constructor(call: grpc.ServerDuplexStream<T, unknown>, signal: AbortSignal) {
    this.#call = call;
    call.on('data', (message: T) => {
      if (this.#waiting) return this.#take()(message);
      this.#queue.push(message);
      call.pause();
    });
    const end = (): void => {
      this.#ended = true;
      if (this.#waiting) this.#take()(undefined);
    };
    call.once('end', end);
    call.on('error', end);
    signal.addEventListener('abort', end, { once: true });
  }

  next(): Promise<T | undefined> {
    const queued = this.#queue.shift();
    if (queued !== undefined) {
      this.#call.resume();
      return Promise.resolve(queued);
    }
    if (this.#ended) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.#waiting = resolve;
      this.#call.resume();
    });
  }

  #take(): (message: T | undefined) => void {
    const waiting = this.#waiting!;
    this.#waiting = undefined;
    return waiting;
  }
}

/**
 * Writes one response and waits while the transport is full, as Fabric's blocking Send does, so that a slow
 * reader of a long block range does not make the server buffer the whole range.
 */
export async function send<R>(call: grpc.ServerWritableStream<unknown, R> | grpc.ServerDuplexStream<unknown, R>, response: R, signal: AbortSignal): Promise<void> {
  if (signal.aborted) throw new WaitAbortedError('the client is gone');
  if (call.write(response)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (): void => {
      call.off('drain', onDrain);
      signal.removeEventListener('abort', onAbort);
    };
    const onDrain = (): void => {
      done();
      resolve();
    };
    const onAbort = (): void => {
      done();
      reject(new WaitAbortedError('the client is gone'));
    };
    call.on('drain', onDrain);
    signal.addEventListener('abort', onAbort);
  });
}
