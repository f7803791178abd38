import { canonicalJson, type RecallRequest } from '@crossborder-trace/domain';
import type { LedgerPort } from '../fabric/port';
import type { JobRecord } from '../store/jobs';
import type { Idempotency, Writes } from './writes';

/**
 * Recalls: issued as a write (a job, like every write), read from the chaincode, which computes the scope when it
 * records a recall and lists the sales of recalled items when one is read.
 */
export class Recalls {
  constructor(
    private readonly ledger: LedgerPort,
    private readonly writes: Writes,
    private readonly commitWaitMs: number,
  ) {}

  issue(user: string, request: RecallRequest, idempotency?: Idempotency): Promise<JobRecord> {
    return this.writes.perform({ user, kind: 'write', behaviour: 'rollback', calls: [{ contract: 'recall', transaction: 'issue', args: [canonicalJson(request)] }], idempotency }, this.commitWaitMs);
  }

  preview(user: string, request: RecallRequest): Promise<unknown> {
    return this.#json(user, 'preview', canonicalJson(request));
  }

  get(user: string, id: string): Promise<unknown> {
    return this.#json(user, 'get', id);
  }

  list(user: string): Promise<unknown> {
    return this.#json(user, 'list');
  }

  async #json(user: string, transaction: string, ...args: string[]): Promise<unknown> {
    const bytes = await this.ledger.evaluate(user, { contract: 'recall', transaction, args });
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  }
}
