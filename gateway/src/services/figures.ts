import { brandOwnerOf, type AllianceCharter } from '@crossborder-trace/domain';
import type { FigureStore } from '../store/figures';
import type { ReadModelStore } from '../store/read-model';

/** How far back the desk's figures reach by default, and at most. */
export const DEFAULT_FIGURE_DAYS = 30;
export const MAX_FIGURE_DAYS = 366;

export interface PassRate {
  readonly passed: number;
  readonly failed: number;
}

/** One enterprise's quality figures: verdicts on the products it owns, by inspectors and by customs. */
export interface EnterpriseFigures {
  readonly mspId: string;
  readonly inspection: PassRate;
  readonly customs: PassRate;
}

export interface Figures {
  readonly since: string;
  readonly enterprises: readonly EnterpriseFigures[];
  /** Alerts raised per day, by the enterprise that answers for them. */
  readonly alertsByDay: readonly { readonly day: string; readonly responsible: string; readonly count: number }[];
}

/**
 * The desk's quality figures, from the read model (never the peer). A verdict counts for the brand owner of the
 * inspected goods (the holder of the GTIN's company prefix): the firm that answers for the product. A verdict by a
 * member in the customs role counts as customs', any other as an inspection's. `conformant` passes; every other
 * verdict fails. The regulator sees every enterprise; a firm sees its own figures only.
 */
export class FigureService {
  constructor(
    private readonly figures: FigureStore,
    private readonly model: ReadModelStore,
    private readonly mspId: string,
  ) {}

  figuresFor(days: number, now = new Date()): Figures {
    const since = new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
    const charter = this.model.charter();
    const visible = (mspId: string) => charter?.regulator === this.mspId || mspId === this.mspId;
    const byEnterprise = new Map<string, { inspection: { passed: number; failed: number }; customs: { passed: number; failed: number } }>();
    for (const verdict of this.figures.verdictsSince(since)) {
      const owner = charter && ownerOf(charter, verdict.objects);
      if (!owner || !visible(owner)) continue;
      const entry = byEnterprise.get(owner) ?? { inspection: { passed: 0, failed: 0 }, customs: { passed: 0, failed: 0 } };
      const rate = charter.members[verdict.recordedBy]?.roles.includes('customs') ? entry.customs : entry.inspection;
      if (verdict.verdict === 'conformant') rate.passed++;
      else rate.failed++;
      byEnterprise.set(owner, entry);
    }
    return {
      since,
      enterprises: [...byEnterprise.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([mspId, f]) => ({ mspId, ...f })),
      alertsByDay: this.figures.alertCountsSince(since).filter((row) => visible(row.responsible)),
    };
  }
}

/** The brand owner of the first of the objects that has one. */
function ownerOf(charter: AllianceCharter, objects: readonly string[]): string | undefined {
  for (const object of objects) {
    const owner = brandOwnerOf(charter, object);
    if (owner) return owner;
  }
  return undefined;
}
