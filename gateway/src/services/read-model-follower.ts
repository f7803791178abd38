import type { Logger } from 'pino';
import type { BlockFeed, BlockSource } from '../fabric/port';
import type { ReadModel } from './read-model';

/** A lost feed is asked again after this, doubling up to the maximum while the peer stays away. */
const RETRY_MS = { first: 500, max: 10_000 };

/**
 * Keeps the read model up with the org's peer: a block feed from the model's next block, applied block by block;
 * when the feed ends (the peer restarted, the network went away) it is asked again from the checkpoint.
 */
export class ReadModelFollower {
  #feed: BlockFeed | undefined;
  #stopped = false;
  #running: Promise<void> | undefined;
  #wake: (() => void) | undefined;

  constructor(
    private readonly source: BlockSource,
    private readonly model: ReadModel,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.#running ??= this.#follow();
  }

  /** Follows until the model has applied every block below the peer's height as it is now; then stops. */
  async catchUp(): Promise<bigint> {
    const height = await this.source.height();
    if (this.model.nextBlock() < height) {
      const feed = this.source.blocks(this.model.nextBlock());
      try {
        for await (const block of feed) {
          this.model.apply(block);
          if (this.model.nextBlock() >= height) break;
        }
      } finally {
        feed.close();
      }
    }
    return height;
  }

  async close(): Promise<void> {
    this.#stopped = true;
    this.#feed?.close();
    this.#wake?.();
    await this.#running;
  }

  async #follow(): Promise<void> {
    let delay = RETRY_MS.first;
    while (!this.#stopped) {
      const from = this.model.nextBlock();
      this.#feed = this.source.blocks(from);
      try {
        for await (const block of this.#feed) {
          this.model.apply(block);
          delay = RETRY_MS.first;
        }
      } catch (err) {
        if (this.#stopped) return;
        this.log.warn({ err: (err as Error).message, from: String(from) }, 'block feed lost; asking again from the checkpoint');
      } finally {
        this.#feed.close();
      }
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        setTimeout(resolve, delay).unref();
      });
      delay = Math.min(delay * 2, RETRY_MS.max);
    }
  }
}
