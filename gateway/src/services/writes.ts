import { createHash } from 'node:crypto';
import { LedgerUnavailable } from '../fabric/errors';
import type { JobRecord, JobStore, NewJob } from '../store/jobs';
import type { JobRunner } from './job-runner';

/** An Idempotency-Key came back with another request than the one it was first used for. */
export class IdempotencyMismatch extends Error {
  override readonly name = 'IdempotencyMismatch';
}

/** A write's Idempotency-Key (IETF draft-ietf-httpapi-idempotency-key-header) and what the request was. */
export interface Idempotency {
  readonly key: string;
  /** Method, path and body of the request, hashed: the same key with another request is refused. */
  readonly fingerprint: string;
}

export function fingerprintOf(...parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(createHash('sha256').update(part).digest());
  return hash.digest('hex');
}

/**
 * Every write is a job: recorded in the store before anything is sent, so that it survives the gateway, then run.
 * A retried request with the same Idempotency-Key finds the first one's job instead of starting another.
 */
export class Writes {
  constructor(
    private readonly jobs: JobStore,
    private readonly runner: JobRunner,
  ) {}

  /**
   * Starts the write (or finds it by its key) and answers its job as it stands after waitMs (0: at once). A write
   * waited for (waitMs > 0) that found the network away before anything was sent throws LedgerUnavailable (503).
   */
  async perform(job: NewJob, waitMs: number): Promise<JobRecord> {
    const jobId = this.#jobFor(job);
    void this.runner.start(jobId);
    const record = await this.runner.settled(jobId, waitMs);
    if (!record) throw new Error(`job ${jobId} vanished from the store`);
    const withdrawn = record.units.find((u) => u.error?.code === 'LEDGER_UNAVAILABLE');
    if (record.state === 'failed' && withdrawn) throw new LedgerUnavailable(withdrawn.error!.detail);
    return record;
  }

  #jobFor(job: NewJob): string {
    const { user, idempotency } = job;
    if (!idempotency) return this.jobs.create(job);
    const earlier = this.jobs.idempotent(user, idempotency.key);
    if (earlier) return sameRequest(earlier, idempotency);
    try {
      return this.jobs.create(job);
    } catch (err) {
      // Two requests with one key at once: the other one's insert won; this one is its retry.
      const winner = this.jobs.idempotent(user, idempotency.key);
      if (!winner) throw err;
      return sameRequest(winner, idempotency);
    }
  }
}

function sameRequest(earlier: { jobId: string; fingerprint: string }, idempotency: Idempotency): string {
  if (earlier.fingerprint !== idempotency.fingerprint) {
    throw new IdempotencyMismatch(`the Idempotency-Key ${idempotency.key} was first used for another request`);
  }
  return earlier.jobId;
}
