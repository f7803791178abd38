import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { ChaincodeRefusal, LedgerUnavailable, UnknownUser } from '../fabric/errors';
import type { CommitOutcome, LedgerPort } from '../fabric/port';
import type { JobKind, JobRecord, JobStore, UnitRecord } from '../store/jobs';

/** Validation codes that say another transaction got there first: the unit is endorsed afresh and sent again. */
const CONFLICTS = new Set(['MVCC_READ_CONFLICT', 'PHANTOM_READ_CONFLICT']);
/** Transactions one unit may take before a run of conflicts counts as its failure. */
const MAX_ATTEMPTS = 5;
/** Waits between tries while the network is away: doubling from 1 s, at most 30 s. */
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;

export interface JobRunnerOptions {
  /** How long one submit waits for its commit before the unit checks the ledger and sends again. */
  readonly commitWaitMs: number;
  /** The kinds of job it runs: each channel has its runner, and a restart resumes each job on its own channel. */
  readonly kinds: readonly JobKind[];
}

/**
 * Carries jobs to their end, unit after unit, each unit one Fabric transaction: endorse, record the signed
 * transaction, send it, wait for its commit. A unit whose transaction was recorded but whose commit was never
 * seen (the gateway stopped, the network went away) is first looked up by its id, and sent again only if the
 * ledger does not have it; a transaction id commits at most once, so nothing is recorded twice.
 */
export class JobRunner {
  readonly #runs = new Map<string, Promise<void>>();
  /** How many requests wait for each job's outcome now (settled with a wait). */
  readonly #waiting = new Map<string, number>();
  /** Every waiting unit listens on it: as many listeners as jobs waiting at once, and that is no leak. */
  readonly #stop = withoutListenerLimit(new AbortController());

  constructor(
    private readonly ledger: LedgerPort,
    private readonly jobs: JobStore,
    private readonly log: Logger,
    private readonly options: JobRunnerOptions,
  ) {}

  /** Runs the job unless it already runs; resolves when it has ended (or the runner closed). */
  start(jobId: string, resumed = false): Promise<void> {
    const existing = this.#runs.get(jobId);
    if (existing) return existing;
    const run = this.#run(jobId, resumed)
      .catch((err: unknown) => this.log.error({ err, jobId }, 'job run failed'))
      .finally(() => this.#runs.delete(jobId));
    this.#runs.set(jobId, run);
    return run;
  }

  /** Takes up every job a previous process left running. */
  resume(): number {
    const running = this.jobs.running().filter((id) => this.options.kinds.includes(this.jobs.get(id)?.kind as JobKind));
    for (const id of running) void this.start(id, true);
    if (running.length > 0) this.log.info({ jobs: running.length }, 'resuming jobs left running');
    return running.length;
  }

  /**
   * The job once it has ended, or as it stands after waitMs. While a request waits for it, a network that is away
   * before any of its transactions was endorsed ends the job (LEDGER_UNAVAILABLE: nothing was sent, nothing will
   * be) instead of holding the request: the caller is told at once to try again later.
   */
  async settled(jobId: string, waitMs: number): Promise<JobRecord | undefined> {
    const run = this.#runs.get(jobId);
    if (run && waitMs > 0) {
      this.#waiting.set(jobId, (this.#waiting.get(jobId) ?? 0) + 1);
      try {
        await Promise.race([run, sleep(waitMs, undefined, { ref: false })]);
      } finally {
        const left = this.#waiting.get(jobId)! - 1;
        if (left > 0) this.#waiting.set(jobId, left);
        else this.#waiting.delete(jobId);
      }
    }
    return this.jobs.get(jobId);
  }

  /**
   * Stops taking new steps and waits for the steps in flight (close the ledger first so that they end soon):
   * a unit stopped half-way stays recorded and is resumed by the next process.
   */
  async close(): Promise<void> {
    this.#stop.abort();
    await Promise.allSettled([...this.#runs.values()]);
  }

  get #closed(): boolean {
    return this.#stop.signal.aborted;
  }

  async #run(jobId: string, resumed: boolean): Promise<void> {
    const job = this.jobs.get(jobId);
    if (!job || job.state !== 'running') return;
    for (const unit of job.units) {
      if (this.#closed) return;
      if ((await this.#unit(job, unit, resumed)) === 'withdrawn') return;
    }
    if (this.#closed) return;
    this.jobs.finish(jobId, this.jobs.allCommitted(jobId) ? 'success' : 'failed');
  }

  async #unit(job: JobRecord, initial: UnitRecord, resumed: boolean): Promise<'withdrawn' | undefined> {
    let unit = initial;
    // Whether this unit's recorded transaction may have reached the orderer already.
    let maybeSent = resumed;
    let backoff = FIRST_BACKOFF_MS;
    while (!this.#closed && (unit.state === 'pending' || unit.state === 'endorsed')) {
      try {
        if (unit.state === 'pending') await this.#endorse(job, unit);
        else {
          const outcome = await this.#commit(job, unit, maybeSent);
          maybeSent = true;
          this.#settle(job, unit, outcome);
        }
        backoff = FIRST_BACKOFF_MS;
      } catch (err) {
        if (this.#closed) return undefined;
        // Nothing of the job was ever endorsed, and a request waits for it: it is answered 503 instead of waiting.
        if (err instanceof LedgerUnavailable && unit.index === 0 && unit.state === 'pending' && unit.attempts === 0 && this.#waiting.has(job.id)) {
          this.log.warn({ jobId: job.id, err: err.message }, 'network unavailable before anything was sent; the waiting request is refused and the job withdrawn');
          this.jobs.withdraw(job.id, { code: 'LEDGER_UNAVAILABLE', detail: 'the peer or orderer did not answer before anything was sent; nothing was recorded' });
          return 'withdrawn';
        }
        // Anything but the chaincode's refusal is tried again after a pause, never left with the job still running
        // and nothing to carry it on: the network away, or endorsers that answered differently (a transaction
        // committed at one of them between the two endorsements: "ProposalResponsePayloads do not match").
        if (err instanceof LedgerUnavailable) this.log.warn({ jobId: job.id, unit: unit.index, err: err.message, retryInMs: backoff }, 'network unavailable; the job waits');
        else this.log.error({ jobId: job.id, unit: unit.index, err, retryInMs: backoff }, 'the step failed; the job tries it again');
        maybeSent = true;
        await sleep(backoff, undefined, { signal: this.#stop.signal }).catch(() => undefined);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
      unit = this.jobs.unit(job.id, unit.index)!;
    }
    return undefined;
  }

  async #endorse(job: JobRecord, unit: UnitRecord): Promise<void> {
    const { call } = this.jobs.work(job.id, unit.index);
    if (!call) throw new Error(`job ${job.id} unit ${unit.index} has no call to endorse`);
    try {
      const endorsed = await this.ledger.endorse(job.user, call);
      this.jobs.endorsed(job.id, unit.index, endorsed.txId, endorsed.bytes, Buffer.from(endorsed.result).toString('utf8'));
    } catch (err) {
      // A user the gateway no longer holds (its key outlived it) will not be there on a retry either.
      if (err instanceof UnknownUser) this.jobs.refused(job.id, unit.index, { code: 'UNKNOWN_USER', detail: err.message });
      else if (err instanceof ChaincodeRefusal) this.jobs.refused(job.id, unit.index, { code: err.code, detail: err.detail });
      else throw err;
    }
  }

  async #commit(job: JobRecord, unit: UnitRecord, maybeSent: boolean): Promise<CommitOutcome> {
    const txId = unit.txId!;
    const known = maybeSent ? await this.ledger.committed(job.user, txId) : undefined;
    if (known) return known;
    const { txBytes } = this.jobs.work(job.id, unit.index);
    if (!txBytes) throw new Error(`job ${job.id} unit ${unit.index} has no transaction to send`);
    const outcome = await this.ledger.submit(job.user, txBytes, this.options.commitWaitMs);
    // Sent twice (the first send did arrive after all): the first one's fate is the unit's.
    if (outcome.code === 'DUPLICATE_TXID') return (await this.ledger.committed(job.user, txId)) ?? outcome;
    return outcome;
  }

  #settle(job: JobRecord, unit: UnitRecord, outcome: CommitOutcome): void {
    if (outcome.valid) this.jobs.committed(job.id, unit.index);
    else if (CONFLICTS.has(outcome.code) && unit.attempts < MAX_ATTEMPTS) {
      this.log.info({ jobId: job.id, unit: unit.index, txId: outcome.txId, code: outcome.code }, 'transaction lost a conflict; endorsing it again');
      this.jobs.retry(job.id, unit.index);
    } else {
      this.jobs.refused(job.id, unit.index, { code: 'TRANSACTION_INVALID', detail: `transaction ${outcome.txId} was invalidated at commit: ${outcome.code}` });
    }
  }
}

function withoutListenerLimit(controller: AbortController): AbortController {
  setMaxListeners(0, controller.signal);
  return controller;
}
