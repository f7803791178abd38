import { randomBytes } from 'node:crypto';
import { canonicalJson, type CustomsDocumentKind } from '@crossborder-trace/domain';
import { ChaincodeRefusal } from '../fabric/errors';
import type { LedgerPort } from '../fabric/port';
import type { JobRecord } from '../store/jobs';
import type { Idempotency, Writes } from './writes';

/** The salt of each document and of each new yearly total: 128 random bits (the chaincode's minimum). */
const SALT_BYTES = 16;

/**
 * Customs supervision: the parties' documents, recorded through transient data (never as arguments, which land in
 * blocks); customs' check and clearance; and a declaration as the caller may see it.
 */
export class CustomsDocuments {
  constructor(
    private readonly ledger: LedgerPort,
    private readonly writes: Writes,
    private readonly commitWaitMs: number,
  ) {}

  record(user: string, kind: CustomsDocumentKind, document: unknown, idempotency?: Idempotency): Promise<JobRecord> {
    const transient = { document: Buffer.from(canonicalJson(document), 'utf8'), salt: randomBytes(SALT_BYTES) };
    return this.#write(user, { contract: 'customs', transaction: 'record', args: [kind], transient }, idempotency);
  }

  check(user: string, declarationId: string, idempotency?: Idempotency): Promise<JobRecord> {
    return this.#write(user, { contract: 'customs', transaction: 'check', args: [declarationId] }, idempotency);
  }

  clear(user: string, declarationId: string, idempotency?: Idempotency): Promise<JobRecord> {
    return this.#write(user, { contract: 'customs', transaction: 'clear', args: [declarationId], transient: { salt: randomBytes(SALT_BYTES) } }, idempotency);
  }

  /**
   * The declaration and its verdict for every member; with the customs views of its documents for customs and the
   * regulator, and the full documents for their recorders (and the regulator): what the chaincode lets the caller read.
   */
  async declaration(user: string, declarationId: string): Promise<Record<string, unknown>> {
    const record = await this.#json(user, 'declaration', declarationId);
    const views = await this.#unlessDenied(this.#json(user, 'views', declarationId));
    const documents = Object.fromEntries(Object.entries(await this.#json(user, 'documents', declarationId)).filter(([, document]) => document !== null));
    return { ...record, ...(views && { views }), ...(Object.keys(documents).length > 0 && { documents }) };
  }

  #write(user: string, call: { contract: string; transaction: string; args: string[]; transient?: Record<string, Uint8Array> }, idempotency?: Idempotency): Promise<JobRecord> {
    return this.writes.perform({ user, kind: 'write', behaviour: 'rollback', calls: [call], idempotency }, this.commitWaitMs);
  }

  async #json(user: string, transaction: string, ...args: string[]): Promise<Record<string, unknown>> {
    const bytes = await this.ledger.evaluate(user, { contract: 'customs', transaction, args });
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, unknown>;
  }

  async #unlessDenied<T>(read: Promise<T>): Promise<T | undefined> {
    try {
      return await read;
    } catch (err) {
      if (err instanceof ChaincodeRefusal && err.code === 'DETAIL_DENIED') return undefined;
      throw err;
    }
  }
}
