import { normalizeIdentifier } from '../gs1';
import type { Complaint } from '../public/complaint';
import { VERDICT_STEPS } from '../trace/authority';
import type { Enterprise } from '../trace/enterprise';
import type { CreditPromise, Sanction } from './promises';

/**
 * The ledger facts each row of PROMISES reads, and how they settle a promise as of a report time. Pure: the same
 * facts and the same time give the same promises, which is what makes a report reproducible at a block height.
 */

/** An event summary with a verdict, and the brand owners of the items it names (by the charter of its block). */
export interface VerdictFact {
  readonly eventId: string;
  readonly txId: string;
  readonly bizStep?: string;
  readonly verdict?: string;
  readonly eventTimeUtc: string;
  readonly brandOwners: readonly string[];
}

export function conformancePromises(fact: VerdictFact): CreditPromise[] {
  if (fact.verdict === undefined || fact.bizStep === undefined || !VERDICT_STEPS.has(fact.bizStep)) return [];
  return fact.brandOwners.map((promisor) => ({
    kind: 'conformance',
    promisor,
    id: fact.eventId,
    dueAt: fact.eventTimeUtc,
    outcome: fact.verdict === 'conformant' ? 'kept' : 'broken',
    settledAt: fact.eventTimeUtc,
    evidence: { eventIds: [fact.eventId], txIds: [fact.txId] },
  }));
}

/** A complaint as the public channel held it at the report's height, and every transaction that wrote it so far. */
export interface ComplaintFact {
  readonly complaint: Complaint;
  readonly txIds: readonly string[];
}

/**
 * Answered by answerDue: kept; answered later: broken. Not answered: broken once answerDue has passed, pending
 * before. A complaint the regulator ruled on before it was answered and before it fell due can no longer be
 * answered: the firm was not given its time, so it is no promise.
 */
export function complaintPromise({ complaint, txIds }: ComplaintFact, asOf: string): CreditPromise | undefined {
  const base = { kind: 'complaintAnswer', promisor: complaint.responsible, id: complaint.id, dueAt: complaint.answerDue, evidence: { complaintIds: [complaint.id], txIds } } as const;
  const answered = complaint.answer?.at;
  if (answered !== undefined) return { ...base, outcome: answered <= complaint.answerDue ? 'kept' : 'broken', settledAt: answered };
  const closedAt = complaint.ruling?.at;
  if (closedAt !== undefined && closedAt < complaint.answerDue) return undefined;
  return asOf > complaint.answerDue ? { ...base, outcome: 'broken', settledAt: complaint.answerDue } : { ...base, outcome: 'pending' };
}

/** Customs' waybill: the carrier's promised delivery time for a shipment (SSCC). */
export interface WaybillFact {
  readonly waybillNumber: string;
  readonly sscc: string;
  readonly carrier: string;
  readonly promisedDeliveryBy: string;
  readonly txId: string;
}

/** An arriving or receiving event and the objects it names. */
export interface ArrivalFact {
  readonly eventId: string;
  readonly txId: string;
  readonly bizStep: string;
  readonly eventTimeUtc: string;
  readonly recordedBy: string;
  readonly objects: readonly string[];
}

export const ARRIVAL_STEPS: ReadonlySet<string> = new Set(['arriving', 'receiving']);

/**
 * Kept by the first arrival at or before promisedDeliveryBy, broken by a later one or by none once it has passed.
 * Only another member's arrival counts: the carrier would otherwise record its own arrival with a convenient event
 * time; the receiving party has no reason to flatter it.
 */
export function deliveryPromise(waybill: WaybillFact, arrivals: readonly ArrivalFact[], asOf: string): CreditPromise {
  const sscc = ssccLink(waybill.sscc);
  const due = new Date(Date.parse(waybill.promisedDeliveryBy)).toISOString();
  const first = arrivals
    .filter((a) => ARRIVAL_STEPS.has(a.bizStep) && a.recordedBy !== waybill.carrier && a.objects.includes(sscc))
    .sort((a, b) => (a.eventTimeUtc < b.eventTimeUtc ? -1 : a.eventTimeUtc > b.eventTimeUtc ? 1 : a.eventId < b.eventId ? -1 : 1))[0];
  const base = { kind: 'delivery', promisor: waybill.carrier, id: waybill.waybillNumber, dueAt: due } as const;
  if (first) {
    return { ...base, outcome: first.eventTimeUtc <= due ? 'kept' : 'broken', settledAt: first.eventTimeUtc, evidence: { waybillNumbers: [waybill.waybillNumber], eventIds: [first.eventId], txIds: [waybill.txId, first.txId] } };
  }
  const evidence = { waybillNumbers: [waybill.waybillNumber], txIds: [waybill.txId] };
  return asOf > due ? { ...base, outcome: 'broken', settledAt: due, evidence } : { ...base, outcome: 'pending', evidence };
}

/** The SSCC as event summaries hold it: an 18-digit SSCC or any identifier form, as a GS1 Digital Link. */
export function ssccLink(sscc: string): string {
  return /^\d{18}$/.test(sscc) ? `https://id.gs1.org/00/${sscc}` : normalizeIdentifier(sscc);
}

/** Customs' verdict on a declaration (CustomsVerdict's status as the ledger holds it at the report's height). */
export interface DeclarationFact {
  readonly declarationId: string;
  readonly declarant: string;
  readonly verdict: string;
  readonly verdictAt: string;
  readonly txIds: readonly string[];
}

/** What each status of the three-document check means for the declarant's promise: a cleared one matched first. */
const DECLARATION_OUTCOMES: Readonly<Record<string, 'kept' | 'broken'>> = { matched: 'kept', cleared: 'kept', mismatched: 'broken' };

export function declarationPromise(fact: DeclarationFact): CreditPromise | undefined {
  const outcome = DECLARATION_OUTCOMES[fact.verdict];
  if (outcome === undefined) return undefined;
  return {
    kind: 'declaration',
    promisor: fact.declarant,
    id: fact.declarationId,
    dueAt: fact.verdictAt,
    outcome,
    settledAt: fact.verdictAt,
    evidence: { declarationIds: [fact.declarationId], txIds: fact.txIds },
  };
}

/** One committed version of an enterprise's record. */
export interface EnterpriseVersion {
  readonly enterprise: Enterprise;
  readonly txId: string;
  readonly committedAt: string;
}

/** Each change to suspended, from the enterprise's versions in commit order. */
export function sanctionsOf(versions: readonly EnterpriseVersion[]): Sanction[] {
  const found: Sanction[] = [];
  let before: Enterprise['status'] | undefined;
  for (const { enterprise, txId, committedAt } of versions) {
    if (enterprise.status === 'suspended' && before !== 'suspended') {
      found.push({ enterprise: enterprise.mspId, id: txId, at: enterprise.statusChangedAt ?? committedAt, ...(enterprise.statusReason !== undefined && { reason: enterprise.statusReason }), evidence: { txIds: [txId] } });
    }
    before = enterprise.status;
  }
  return found;
}
