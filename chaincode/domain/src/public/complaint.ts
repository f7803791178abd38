import { z } from 'zod';
import { TraceError } from '../trace/errors';
import { parseJsonInput } from '../trace/json-input';
import type { ScreenedRecord } from './screened-record';

/** What a consumer may complain of, and what each means. */
export const COMPLAINT_CATEGORIES = {
  quality: 'the product is not as described or not of the quality its checks claim',
  safety: 'the product harmed, or could harm, its user',
  authenticity: 'the product or its record looks counterfeit',
  delivery: 'it arrived damaged, late, or not in the state the journey claims',
  information: 'a step on the record is wrong',
} as const;
export type ComplaintCategory = keyof typeof COMPLAINT_CATEGORIES;

export const COMPLAINT_LIMITS = {
  descriptionLength: 2_000,
  answerLength: 2_000,
  /** Days the responsible enterprise has to answer (a promise the credit report counts). */
  answerDays: 14,
} as const;

/** A complaint's life: filed (open), answered by the enterprise responsible, ruled on by the regulator. */
export type ComplaintStatus = 'open' | 'answered' | 'upheld' | 'dismissed';

/**
 * Who may act on a complaint, and when: the one table the public chaincode enforces and the gateway describes.
 * `responsible` is the enterprise that recorded the step complained of; the regulator is the charter's.
 */
export const COMPLAINT_ACTIONS = {
  file: { by: 'the platform that sold the item, with the buyer reference recorded at the sale (proof of purchase)', from: [] },
  answer: { by: 'the enterprise responsible for the step', from: ['open'] },
  rule: { by: 'the regulator', from: ['open', 'answered'] },
} as const satisfies Record<string, { by: string; from: readonly ComplaintStatus[] }>;

export type ComplaintAction = keyof typeof COMPLAINT_ACTIONS;

export interface Complaint {
  /** The transaction that filed it. */
  readonly id: string;
  readonly epc: string;
  readonly eventId: string;
  readonly step: string;
  readonly category: ComplaintCategory;
  readonly description: string;
  /** The enterprise that recorded the step: it answers. */
  readonly responsible: string;
  readonly regulator: string;
  /** The platform that filed it on the buyer's behalf (the buyer is never named). */
  readonly filedBy: string;
  readonly filedAt: string;
  readonly answerDue: string;
  readonly status: ComplaintStatus;
  readonly answer?: { readonly text: string; readonly by: string; readonly at: string; readonly txId: string };
  readonly ruling?: { readonly decision: 'upheld' | 'dismissed'; readonly reason: string; readonly by: string; readonly at: string; readonly txId: string };
}

const categories = Object.keys(COMPLAINT_CATEGORIES) as [ComplaintCategory, ...ComplaintCategory[]];

export const complaintFilingSchema = z
  .object({
    epc: z.string().min(1).max(2_048),
    eventId: z.string().min(1).max(512),
    category: z.enum(categories),
    description: z.string().trim().min(1).max(COMPLAINT_LIMITS.descriptionLength),
  })
  .strict();
export type ComplaintFiling = z.output<typeof complaintFilingSchema>;

export const complaintAnswerSchema = z.object({ text: z.string().trim().min(1).max(COMPLAINT_LIMITS.answerLength) }).strict();
export const complaintRulingSchema = z
  .object({ decision: z.enum(['upheld', 'dismissed']), reason: z.string().trim().min(1).max(COMPLAINT_LIMITS.answerLength) })
  .strict();

export function parseComplaintFiling(json: string): ComplaintFiling {
  return parseJsonInput(complaintFilingSchema, json, 'INVALID_COMPLAINT', 'the complaint');
}
export function parseComplaintAnswer(json: string): z.output<typeof complaintAnswerSchema> {
  return parseJsonInput(complaintAnswerSchema, json, 'INVALID_COMPLAINT', 'the answer');
}
export function parseComplaintRuling(json: string): z.output<typeof complaintRulingSchema> {
  return parseJsonInput(complaintRulingSchema, json, 'INVALID_COMPLAINT', 'the ruling');
}

/** The complaint a filing opens against a published record. @throws TraceError INVALID_COMPLAINT for a step not on it */
export function openComplaint(filing: ComplaintFiling, record: ScreenedRecord, at: { id: string; time: string; filedBy: string; regulator: string }): Complaint {
  const step = record.steps.find((s) => s.eventId === filing.eventId);
  if (!step) throw new TraceError('INVALID_COMPLAINT', `${filing.eventId} is not a step of the public record of ${record.epc}`);
  return {
    id: at.id,
    epc: record.epc,
    eventId: step.eventId,
    step: step.step,
    category: filing.category,
    description: filing.description,
    responsible: step.enterprise.mspId,
    regulator: at.regulator,
    filedBy: at.filedBy,
    filedAt: at.time,
    answerDue: new Date(Date.parse(at.time) + COMPLAINT_LIMITS.answerDays * 86_400_000).toISOString(),
    status: 'open',
  };
}

/** Throws COMPLAINT_NOT_AUTHORISED unless the caller may take the action on the complaint in its present status. */
export function assertMayActOnComplaint(action: Exclude<ComplaintAction, 'file'>, complaint: Complaint, caller: { mspId: string; isRegulator: boolean }): void {
  const allowed = action === 'answer' ? caller.mspId === complaint.responsible : caller.isRegulator;
  if (!allowed) throw new TraceError('COMPLAINT_NOT_AUTHORISED', `${caller.mspId} may not ${action} complaint ${complaint.id}: ${COMPLAINT_ACTIONS[action].by} does`);
  if (!(COMPLAINT_ACTIONS[action].from as readonly ComplaintStatus[]).includes(complaint.status)) {
    throw new TraceError('COMPLAINT_NOT_AUTHORISED', `complaint ${complaint.id} is ${complaint.status}: it can no longer be ${action === 'answer' ? 'answered' : 'ruled on'}`);
  }
}

/**
 * The extension field a sale event carries with the buyer's pseudonymous reference: an HMAC of the platform's
 * account id under a key only the platform holds, in the platform's own data level. The chain never learns who
 * bought; the platform can later recognise its customer, who thereby proves the purchase.
 */
export const BUYER_REFERENCE = {
  prefix: 'cbt',
  namespace: 'https://ns.crossborder-trace.org/epcis/',
  term: 'buyerReference',
} as const;

/** The buyer reference a sale event's detail carries, under its compact or full name. */
export function buyerReferenceOf(event: unknown): string | undefined {
  if (event === null || typeof event !== 'object') return undefined;
  const fields = event as Record<string, unknown>;
  const value = fields[`${BUYER_REFERENCE.prefix}:${BUYER_REFERENCE.term}`] ?? fields[`${BUYER_REFERENCE.namespace}${BUYER_REFERENCE.term}`];
  return typeof value === 'string' ? value : undefined;
}
