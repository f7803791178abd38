import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { ChaincodeCall } from '../fabric/port';
import type { Db } from './database';

/** capture and write go to the alliance channel; public, to the public channel (complaints). */
export type JobKind = 'capture' | 'write' | 'public';
/** GS1-Capture-Error-Behaviour: rollback (all units or none: one transaction) or proceed (each on its own). */
export type ErrorBehaviour = 'rollback' | 'proceed';
export type JobState = 'running' | 'success' | 'failed';
export type UnitState = 'pending' | 'endorsed' | 'committed' | 'refused';

/** An event a capture left out before submission (under proceed): its place in the document and its problems. */
export interface SkippedEvent {
  readonly eventIndex: number;
  readonly issues: readonly { readonly path: string; readonly code: string; readonly message: string }[];
}

/** What a new job is made of. */
export interface NewJob {
  readonly user: string;
  readonly kind: JobKind;
  readonly behaviour: ErrorBehaviour;
  readonly calls: readonly ChaincodeCall[];
  readonly skipped?: readonly SkippedEvent[];
  readonly idempotency?: { readonly key: string; readonly fingerprint: string };
}

export interface JobRecord {
  readonly id: string;
  readonly user: string;
  readonly kind: JobKind;
  readonly behaviour: ErrorBehaviour;
  readonly state: JobState;
  readonly createdAt: string;
  readonly finishedAt?: string;
  readonly units: readonly UnitRecord[];
  readonly skipped: readonly SkippedEvent[];
}

/** Why a unit was refused: the chaincode's code and message, or the commit's validation code. */
export interface UnitError {
  readonly code: string;
  readonly detail: string;
}

export interface UnitRecord {
  readonly index: number;
  readonly state: UnitState;
  readonly attempts: number;
  readonly txId?: string;
  /** The chaincode's answer at endorsement (JSON text), kept once the unit commits. */
  readonly result?: string;
  readonly error?: UnitError;
}

/** What a unit needs to run: its call (present until the unit ends) and its endorsed transaction, if any. */
export interface UnitWork {
  readonly call?: ChaincodeCall;
  readonly txBytes?: Uint8Array;
}

/**
 * Jobs and their units, as the job runner moves them along. Each step is one SQLite statement or transaction; the
 * statements are prepared once, when the store is opened (compiling SQL costs more than running these).
 */
export class JobStore {
  readonly #sql;
  /** Who waits for a job to end, by job id: any number at once, each listening once. */
  readonly #ended = new EventEmitter().setMaxListeners(0);

  constructor(private readonly db: Db) {
    const sql = (text: string) => db.prepare(text);
    this.#sql = {
      insertJob: sql("INSERT INTO jobs (id, user, kind, behaviour, state, created_at, skipped) VALUES (?, ?, ?, ?, 'running', ?, ?)"),
      insertUnit: sql("INSERT INTO job_units (job_id, idx, call, state) VALUES (?, ?, ?, 'pending')"),
      insertIdempotency: sql('INSERT INTO idempotency (user, key, fingerprint, job_id, created_at) VALUES (?, ?, ?, ?, ?)'),
      idempotent: sql('SELECT job_id, fingerprint FROM idempotency WHERE user = ? AND key = ?'),
      job: sql('SELECT * FROM jobs WHERE id = ?'),
      units: sql('SELECT idx, state, attempts, tx_id, result, error FROM job_units WHERE job_id = ? ORDER BY idx'),
      unit: sql('SELECT idx, state, attempts, tx_id, result, error FROM job_units WHERE job_id = ? AND idx = ?'),
      unsettled: sql("SELECT count(*) AS n FROM job_units WHERE job_id = ? AND state <> 'committed'"),
      running: sql("SELECT id FROM jobs WHERE state = 'running' ORDER BY created_at"),
      work: sql('SELECT call, tx_bytes FROM job_units WHERE job_id = ? AND idx = ?'),
      endorsed: sql("UPDATE job_units SET state = 'endorsed', attempts = attempts + 1, tx_id = ?, tx_bytes = ?, result = ? WHERE job_id = ? AND idx = ?"),
      committed: sql("UPDATE job_units SET state = 'committed', call = NULL, tx_bytes = NULL WHERE job_id = ? AND idx = ?"),
      refused: sql("UPDATE job_units SET state = 'refused', call = NULL, tx_bytes = NULL, result = NULL, error = ? WHERE job_id = ? AND idx = ?"),
      retry: sql("UPDATE job_units SET state = 'pending', tx_id = NULL, tx_bytes = NULL, result = NULL WHERE job_id = ? AND idx = ?"),
      finish: sql('UPDATE jobs SET state = ?, finished_at = ? WHERE id = ?'),
      ofUser: sql('SELECT rowid AS seq, id FROM jobs WHERE user = ? AND kind = ? AND rowid < ? ORDER BY rowid DESC LIMIT ?'),
      refuseAll: sql("UPDATE job_units SET state = 'refused', call = NULL, tx_bytes = NULL, result = NULL, error = ? WHERE job_id = ?"),
      forgetKey: sql('DELETE FROM idempotency WHERE job_id = ?'),
    };
  }

  create({ user, kind, behaviour, calls, skipped = [], idempotency }: NewJob): string {
    const id = randomUUID();
    const now = new Date().toISOString();
    const sql = this.#sql;
    this.db.transaction(() => {
      sql.insertJob.run(id, user, kind, behaviour, now, JSON.stringify(skipped));
      calls.forEach((call, index) => sql.insertUnit.run(id, index, encodeCall(call)));
      if (idempotency) sql.insertIdempotency.run(user, idempotency.key, idempotency.fingerprint, id, now);
    })();
    return id;
  }

  /** The job an Idempotency-Key already names for this user, with the fingerprint of its first request. */
  idempotent(user: string, key: string): { jobId: string; fingerprint: string } | undefined {
    const row = this.#sql.idempotent.get(user, key) as { job_id: string; fingerprint: string } | undefined;
    return row && { jobId: row.job_id, fingerprint: row.fingerprint };
  }

  get(id: string): JobRecord | undefined {
    const job = this.#sql.job.get(id) as JobRow | undefined;
    if (!job) return undefined;
    const units = this.#sql.units.all(id) as UnitRow[];
    return {
      id: job.id,
      user: job.user,
      kind: job.kind,
      behaviour: job.behaviour,
      state: job.state,
      createdAt: job.created_at,
      ...(job.finished_at !== null && { finishedAt: job.finished_at }),
      units: units.map(unitOf),
      skipped: JSON.parse(job.skipped) as SkippedEvent[],
    };
  }

  /** One unit of a job, as it stands. */
  unit(jobId: string, index: number): UnitRecord | undefined {
    const row = this.#sql.unit.get(jobId, index) as UnitRow | undefined;
    return row && unitOf(row);
  }

  /** Whether every unit of the job has committed. */
  allCommitted(jobId: string): boolean {
    return (this.#sql.unsettled.get(jobId) as { n: number }).n === 0;
  }

  running(): string[] {
    return (this.#sql.running.all() as { id: string }[]).map((r) => r.id);
  }

  work(jobId: string, index: number): UnitWork {
    const row = this.#sql.work.get(jobId, index) as { call: Buffer | null; tx_bytes: Buffer | null } | undefined;
    return { ...(row?.call && { call: decodeCall(row.call) }), ...(row?.tx_bytes && { txBytes: new Uint8Array(row.tx_bytes) }) };
  }

  /** Recorded before the transaction is sent: a restart then finds it by id, or sends these same bytes again. */
  endorsed(jobId: string, index: number, txId: string, txBytes: Uint8Array, result: string): void {
    this.#sql.endorsed.run(txId, Buffer.from(txBytes), result, jobId, index);
  }

  /** Committed: the private inputs and the transaction bytes are no longer needed, and are not kept. */
  committed(jobId: string, index: number): void {
    this.#sql.committed.run(jobId, index);
  }

  refused(jobId: string, index: number, error: UnitError): void {
    this.#sql.refused.run(JSON.stringify(error), jobId, index);
  }

  /** The transaction was invalidated by a conflict: the unit goes again, as a new transaction. */
  retry(jobId: string, index: number): void {
    this.#sql.retry.run(jobId, index);
  }

  finish(jobId: string, state: Exclude<JobState, 'running'>): void {
    this.#sql.finish.run(state, new Date().toISOString(), jobId);
    this.#ended.emit(jobId);
  }

  /** Calls back once the job ends (here, in this process); answers how to stop listening. */
  onEnded(jobId: string, listener: () => void): () => void {
    this.#ended.once(jobId, listener);
    return () => this.#ended.off(jobId, listener);
  }

  /**
   * Ends a job none of whose transactions was ever endorsed (so none can reach the ledger): every unit refused with
   * the error, the job failed, and its Idempotency-Key forgotten, so that a retry with the key is a new request.
   */
  withdraw(jobId: string, error: UnitError): void {
    const sql = this.#sql;
    this.db.transaction(() => {
      sql.refuseAll.run(JSON.stringify(error), jobId);
      sql.forgetKey.run(jobId);
      sql.finish.run('failed', new Date().toISOString(), jobId);
    })();
    this.#ended.emit(jobId);
  }

  /**
   * A page of the user's jobs of a kind, newest first: at most `limit`, made before the one `before` names (a
   * position from an earlier page's `next`), and the position to go on from while more follow.
   */
  ofUser(user: string, kind: JobKind, limit: number, before?: number): { jobs: JobRecord[]; next?: number } {
    const rows = this.#sql.ofUser.all(user, kind, before ?? Number.MAX_SAFE_INTEGER, limit + 1) as { seq: number; id: string }[];
    const page = rows.slice(0, limit);
    return {
      jobs: page.map((row) => this.get(row.id)!),
      ...(rows.length > limit && { next: page[page.length - 1].seq }),
    };
  }
}

interface JobRow {
  id: string;
  user: string;
  kind: JobKind;
  behaviour: ErrorBehaviour;
  state: JobState;
  created_at: string;
  finished_at: string | null;
  skipped: string;
}

interface UnitRow {
  idx: number;
  state: UnitState;
  attempts: number;
  tx_id: string | null;
  result: string | null;
  error: string | null;
}

function unitOf(u: UnitRow): UnitRecord {
  return {
    index: u.idx,
    state: u.state,
    attempts: u.attempts,
    ...(u.tx_id !== null && { txId: u.tx_id }),
    ...(u.result !== null && { result: u.result }),
    ...(u.error !== null && { error: JSON.parse(u.error) as UnitError }),
  };
}

/** A call as JSON, its private inputs base64: it lives in the org's own store until its unit ends. */
function encodeCall(call: ChaincodeCall): Buffer {
  const transient = Object.fromEntries(Object.entries(call.transient ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  return Buffer.from(JSON.stringify({ ...call, transient }), 'utf8');
}

function decodeCall(bytes: Buffer): ChaincodeCall {
  const raw = JSON.parse(bytes.toString('utf8')) as Omit<ChaincodeCall, 'transient'> & { transient: Record<string, string> };
  return { ...raw, transient: Object.fromEntries(Object.entries(raw.transient).map(([k, v]) => [k, Buffer.from(v, 'base64')])) };
}
