import { canonicalJson } from '@crossborder-trace/domain';
import type { JobRecord } from '../store/jobs';
import type { Idempotency, Writes } from './writes';

/**
 * The credit contract's writes, each a job as every write is: financiers (the regulator), authorisations and their
 * revocation, disputes (the enterprise) and rulings (the regulator). Who may is the chaincode's (CREDIT_ACTIONS).
 */
export class CreditWrites {
  constructor(
    private readonly writes: Writes,
    private readonly commitWaitMs: number,
  ) {}

  registerFinancier(user: string, financier: { id: string; name: string; licenceNumber: string }, idempotency?: Idempotency): Promise<JobRecord> {
    return this.#write(user, 'registerFinancier', [canonicalJson(financier)], idempotency);
  }

  authorise(user: string, authorisation: { financierId: string; until: string }, idempotency?: Idempotency): Promise<JobRecord> {
    return this.#write(user, 'authorise', [canonicalJson(authorisation)], idempotency);
  }

  revoke(user: string, financierId: string, idempotency?: Idempotency): Promise<JobRecord> {
    return this.#write(user, 'revoke', [financierId], idempotency);
  }

  dispute(user: string, dispute: { kind: string; evidenceId: string; reason: string }, idempotency?: Idempotency): Promise<JobRecord> {
    return this.#write(user, 'dispute', [canonicalJson(dispute)], idempotency);
  }

  rule(user: string, disputeId: string, ruling: { decision: 'upheld' | 'rejected'; reason: string }, idempotency?: Idempotency): Promise<JobRecord> {
    return this.#write(user, 'rule', [disputeId, canonicalJson(ruling)], idempotency);
  }

  #write(user: string, transaction: string, args: string[], idempotency: Idempotency | undefined): Promise<JobRecord> {
    return this.writes.perform({ user, kind: 'write', behaviour: 'rollback', calls: [{ contract: 'credit', transaction, args }], idempotency }, this.commitWaitMs);
  }
}
