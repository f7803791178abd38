import { createHmac } from 'node:crypto';
import type { Mismatch } from './matching';

/**
 * What the customs contract keeps on channel state, where every member reads it, and the keys it keeps it under.
 * Private documents are kept under `customs-document` (kind, number) in their collections; a consignee's running
 * total under a keyed hash in the checking customs' own collection (see consigneeTotalId).
 */
export const CUSTOMS_KEYS = {
  /** Private: a document's full detail (recorder's level collection) or customs view (customs-declaration collection). */
  document: 'customs-document',
  /** Public: that a declaration was made, by whom, in which mode. */
  declaration: 'customs-declaration',
  /** Public: the check's verdict on a declaration, and its clearance. */
  verdict: 'customs-verdict',
  /** Public: a carrier's waybill, as far as every member may see it (its promise of delivery). */
  waybill: 'waybill',
  /** Public: the parcel (SSCC) a waybill names, and the declaration that cleared it. */
  parcel: 'parcel',
  /** Private, in the checking customs' collection: a consignee's cleared value in a calendar year. */
  consigneeTotal: 'consignee-total',
} as const;

export interface DeclarationRecord {
  readonly declarationId: string;
  readonly mode: '1210' | '9610';
  /** The waybill it declares: its parcel's record names the declaration that cleared it, so the link is public anyway. */
  readonly waybillNumber: string;
  readonly declaredBy: string;
  readonly declaredAt: string;
}

export type VerdictStatus = 'matched' | 'mismatched' | 'cleared';

/** The check's word on a declaration: the kinds of mismatch and the fields' names, never their values. */
export interface CustomsVerdict {
  readonly declarationId: string;
  readonly declaredBy: string;
  readonly status: VerdictStatus;
  readonly mismatches: readonly Mismatch[];
  /** The customs member that checked (and cleared) it. */
  readonly checkedBy: string;
  readonly checkedAt: string;
  readonly clearedAt?: string;
}

/**
 * A waybill as every member sees it: the carrier's promise to deliver the parcel by a time (the credit report
 * counts it), without the consignee or the order.
 */
export interface WaybillRecord {
  readonly waybillNumber: string;
  readonly sscc: string;
  readonly carrier: string;
  readonly promisedDeliveryBy: string;
  readonly recordedAt: string;
}

/** A parcel named by a waybill: customs accepts it only once a declaration of that waybill is cleared. */
export interface ParcelRecord {
  readonly sscc: string;
  readonly waybillNumber: string;
  readonly clearedBy?: string;
}

/**
 * Where a consignee's yearly total is kept: HMAC-SHA-256 of reference and year under the collection's own key. A
 * private key's hash is in every block; keyed, a platform that knows its consignee's reference cannot watch for
 * clearances of that consignee on other platforms.
 */
export function consigneeTotalId(collectionKey: Uint8Array, consigneeRef: string, year: number): string {
  return createHmac('sha256', collectionKey).update(`${consigneeRef}\u0000${year}`, 'utf8').digest('hex');
}
