import { canonicalJson, type ComplaintCategory } from '@crossborder-trace/domain';
import type { LedgerPort } from '../fabric/port';
import type { JobRecord } from '../store/jobs';
import type { Sales } from './sales';
import type { Idempotency, Writes } from './writes';

export interface ComplaintFilingRequest {
  readonly epc: string;
  readonly eventId: string;
  readonly category: ComplaintCategory;
  readonly description: string;
  /** The platform's account id of the consumer complaining: turned into the buyer reference, sent as transient data. */
  readonly consumer: string;
}

/**
 * Complaints on the public channel (COMPLAINT_ACTIONS): the platform files for its consumer with the buyer
 * reference as proof of purchase, in transient data so that it never reaches a block; the enterprise responsible
 * for the step answers; the regulator rules. Writes are jobs of the public channel's runner.
 */
export class Complaints {
  constructor(
    private readonly ledger: LedgerPort,
    private readonly writes: Writes,
    private readonly sales: Sales,
    private readonly commitWaitMs: number,
  ) {}

  file(user: string, filing: ComplaintFilingRequest, idempotency?: Idempotency): Promise<JobRecord> {
    const { consumer, ...complaint } = filing;
    const buyerReference = Buffer.from(this.sales.buyerReference(consumer), 'utf8');
    return this.#write(user, 'file', [canonicalJson(complaint)], idempotency, { buyerReference });
  }

  answer(user: string, id: string, answer: { text: string }, idempotency?: Idempotency): Promise<JobRecord> {
    return this.#write(user, 'answer', [id, canonicalJson(answer)], idempotency);
  }

  rule(user: string, id: string, ruling: { decision: 'upheld' | 'dismissed'; reason: string }, idempotency?: Idempotency): Promise<JobRecord> {
    return this.#write(user, 'rule', [id, canonicalJson(ruling)], idempotency);
  }

  get(user: string, id: string): Promise<unknown> {
    return this.#read(user, 'get', id);
  }

  ofItem(user: string, epc: string): Promise<unknown> {
    return this.#read(user, 'ofItem', epc);
  }

  #write(user: string, transaction: string, args: string[], idempotency: Idempotency | undefined, transient?: Record<string, Uint8Array>): Promise<JobRecord> {
    return this.writes.perform({ user, kind: 'public', behaviour: 'rollback', calls: [{ contract: 'complaint', transaction, args, ...(transient && { transient }) }], idempotency }, this.commitWaitMs);
  }

  async #read(user: string, transaction: string, ...args: string[]): Promise<unknown> {
    return JSON.parse(Buffer.from(await this.ledger.evaluate(user, { contract: 'complaint', transaction, args })).toString('utf8')) as unknown;
  }
}
