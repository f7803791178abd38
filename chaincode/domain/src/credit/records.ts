import { z } from 'zod';
import { TraceError } from '../trace/errors';
import { parseJsonInput } from '../trace/json-input';
import { PROMISE_KINDS, type PromiseKind } from './promises';

/**
 * The credit contract's records on channel state (keys in LEDGER_KEYS): financiers the regulator registers, an
 * enterprise's authorisations of a financier to read its report, and disputes of a report's items with the
 * regulator's ruling. Who may write each is CREDIT_ACTIONS.
 */
export const CREDIT_ACTIONS = {
  registerFinancier: 'the regulator (charter): financiers are not members, the regulator supervises them',
  authorise: 'an enterprise registered in the alliance, for its own report only',
  revoke: 'the enterprise that authorised',
  dispute: "the enterprise whose report holds the item: the inspected items' brand owner, the suspended enterprise, the waybill's carrier, the declarant (checked on channel state); a complaint's item binds only the disputing enterprise's report",
  rule: 'the regulator (charter), once per dispute',
} as const;

/** A bank or other lender, registered by the regulator. Its users hold role=financier and financier=<id> certificates of the regulator's CA. */
export interface Financier {
  readonly id: string;
  readonly name: string;
  readonly licenceNumber: string;
  readonly registeredBy: string;
  readonly registeredAt: string;
  readonly txId: string;
}

export interface CreditAuthorisation {
  readonly enterprise: string;
  readonly financierId: string;
  readonly until: string;
  readonly grantedAt: string;
  readonly txId: string;
  readonly revokedAt?: string;
  readonly revokeTxId?: string;
}

/** What a dispute names: a promise of PROMISES, or a sanction. */
export type DisputedKind = PromiseKind | 'sanction';
export const DISPUTED_KINDS = [...PROMISE_KINDS, 'sanction'] as const satisfies readonly DisputedKind[];

export interface CreditDispute {
  /** The transaction that opened it. */
  readonly id: string;
  readonly enterprise: string;
  readonly kind: DisputedKind;
  readonly evidenceId: string;
  readonly reason: string;
  readonly openedAt: string;
  readonly status: 'open' | 'upheld' | 'rejected';
  readonly ruling?: { readonly decision: 'upheld' | 'rejected'; readonly reason: string; readonly by: string; readonly at: string; readonly txId: string };
}

const ID = /^[A-Za-z0-9._-]{1,64}$/;
const text = (max: number) => z.string().trim().min(1).max(max);

export const financierSchema = z.object({ id: z.string().regex(ID), name: text(200), licenceNumber: text(100) }).strict();
export const authorisationSchema = z.object({ financierId: z.string().regex(ID), until: z.iso.datetime({ offset: true }) }).strict();
export const disputeSchema = z.object({ kind: z.enum(DISPUTED_KINDS), evidenceId: text(512), reason: text(2_000) }).strict();
export const disputeRulingSchema = z.object({ decision: z.enum(['upheld', 'rejected']), reason: text(2_000) }).strict();

export const parseFinancier = (json: string) => parseJsonInput(financierSchema, json, 'INVALID_CREDIT', 'the financier');
export const parseAuthorisation = (json: string) => parseJsonInput(authorisationSchema, json, 'INVALID_CREDIT', 'the authorisation');
export const parseDispute = (json: string) => parseJsonInput(disputeSchema, json, 'INVALID_CREDIT', 'the dispute');
export const parseDisputeRuling = (json: string) => parseJsonInput(disputeRulingSchema, json, 'INVALID_CREDIT', 'the ruling');

/** Throws CREDIT_NOT_AUTHORISED unless the caller acts as the charter's regulator. */
export function assertCreditRegulator(action: 'registerFinancier' | 'rule', caller: { mspId: string; role: string }, regulator: string): void {
  if (caller.role !== 'regulator' || caller.mspId !== regulator) throw new TraceError('CREDIT_NOT_AUTHORISED', `${caller.mspId} may not ${action}: ${CREDIT_ACTIONS[action]} does`);
}

/** Whether the authorisation lets the financier read the report at the time; the reason when it does not. */
export function authorisationStanding(authorisation: CreditAuthorisation | undefined, now: string): { readonly granted: true } | { readonly granted: false; readonly reason: 'none' | 'revoked' | 'expired'; readonly detail: string } {
  if (!authorisation) return { granted: false, reason: 'none', detail: 'the enterprise has not authorised this financier' };
  if (authorisation.revokedAt !== undefined) return { granted: false, reason: 'revoked', detail: `the enterprise revoked its authorisation at ${authorisation.revokedAt} (transaction ${authorisation.revokeTxId})` };
  if (Date.parse(authorisation.until) <= Date.parse(now)) return { granted: false, reason: 'expired', detail: `the authorisation expired at ${authorisation.until}` };
  return { granted: true };
}

/**
 * A financier user's certificate attributes, issued by the regulator's CA: role=financier (never an alliance role,
 * so actingRole grants it nothing on the ledger) and financier=<the registered financier's id>.
 */
export const FINANCIER_CERTIFICATE = { role: 'financier', idAttribute: 'financier' } as const;
