import { common } from '@hyperledger/fabric-protos';
import type { BatchSettings } from '../../description/model';
import type { Signer } from '../msp/api';
import type { BlockSink } from './api';
import { BlockCutter } from './blockcutter';
import { BlockWriter, type ChainTip } from './blockwriter';
import { BlockDelivery } from './delivery';
import { BroadcastError } from './errors';

export interface ChainOptions {
  readonly channel: string;
  readonly batch: BatchSettings;
  readonly tip: ChainTip;
  readonly signer: Signer;
  readonly sink: BlockSink;
  /** Blocks waiting for the sink beyond which new messages are refused with SERVICE_UNAVAILABLE. */
  readonly maxPendingBlocks: number;
}

/**
 * One channel's consensus chain on a lone orderer: orders messages into the block cutter, cuts a pending
 * batch when its BatchTimeout expires, and writes each cut batch as the next block for delivery.
 */
export class Chain {
  readonly #channel: string;
  readonly #timeoutMs: number;
  readonly #maxPendingBlocks: number;
  readonly #cutter: BlockCutter;
  readonly #writer: BlockWriter;
  readonly #delivery: BlockDelivery;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(options: ChainOptions) {
    this.#channel = options.channel;
    this.#timeoutMs = options.batch.timeoutMs;
    this.#maxPendingBlocks = options.maxPendingBlocks;
    this.#cutter = new BlockCutter(options.batch);
    this.#writer = new BlockWriter(options.signer, options.tip);
    this.#delivery = new BlockDelivery(options.channel, options.sink);
  }

  /** Orders a validated message; throws BroadcastError(SERVICE_UNAVAILABLE) when it cannot take it. */
  order(envelope: common.Envelope): void {
    this.#waitReady();
    const { batches, pending } = this.#cutter.ordered(envelope);
    for (const batch of batches) this.#write(batch);
    // The timeout runs from the first message of the pending batch: restart it whenever a new batch began.
    if (!pending || batches.length > 0) this.#stopTimer();
    if (pending && !this.#timer) {
      this.#timer = setTimeout(() => this.#onBatchTimeout(), this.#timeoutMs);
    }
  }

  /**
   * Stops ordering: the pending batch is dropped, as by a crashed orderer (its clients only ever got
   * "enqueued"); blocks already cut are ordered, so they are still delivered before this resolves.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stopTimer();
    this.#cutter.cut();
    await this.#delivery.idle();
  }

  /** Fabric's WaitReady and Order refusals, answered with SERVICE_UNAVAILABLE. */
  #waitReady(): void {
    if (this.#stopped) throw new BroadcastError(common.Status.SERVICE_UNAVAILABLE, 'chain is stopped');
    const { failure, backlog } = this.#delivery;
    if (failure) throw new BroadcastError(common.Status.SERVICE_UNAVAILABLE, `chain is halted: ${failure.message}`);
    if (backlog >= this.#maxPendingBlocks) {
      throw new BroadcastError(
        common.Status.SERVICE_UNAVAILABLE,
        `ordering service overloaded: ${backlog} blocks of channel ${this.#channel} await delivery, retry later`,
      );
    }
  }

  #onBatchTimeout(): void {
    this.#timer = undefined;
    const batch = this.#cutter.cut();
    if (batch.length > 0) this.#write(batch);
  }

  #write(batch: common.Envelope[]): void {
    this.#delivery.enqueue(this.#writer.createNextBlock(batch));
  }

  #stopTimer(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
