import { canonicalJson, gatherScreeningSources, screenRecord, type AllianceReader, type PublishedRecord } from '@crossborder-trace/domain';
import type { Logger } from 'pino';
import { ChaincodeRefusal } from '../fabric/errors';
import type { LedgerPort } from '../fabric/port';
import type { ScreeningItem, ScreeningState, ScreeningStore } from '../store/screening';
import { ReadModelFollower } from './read-model-follower';
import { ScreeningTriggers } from './screening-triggers';

/** Waits between tries of one item: doubling from 1 s, at most 30 s. */
const BACKOFF_MS = { first: 1_000, max: 30_000 };
/**
 * Refusals that say the endorsing peers are not where the org's peer is yet (a peer a block behind on the alliance
 * derives another record, or no sale at all): tried again. Any other refusal will not change by waiting.
 */
const PASSING_REFUSALS = new Set(['RECORD_MISMATCH', 'NOT_SOLD']);

export interface ScreeningOptions {
  /** The org's user the module reads and publishes as. */
  readonly user: string;
  readonly maxAttempts: number;
  readonly commitWaitMs: number;
}

/**
 * The screening module (seed 000, 4.3): for each item the org sold, the record the alliance ledger gives is
 * derived here exactly as every endorsing peer derives it (the domain's gatherScreeningSources and screenRecord),
 * and published on the public channel with record:publish. Nothing else reaches the public channel: the record
 * holds no private detail, no buyer reference, no consumer. It follows the alliance's blocks with its own
 * checkpoint (ScreeningTriggers) and works its queue one item at a time.
 */
export class ScreeningModule {
  readonly #follower: ReadModelFollower;
  readonly #stop = new AbortController();
  readonly #failedListeners = new Set<(item: ScreeningItem) => void>();
  #wake: (() => void) | undefined;
  #running: Promise<void> | undefined;

  constructor(
    private readonly alliance: LedgerPort,
    private readonly publicLedger: LedgerPort,
    private readonly store: ScreeningStore,
    mspId: string,
    private readonly options: ScreeningOptions,
    private readonly log: Logger,
  ) {
    this.#follower = new ReadModelFollower(alliance, new ScreeningTriggers(store, mspId, () => this.#wake?.()), log);
  }

  start(): void {
    this.#follower.start();
    this.#running ??= this.#work();
  }

  async close(): Promise<void> {
    this.#stop.abort();
    this.#wake?.();
    await this.#follower.close();
    await this.#running;
  }

  /** Items in these states, oldest first. */
  items(states: readonly ScreeningState[], limit = 500): ScreeningItem[] {
    return this.store.items(states, limit);
  }

  item(epc: string): ScreeningItem | undefined {
    return this.store.item(epc);
  }

  counts(): Record<ScreeningState, number> {
    return this.store.counts();
  }

  /** The block the module needs next. */
  nextBlock(): bigint {
    const checkpoint = this.store.checkpoint();
    return checkpoint === undefined ? 0n : checkpoint + 1n;
  }

  /** Queues a failed item again with fresh attempts; false when it is not failed. */
  retry(epc: string): boolean {
    const retried = this.store.retry(epc);
    if (retried) this.#wake?.();
    return retried;
  }

  /** Called each time an item is given up on. */
  onFailed(listener: (item: ScreeningItem) => void): void {
    this.#failedListeners.add(listener);
  }

  async #work(): Promise<void> {
    while (!this.#stop.signal.aborted) {
      const due = this.store.nextDue();
      const wait = due === undefined ? undefined : due.nextAttemptAt - Date.now();
      if (due && wait !== undefined && wait <= 0) {
        await this.#screen(due);
        continue;
      }
      // Until the next item is due, or a block queues one, or a retry is asked for.
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        if (wait !== undefined) setTimeout(resolve, wait).unref();
      });
    }
  }

  async #screen(item: ScreeningItem): Promise<void> {
    const { user } = this.options;
    try {
      this.store.attemptBegins(item.epc);
      const record = screenRecord(await gatherScreeningSources(item.epc, this.#reader()));
      // Before it is endorsed: a declaration committed after its endorsement finds the item by these steps.
      this.store.setSteps(item.epc, record.steps.map((step) => step.eventId));
      const endorsed = await this.publicLedger.endorse(user, { contract: 'record', transaction: 'publish', args: [item.epc, canonicalJson(record)] });
      const outcome = await this.publicLedger.submit(user, endorsed.bytes, this.options.commitWaitMs);
      if (!outcome.valid) throw new Error(`transaction ${outcome.txId} was invalidated at commit: ${outcome.code}`);
      const published = JSON.parse(Buffer.from(endorsed.result).toString('utf8')) as PublishedRecord;
      this.store.published(item.epc, published.version);
      this.log.info({ epc: item.epc, version: published.version, txId: outcome.txId }, 'public record published');
    } catch (err) {
      if (this.#stop.signal.aborted) return;
      // Published already, by an earlier try whose commit this process never saw: done, not published again.
      if (err instanceof ChaincodeRefusal && err.code === 'ALREADY_PUBLISHED') await this.#alreadyPublished(item);
      else this.#failed(item, err);
    }
  }

  #failed(item: ScreeningItem, err: unknown): void {
    const error = err instanceof ChaincodeRefusal ? err.message : `${(err as Error).name}: ${(err as Error).message}`;
    const passing = !(err instanceof ChaincodeRefusal) || PASSING_REFUSALS.has(err.code);
    const attempts = item.attempts + 1;
    if (passing && attempts < this.options.maxAttempts) {
      const delay = Math.min(BACKOFF_MS.first * 2 ** (attempts - 1), BACKOFF_MS.max);
      this.store.attemptFailed(item.epc, error, Date.now() + delay);
      this.log.warn({ epc: item.epc, attempts, err: error, retryInMs: delay }, 'public record not published yet; trying again');
      return;
    }
    this.store.attemptFailed(item.epc, error, undefined);
    const failed = this.store.item(item.epc) as ScreeningItem;
    this.log.error({ epc: item.epc, attempts, err: error }, 'public record could not be published; the item is failed until retried (POST /screening/{item}/retry)');
    for (const listener of this.#failedListeners) listener(failed);
  }

  /** Done, with the version the public channel holds (read once more if the read fails). */
  async #alreadyPublished(item: ScreeningItem): Promise<void> {
    try {
      const bytes = await this.publicLedger.evaluate(this.options.user, { contract: 'record', transaction: 'get', args: [item.epc] });
      this.store.published(item.epc, (JSON.parse(Buffer.from(bytes).toString('utf8')) as PublishedRecord).version);
    } catch (err) {
      if (!this.#stop.signal.aborted) this.#failed(item, err);
    }
  }

  /**
   * The alliance chaincode as the module's user, through the org's peer: "contract:transaction" calls, refusals
   * rejected with the chaincode's own message ("NOT_FOUND: ..."), which gatherScreeningSources recognises.
   */
  #reader(): AllianceReader {
    return async (call, args) => {
      const [contract, transaction] = call.split(':');
      const bytes = await this.alliance.evaluate(this.options.user, { contract, transaction, args });
      return Buffer.from(bytes).toString('utf8');
    };
  }
}
