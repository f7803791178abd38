/**
 * The promises a credit report counts (issue 16; seed 004, 2.4): each firm's commitments as ledger facts with a due
 * time, each later kept or broken by facts already on the ledger. One row per kind: whose promise it is, the fact
 * that makes it, the fact that keeps it, the fact that breaks it, when it is due, and its weight in the score.
 * The builders below (one per row) read exactly these facts; nothing else decides an outcome.
 */
export const PROMISES = {
  conformance: {
    whose: "the brand owner of the inspected items: the charter's holder of their GTIN company prefix",
    madeBy: 'an inspecting or sampling event (channel state summary) with a verdict, on items of its GTINs',
    keptBy: 'the verdict conformant',
    brokenBy: 'any other verdict (non_conformant, ...)',
    due: "the inspection's event time: one fact makes and settles it",
    weight: 0.35,
  },
  delivery: {
    whose: 'the carrier MSP the waybill names',
    madeBy: "customs' waybill on channel state: waybillNumber, sscc, carrier, promisedDeliveryBy",
    keptBy: 'an arriving or receiving event naming the SSCC, recorded by another member than the carrier, at or before promisedDeliveryBy',
    brokenBy: 'the first such event later than promisedDeliveryBy, or none by the report time once promisedDeliveryBy has passed',
    due: 'promisedDeliveryBy',
    weight: 0.25,
  },
  complaintAnswer: {
    whose: 'the enterprise responsible for the step complained of (public channel complaint)',
    madeBy: 'a complaint filed on the public channel, with its answerDue',
    keptBy: 'its answer, at or before answerDue',
    brokenBy: 'an answer after answerDue, or none by the report time once answerDue has passed',
    due: 'answerDue (filing time plus COMPLAINT_LIMITS.answerDays)',
    weight: 0.2,
  },
  declaration: {
    whose: 'the platform that filed the customs declaration',
    madeBy: "a customs declaration on channel state, checked by customs' three-document check (its verdict, CUSTOMS_KEYS.verdict)",
    keptBy: 'the verdict matched (or cleared, which follows matched)',
    brokenBy: 'the verdict mismatched',
    due: "the verdict's time (checkedAt)",
    weight: 0.2,
  },
} as const satisfies Record<string, { whose: string; madeBy: string; keptBy: string; brokenBy: string; due: string; weight: number }>;

export type PromiseKind = keyof typeof PROMISES;
export const PROMISE_KINDS = Object.keys(PROMISES) as PromiseKind[];

/** Ids that lead a reader from a figure to the ledger: events, transactions, complaints, declarations, waybills. */
export interface Evidence {
  readonly eventIds?: readonly string[];
  readonly txIds: readonly string[];
  readonly complaintIds?: readonly string[];
  readonly declarationIds?: readonly string[];
  readonly waybillNumbers?: readonly string[];
}

export type PromiseOutcome = 'kept' | 'broken' | 'pending';

/** One promise of one firm, as the facts up to the report time settle it. */
export interface CreditPromise {
  readonly kind: PromiseKind;
  readonly promisor: string;
  /** What a dispute names: the event, waybill, complaint or declaration id. */
  readonly id: string;
  readonly dueAt: string;
  readonly outcome: PromiseOutcome;
  /** When the outcome was fixed: the keeping or breaking fact's time, or the due time passing with none. */
  readonly settledAt?: string;
  readonly evidence: Evidence;
}

/** The regulator suspended the enterprise: a penalty on the score, not a promise. */
export interface Sanction {
  readonly enterprise: string;
  /** The transaction that suspended it (what a dispute names). */
  readonly id: string;
  readonly at: string;
  readonly reason?: string;
  readonly evidence: Evidence;
}
