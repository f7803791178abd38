import { canonicalJson } from '@crossborder-trace/domain';
import type { ChaincodeCall } from '../fabric/port';
import type { JobRecord } from '../store/jobs';
import type { Idempotency, Writes } from './writes';

/** Writes of master data (enterprises, products), each one transaction run as a job. */
export class MasterData {
  constructor(
    private readonly writes: Writes,
    private readonly commitWaitMs: number,
  ) {}

  registerEnterprise(user: string, registration: unknown, idempotency?: Idempotency): Promise<JobRecord> {
    return this.#write(user, { contract: 'enterprise', transaction: 'register', args: [canonicalJson(registration)] }, idempotency);
  }

  setEnterpriseStatus(user: string, mspId: string, status: string, reason: string, idempotency?: Idempotency): Promise<JobRecord> {
    return this.#write(user, { contract: 'enterprise', transaction: 'setStatus', args: [mspId, status, reason] }, idempotency);
  }

  registerProduct(user: string, product: unknown, idempotency?: Idempotency): Promise<JobRecord> {
    return this.#write(user, { contract: 'product', transaction: 'register', args: [canonicalJson(product)] }, idempotency);
  }

  #write(user: string, call: ChaincodeCall, idempotency: Idempotency | undefined): Promise<JobRecord> {
    return this.writes.perform({ user, kind: 'write', behaviour: 'rollback', calls: [call], idempotency }, this.commitWaitMs);
  }
}
