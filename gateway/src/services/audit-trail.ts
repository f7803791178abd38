import type { AuditEntry } from '@crossborder-trace/domain';
import type { LedgerPort } from '../fabric/port';
import type { JobRecord } from '../store/jobs';
import type { LedgerReads } from './ledger-reads';
import type { Writes } from './writes';

/** A read of detail could not be recorded: the detail is not answered. */
export class ReadNotRecorded extends Error {
  override readonly name = 'ReadNotRecorded';

  constructor(readonly job: JobRecord) {
    super(`the record of the read did not commit (job ${job.id}, ${job.state})`);
  }
}

/**
 * The audit trail on the ledger, and the regulator's reads of private detail through it. The regulator's gateway
 * records each read (audit:recordRead, a transaction committed first) before it evaluates event:detail and
 * answers: the detail itself never enters a block, where every member would see it, and no detail leaves this
 * gateway for the regulator without its record on the ledger.
 */
export class AuditTrail {
  constructor(
    private readonly ledger: LedgerPort,
    private readonly reads: LedgerReads,
    private readonly writes: Writes,
    private readonly mspId: string,
    private readonly commitWaitMs: number,
  ) {}

  async entries(user: string, query: Record<string, unknown>): Promise<{ entries: AuditEntry[]; bookmark: string }> {
    const bytes = await this.ledger.evaluate(user, { contract: 'audit', transaction: 'list', args: [JSON.stringify(query)] });
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as { entries: AuditEntry[]; bookmark: string };
  }

  /** An event's detail; when this gateway is the regulator's, only once the read is recorded on the ledger. */
  async eventDetail(user: string, id: string, purpose: string): Promise<Record<string, unknown>> {
    if (!(await this.#isRegulator(user))) return this.reads.eventDetail(user, id);
    const allianceId = id.startsWith('ni:') ? ((await this.reads.event(user, id)).id as string) : id;
    const job = await this.writes.perform({ user, kind: 'write', behaviour: 'rollback', calls: [{ contract: 'audit', transaction: 'recordRead', args: [allianceId, purpose] }] }, this.commitWaitMs);
    if (job.state !== 'success') throw new ReadNotRecorded(job);
    return this.reads.eventDetail(user, allianceId);
  }

  async #isRegulator(user: string): Promise<boolean> {
    const charter = (await this.reads.charter(user)) as { regulator?: string };
    return charter.regulator === this.mspId;
  }
}
