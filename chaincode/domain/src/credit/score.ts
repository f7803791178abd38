import { PROMISE_KINDS, PROMISES, type CreditPromise, type PromiseKind, type Sanction } from './promises';

/**
 * The score's parameters (README, "Credit: a data report for financiers"). Seed 004, 2.4: in a repeated game a
 * stage t periods ahead is worth (1+δ)^-t of the present one, and keeping promises pays while δ is small against
 * what the relationship yields. A lender reading the record looks the other way: a period t back tells as much about
 * the firm today as a period t ahead is worth to the firm today, (1+δ)^-t.
 */
export const CREDIT_MODEL = {
  /** δ per period (a calendar month): a period a year back weighs 1.1^-12 ≈ 0.32, two years back ≈ 0.10. */
  delta: 0.1,
  /** Periods looked back (the current one is 0): older promises weigh under a tenth and are left out. */
  horizonPeriods: 24,
  /** The score of a firm that kept every promise and was never suspended. */
  maxPoints: 1000,
  /** Points one suspension costs, discounted by its age as promises are. */
  suspensionPoints: 150,
} as const;

export type CreditModel = { readonly [K in keyof typeof CREDIT_MODEL]: number };

export interface ScoredPromise extends CreditPromise {
  /** The calendar month (UTC) it was settled in, how many periods before the report's, and its weight. */
  readonly period: string;
  readonly periodsBack: number;
  readonly weight: number;
}

export interface CreditComponent {
  readonly kind: PromiseKind;
  /** PROMISES' weight, and its share once kinds with no promises are left out. */
  readonly weight: number;
  readonly effectiveWeight: number;
  readonly kept: number;
  readonly broken: number;
  readonly pending: number;
  /** Σ(1+δ)^-t over kept / Σ(1+δ)^-t over kept and broken; null with none. */
  readonly weightedShare: number | null;
  readonly points: number;
  readonly promises: readonly ScoredPromise[];
}

export interface CreditScore {
  readonly enterprise: string;
  readonly asOf: string;
  readonly model: CreditModel;
  /** 0..maxPoints; null while the ledger holds no settled promise of the firm. */
  readonly points: number | null;
  readonly components: readonly CreditComponent[];
  readonly sanctions: { readonly count: number; readonly penalty: number; readonly items: readonly (Sanction & { period: string; periodsBack: number; weight: number })[] };
  /** Promises and sanctions left out: their evidence ids, as upheld disputes name them. */
  readonly excluded: readonly string[];
}

/**
 * The firm's score from its promises and sanctions as of a time: pure and deterministic. Promises settled in the
 * report's period and the horizonPeriods - 1 before it count, each weighed (1+δ)^-t; pending ones are shown, not
 * counted; ids in `excluded` (upheld disputes) are left out.
 */
export function creditScore(
  input: { enterprise: string; asOf: string; promises: readonly CreditPromise[]; sanctions: readonly Sanction[]; excluded?: ReadonlySet<string> },
  model: CreditModel = CREDIT_MODEL,
): CreditScore {
  const excluded = input.excluded ?? new Set<string>();
  const left: string[] = [];
  const keep = (id: string) => {
    if (!excluded.has(id)) return true;
    left.push(id);
    return false;
  };
  const now = monthIndex(input.asOf);
  const weighed = <T>(item: T, time: string) => {
    const periodsBack = now - monthIndex(time);
    return { ...item, period: time.slice(0, 7), periodsBack, weight: (1 + model.delta) ** -Math.max(0, periodsBack) };
  };
  const inHorizon = (x: { periodsBack: number }) => x.periodsBack < model.horizonPeriods;
  const mine = input.promises.filter((p) => p.promisor === input.enterprise && keep(p.id));
  const raw = PROMISE_KINDS.map((kind) => {
    const promises = mine.filter((p) => p.kind === kind).map((p) => weighed(p, p.settledAt ?? p.dueAt)).filter(inHorizon).sort(byTimeThenId);
    const settled = (outcome: string) => promises.filter((p) => p.outcome === outcome);
    const keptWeight = sum(settled('kept').map((p) => p.weight));
    const brokenWeight = sum(settled('broken').map((p) => p.weight));
    const share = keptWeight + brokenWeight > 0 ? keptWeight / (keptWeight + brokenWeight) : null;
    return { kind, weight: PROMISES[kind].weight, kept: settled('kept').length, broken: settled('broken').length, pending: settled('pending').length, weightedShare: share, promises };
  });
  const present = sum(raw.filter((c) => c.weightedShare !== null).map((c) => c.weight));
  const components: CreditComponent[] = raw.map((c) => {
    const effectiveWeight = c.weightedShare === null ? 0 : c.weight / present;
    return { ...c, effectiveWeight: round(effectiveWeight, 4), weightedShare: c.weightedShare === null ? null : round(c.weightedShare, 4), points: round(model.maxPoints * effectiveWeight * (c.weightedShare ?? 0), 1) };
  });
  const sanctions = input.sanctions
    .filter((s) => s.enterprise === input.enterprise && keep(s.id))
    .map((s) => weighed(s, s.at))
    .filter(inHorizon)
    .sort(byTimeThenId);
  const penalty = round(sum(sanctions.map((s) => model.suspensionPoints * s.weight)), 1);
  const earned = sum(components.map((c) => model.maxPoints * c.effectiveWeight * (c.weightedShare ?? 0)));
  return {
    enterprise: input.enterprise,
    asOf: input.asOf,
    model,
    points: present === 0 ? null : Math.max(0, Math.round(earned - penalty)),
    components,
    sanctions: { count: sanctions.length, penalty, items: sanctions.map((s) => ({ ...s, weight: round(s.weight, 4) })) },
    excluded: [...new Set(left)].sort(),
  };
}

/** Calendar months since year 0, UTC: the period index. */
function monthIndex(time: string): number {
  const date = new Date(Date.parse(time));
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function byTimeThenId(a: { period: string; id: string; settledAt?: string; at?: string }, b: typeof a): number {
  const ta = a.settledAt ?? a.at ?? a.period;
  const tb = b.settledAt ?? b.at ?? b.period;
  return ta < tb ? -1 : ta > tb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
