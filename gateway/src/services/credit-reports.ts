import {
  complaintPromise,
  conformancePromises,
  CREDIT_MODEL,
  creditScore,
  declarationPromise,
  deliveryPromise,
  PROMISES,
  sanctionsOf,
  ssccLink,
  type ArrivalFact,
  type Complaint,
  type CreditDispute,
  type CreditPromise,
  type CreditScore,
  type CustomsVerdict,
  type Enterprise,
  type VerdictFact,
  type WaybillRecord,
} from '@crossborder-trace/domain';
import type { CreditFact, CreditFactStore, CreditHeights } from '../store/credit-facts';

export const CREDIT_REPORT_LABEL = 'A data report derived from ledger facts, not a licensed credit rating';

export interface CreditReport {
  readonly label: typeof CREDIT_REPORT_LABEL;
  readonly enterprise: { readonly mspId: string; readonly name?: string };
  /** The last block of each channel the report read: the same heights give the same report. */
  readonly heights: CreditHeights;
  /** The newest commit time up to those heights: promises fall due against it. */
  readonly asOf: string;
  readonly method: { readonly promises: typeof PROMISES; readonly model: typeof CREDIT_MODEL };
  readonly score: CreditScore;
  /** The enterprise's disputes up to the heights, with the regulator's rulings: upheld ones left their item out. */
  readonly disputes: readonly CreditDispute[];
}

/** A height asked for that the gateway's credit facts have not reached yet. */
export class HeightNotReached extends Error {
  override readonly name = 'HeightNotReached';
}

/**
 * Credit reports from the credit facts: deterministic in (enterprise, heights). Nothing here reads a clock or the
 * peer; "now" is the newest commit time up to the heights.
 */
export class CreditReports {
  constructor(private readonly store: CreditFactStore) {}

  /** The heights the facts have reached (-1: no block of the channel yet). */
  heights(): CreditHeights {
    const of = (channel: 'alliance' | 'public') => Number(this.store.checkpoint(channel) ?? -1n);
    return { alliance: of('alliance'), public: of('public') };
  }

  /** @throws HeightNotReached for a height past the facts' checkpoint */
  report(mspId: string, at: Partial<CreditHeights> = {}): CreditReport {
    const reached = this.heights();
    const heights = { alliance: at.alliance ?? reached.alliance, public: at.public ?? reached.public };
    for (const channel of ['alliance', 'public'] as const) {
      if (heights[channel] > reached[channel]) throw new HeightNotReached(`the ${channel} channel's credit facts are at block ${reached[channel]}, not ${heights[channel]} yet`);
    }
    const asOf = this.store.timeAt(heights) ?? new Date(0).toISOString();
    const alliance = (kind: string) => this.store.ofParty('alliance', mspId, [kind], heights.alliance);
    const promises: CreditPromise[] = [
      ...alliance('verdict').flatMap((f) => conformancePromises({ ...(f.value as Omit<VerdictFact, 'txId' | 'brandOwners'>), txId: f.txId, brandOwners: [mspId] })),
      ...versions(this.store.ofParty('public', mspId, ['complaint'], heights.public)).flatMap(({ last, txIds }) => complaintPromise({ complaint: last as Complaint, txIds }, asOf) ?? []),
      ...versions(alliance('waybill')).flatMap(({ last }) => this.#delivery({ ...(last as WaybillRecord) }, heights.alliance, asOf)),
      ...versions(alliance('declaration')).flatMap(({ last, txIds }) => {
        const verdict = last as CustomsVerdict;
        return declarationPromise({ declarationId: verdict.declarationId, declarant: verdict.declaredBy, verdict: verdict.status, verdictAt: verdict.checkedAt, txIds }) ?? [];
      }),
    ];
    const enterprises = alliance('enterprise');
    const sanctions = sanctionsOf(enterprises.map((f) => ({ enterprise: f.value as Enterprise, txId: f.txId, committedAt: f.committedAt })));
    const disputes = versions(alliance('dispute')).map(({ last }) => last as CreditDispute);
    const excluded = new Set(disputes.filter((d) => d.status === 'upheld').map((d) => d.evidenceId));
    const name = (enterprises.at(-1)?.value as Enterprise | undefined)?.name;
    return {
      label: CREDIT_REPORT_LABEL,
      enterprise: { mspId, ...(name !== undefined && { name }) },
      heights,
      asOf,
      method: { promises: PROMISES, model: CREDIT_MODEL },
      score: creditScore({ enterprise: mspId, asOf, promises, sanctions, excluded }),
      disputes,
    };
  }

  /** A waybill's promise, settled by the arrivals naming its SSCC up to the height. */
  #delivery(waybill: WaybillRecord & { txId?: string }, upTo: number, asOf: string): CreditPromise[] {
    let sscc: string;
    try {
      sscc = ssccLink(waybill.sscc);
    } catch {
      return [];
    }
    const written = this.store.byKey('alliance', 'waybill', waybill.waybillNumber, upTo)[0];
    const arrivals = this.store.byKey('alliance', 'arrival', sscc, upTo).map((f) => ({ ...(f.value as Omit<ArrivalFact, 'txId'>), txId: f.txId }));
    return [deliveryPromise({ ...waybill, txId: written.txId }, arrivals, asOf)];
  }
}

/** Facts grouped by key in ledger order: each key's newest value and every transaction that wrote it. */
function versions(facts: readonly CreditFact[]): { key: string; last: unknown; txIds: string[] }[] {
  const byKey = new Map<string, { key: string; last: unknown; txIds: string[] }>();
  for (const fact of facts) {
    const entry = byKey.get(fact.key) ?? { key: fact.key, last: undefined, txIds: [] };
    entry.last = fact.value;
    if (!entry.txIds.includes(fact.txId)) entry.txIds.push(fact.txId);
    byKey.set(fact.key, entry);
  }
  return [...byKey.values()];
}
