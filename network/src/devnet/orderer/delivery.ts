import type { common } from '@hyperledger/fabric-protos';
import type { BlockSink } from './api';
import { BlockDeliveryError, errorMessage } from './errors';

/**
 * Hands a channel's blocks to the sink one after the other: the next block only once the sink resolved
 * the previous one. A block the sink rejects halts delivery for good, as Fabric's orderer stops when it
 * cannot append: later blocks link to it, so none of them may be delivered either.
 */
export class BlockDelivery {
  readonly #channel: string;
  readonly #sink: BlockSink;
  readonly #queue: common.Block[] = [];
  #running: Promise<void> | undefined;
  #failure: BlockDeliveryError | undefined;

  constructor(channel: string, sink: BlockSink) {
    this.#channel = channel;
    this.#sink = sink;
  }

  /** Blocks handed over but not yet resolved by the sink, including the one it is working on. */
  get backlog(): number {
    return this.#queue.length;
  }

  /** Why delivery halted, if it did. */
  get failure(): BlockDeliveryError | undefined {
    return this.#failure;
  }

  enqueue(block: common.Block): void {
    if (this.#failure) return;
    this.#queue.push(block);
    this.#running ??= this.#run();
  }

  /** Resolves once every block enqueued so far was delivered (or delivery halted). */
  idle(): Promise<void> {
    return this.#running ?? Promise.resolve();
  }

  async #run(): Promise<void> {
    // Yield first: the loop must never finish inside enqueue(), or #running would outlive it.
    await Promise.resolve();
    while (this.#queue.length > 0) {
      const block = this.#queue[0];
      try {
        await this.#sink(this.#channel, block);
      } catch (err) {
        const number = block.getHeader()?.getNumber();
        this.#failure = new BlockDeliveryError(`block [${number}] could not be written: ${errorMessage(err)}`, { cause: err });
        this.#queue.length = 0;
        break;
      }
      this.#queue.shift();
    }
    this.#running = undefined;
  }
}
