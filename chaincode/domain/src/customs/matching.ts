import { minorUnits, type Declaration, type Order, type Payment, type Waybill } from './documents';
import { RETAIL_IMPORT_LIMITS } from './limits';

/** What the check compares: the declaration and the customs views of the documents it names, as found. */
export interface DeclaredDocuments {
  readonly declaration: Declaration;
  /** The declarer's order under the declared order number; absent when there is none. */
  readonly order?: Order;
  /** The declarer's payment record under the declared payment serial. */
  readonly payment?: Payment;
  /** The waybill under the declared waybill number. */
  readonly waybill?: Waybill;
  /** Whether the ledger knows the parcel the waybill names (an event recorded its SSCC). */
  readonly parcelOnLedger: boolean;
  /** What the consignee's cleared declarations add up to this calendar year, in minor units. */
  readonly consigneeYearTotalMinor: number;
}

export type MismatchKind = 'order-number' | 'payment' | 'waybill' | 'consignee' | 'items' | 'value' | 'currency' | 'order-limit' | 'annual-limit';

/** A failed check: its kind and the names of the fields that disagree, never their values. */
export interface Mismatch {
  readonly kind: MismatchKind;
  readonly fields: readonly string[];
}

interface DocumentCheck {
  readonly kind: MismatchKind;
  /** The rule, in a sentence (README's table). */
  readonly rule: string;
  /** The fields that break it; none when it holds (or when a document it needs is missing: another kind says so). */
  readonly broken: (docs: DeclaredDocuments) => string[];
}

const limit = RETAIL_IMPORT_LIMITS;

/**
 * The three-document check: each rule with the kind of mismatch it reports. A declaration is matched when no
 * rule reports a field; customs clears only a matched declaration.
 */
export const DOCUMENT_CHECKS: readonly DocumentCheck[] = [
  {
    kind: 'order-number',
    rule: 'the declarer recorded an order under the declared order number, and the payment and the waybill name that order',
    broken: ({ declaration: d, order, payment, waybill }) =>
      fields([!order, 'declaration.orderNumber'], [payment !== undefined && payment.orderNumber !== d.orderNumber, 'payment.orderNumber'], [waybill !== undefined && waybill.orderNumber !== d.orderNumber, 'waybill.orderNumber']),
  },
  {
    kind: 'payment',
    rule: 'the declarer recorded a payment under the declared payment serial',
    broken: ({ payment }) => fields([!payment, 'declaration.paymentSerial']),
  },
  {
    kind: 'waybill',
    rule: 'a carrier recorded a waybill under the declared waybill number, for a parcel (SSCC) the ledger knows',
    broken: ({ waybill, parcelOnLedger }) => fields([!waybill, 'declaration.waybillNumber'], [waybill !== undefined && !parcelOnLedger, 'waybill.sscc']),
  },
  {
    kind: 'consignee',
    rule: "the order's consignee, the payer and the waybill's consignee are the declared consignee (by pseudonymous reference)",
    broken: ({ declaration: d, order, payment, waybill }) =>
      fields(
        [order !== undefined && order.consigneeRef !== d.consigneeRef, 'order.consigneeRef'],
        [payment !== undefined && payment.payerRef !== d.consigneeRef, 'payment.payerRef'],
        [waybill !== undefined && waybill.consigneeRef !== d.consigneeRef, 'waybill.consigneeRef'],
      ),
  },
  {
    kind: 'items',
    rule: 'the declaration lists the same GTINs in the same quantities as the order',
    broken: ({ declaration: d, order }) => fields([order !== undefined && !sameQuantities(order.items, d.items), 'declaration.items']),
  },
  {
    kind: 'value',
    rule: "the declared value is the order's goods value and its items' sum; the order's goods value is its items' sum; the payment is goods + freight + tax",
    broken: ({ declaration: d, order, payment }) =>
      fields(
        [order !== undefined && minorUnits(d.declaredValue) !== minorUnits(order.goodsValue), 'declaration.declaredValue'],
        [sumOf(d.items.map((i) => [i.quantity, i.declaredUnitValue])) !== minorUnits(d.declaredValue), 'declaration.items.declaredUnitValue'],
        [order !== undefined && sumOf(order.items.map((i) => [i.quantity, i.unitPrice])) !== minorUnits(order.goodsValue), 'order.goodsValue'],
        [order !== undefined && payment !== undefined && minorUnits(payment.amount) !== minorUnits(order.goodsValue) + minorUnits(order.freight) + minorUnits(order.tax), 'payment.amount'],
      ),
  },
  {
    kind: 'currency',
    rule: `the declaration, the order and the payment are in ${limit.currency}, the currency the limits are set in`,
    broken: ({ declaration: d, order, payment }) =>
      fields([d.currency !== limit.currency, 'declaration.currency'], [order !== undefined && order.currency !== limit.currency, 'order.currency'], [payment !== undefined && payment.currency !== limit.currency, 'payment.currency']),
  },
  {
    kind: 'order-limit',
    rule: `the declared value is at most ${limit.currency} ${limit.perOrder} (${limit.source})`,
    broken: ({ declaration: d }) => fields([minorUnits(d.declaredValue) > minorUnits(limit.perOrder), 'declaration.declaredValue']),
  },
  {
    kind: 'annual-limit',
    rule: `with the consignee's declarations cleared this calendar year (China Standard Time), at most ${limit.currency} ${limit.perConsigneeYear} (${limit.source})`,
    broken: ({ declaration: d, consigneeYearTotalMinor }) => fields([consigneeYearTotalMinor + minorUnits(d.declaredValue) > minorUnits(limit.perConsigneeYear), 'declaration.declaredValue']),
  },
];

/** Every rule the documents break, in the table's order; none: matched. */
export function mismatchesOf(docs: DeclaredDocuments): Mismatch[] {
  return DOCUMENT_CHECKS.map((check) => ({ kind: check.kind, fields: check.broken(docs) })).filter((m) => m.fields.length > 0);
}

function fields(...tests: [boolean, string][]): string[] {
  return tests.filter(([broken]) => broken).map(([, field]) => field);
}

function sumOf(lines: [number, number][]): number {
  return lines.reduce((sum, [quantity, unit]) => sum + quantity * minorUnits(unit), 0);
}

/** Quantities per GTIN, however the lines are split, must be equal. */
function sameQuantities(ordered: readonly { gtin: string; quantity: number }[], declared: readonly { gtin: string; quantity: number }[]): boolean {
  const count = (lines: readonly { gtin: string; quantity: number }[]) => {
    const by = new Map<string, number>();
    for (const { gtin, quantity } of lines) by.set(gtin, (by.get(gtin) ?? 0) + quantity);
    return by;
  };
  const [a, b] = [count(ordered), count(declared)];
  return a.size === b.size && [...a].every(([gtin, quantity]) => b.get(gtin) === quantity);
}
