import type { Logger } from 'pino';
import type { BlockFeed, BlockSource, CommittedBlock } from '../fabric/port';
import { MissingPrivateData } from './read-model';

/** What the follower keeps up: the alliance read model, or the public one. */
export interface BlockApplier {
  /** The next block it needs. */
  nextBlock(): bigint;
  /** Applies one block in one transaction with its checkpoint; MissingPrivateData when the block lacks some. */
  apply(block: CommittedBlock, options?: { readonly acceptMissingPrivateData?: boolean }): void;
}

/** A lost feed is asked again after this, doubling up to the maximum while the peer stays away. */
const RETRY_MS = { first: 500, max: 10_000 };
/**
 * How often a block whose private data the peer lacks is asked again (about 45 s with the delays above) before
 * it is applied without it: reconciliation usually fills the gap in seconds, but a model must not stop for good.
 */
const PRIVATE_DATA_WAITS = 8;

/**
 * Keeps a read model up with the org's peer: a block feed from the model's next block, applied block by block;
 * when the feed ends (the peer restarted, the network went away) it is asked again from the checkpoint.
 */
export class ReadModelFollower {
  #feed: BlockFeed | undefined;
  #stopped = false;
  #running: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #waits = { block: -1n, count: 0 };

  constructor(
    private readonly source: BlockSource,
    private readonly model: BlockApplier,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.#running ??= this.#follow();
  }

  /** Follows until the model has applied every block below the height (the peer's as it is now by default); then stops. */
  async catchUp(to?: bigint): Promise<bigint> {
    const height = to ?? (await this.source.height());
    await this.#follow(height);
    return height;
  }

  async close(): Promise<void> {
    this.#stopped = true;
    this.#feed?.close();
    this.#wake?.();
    await this.#running;
  }

  /** Applies blocks until stopped, or until the model has reached `height` when one is given. */
  async #follow(height?: bigint): Promise<void> {
    let delay = RETRY_MS.first;
    const done = () => this.#stopped || (height !== undefined && this.model.nextBlock() >= height);
    while (!done()) {
      const from = this.model.nextBlock();
      this.#feed = this.source.blocks(from);
      try {
        for await (const block of this.#feed) {
          this.#apply(block);
          delay = RETRY_MS.first;
          if (done()) break;
        }
      } catch (err) {
        if (this.#stopped) return;
        this.log.warn({ err: (err as Error).message, from: String(from) }, 'block feed ended; asking the peer again from the checkpoint');
      } finally {
        this.#feed.close();
      }
      if (done()) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        setTimeout(resolve, delay).unref();
      });
      delay = Math.min(delay * 2, RETRY_MS.max);
    }
  }

  #apply(block: CommittedBlock): void {
    try {
      this.model.apply(block);
    } catch (err) {
      if (!(err instanceof MissingPrivateData)) throw err;
      this.#waits = { block: block.number, count: this.#waits.block === block.number ? this.#waits.count + 1 : 1 };
      if (this.#waits.count < PRIVATE_DATA_WAITS) throw err;
      // The peer did not get it in time: the model goes on, and the detail stays out of it (a rebuild picks it up).
      this.log.error({ block: String(block.number), collections: err.collections }, 'private data never arrived; block applied without it');
      this.model.apply(block, { acceptMissingPrivateData: true });
    }
  }
}
