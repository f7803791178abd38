import { cbvStepWord } from '../trace/authority';
import { TraceError } from '../trace/errors';
import type { Role } from '../trace/roles';
import type { ParcelRecord } from './records';

/**
 * Customs accepts a cross-border retail parcel only once it is cleared. A parcel is under the regime when a
 * waybill names its SSCC: accepting it, or an item packed in it (at any depth), needs a cleared declaration of that
 * waybill. Goods no waybill names are not retail parcels under this regime (general trade, samples, the alliance's
 * own shipments) and are accepted as before.
 */
export const ACCEPTANCE_RULE = { roles: ['customs'], steps: ['accepting'] } as const satisfies { roles: readonly Role[]; steps: readonly string[] };

export function needsClearance(role: Role, bizStep: string | undefined): boolean {
  return (ACCEPTANCE_RULE.roles as readonly Role[]).includes(role) && bizStep !== undefined && (ACCEPTANCE_RULE.steps as readonly string[]).includes(cbvStepWord(bizStep));
}

/** Throws PARCEL_NOT_CLEARED for the first parcel (of the event's objects and their containers) not cleared. */
export function assertParcelsCleared(parcels: readonly ParcelRecord[]): void {
  const waiting = parcels.find((parcel) => parcel.clearedBy === undefined);
  if (waiting) throw new TraceError('PARCEL_NOT_CLEARED', `parcel ${waiting.sscc} (waybill ${waiting.waybillNumber}) has no cleared declaration: customs accepts it once its documents match and it is cleared`);
}
