// A cross-border retail order's four documents that match (order, payment, waybill, declaration list), and the
// parcel's EPCIS events, for the customs suites over the chaincode and over REST.
import { randomBytes } from 'node:crypto';
import { gs1CheckDigit } from '@crossborder-trace/domain';

const withCheckDigit = (digits: string) => digits + gs1CheckDigit(digits);
/** Two products of the manufacturer's prefix (9506000). */
export const GTIN_TEA = withCheckDigit('0950600013435');
export const GTIN_CUP = withCheckDigit('0950600013436');
/** The platform's party (its prefix 6901234): where the carrier ships parcels to. */
export const PLATFORM_PARTY = 'https://id.gs1.org/417/6901234000016';
/** The carrier's customs-registered company prefix: it names the parcels it packs (SSCC) and their contents. */
const CARRIER_PREFIX = '4055555';

/** A pseudonymous consignee reference, as a platform computes it (HMAC of the ID document: here random hex). */
export const consigneeRef = () => randomBytes(16).toString('hex');

let parcels = 0;

/** A fresh SSCC of the carrier, as a GS1 Digital Link, and an item of its own packed in it. */
export function newParcel(): { sscc: string; item: string } {
  parcels += 1;
  const reference = String(Date.now() % 1e6).padStart(6, '0') + String(parcels).padStart(3, '0');
  return {
    sscc: `https://id.gs1.org/00/${withCheckDigit(`0${CARRIER_PREFIX}${reference}`)}`,
    item: `https://id.gs1.org/01/${withCheckDigit(`0${CARRIER_PREFIX}00001`)}/21/${reference}`,
  };
}

export interface DocumentSet {
  readonly order: Record<string, unknown>;
  readonly payment: Record<string, unknown>;
  readonly waybill: Record<string, unknown>;
  readonly declaration: Record<string, unknown>;
  readonly sscc: string;
  readonly item: string;
}

/**
 * Four documents that match: numbers tagged with `tag`; two lines (tea 2 x 100, cup 1 x 50) or, with `value`, one
 * line of tea worth it; the order holds the consignee's address, which stays in the platform's collection.
 */
export function matchingDocuments(tag: string, options: { consignee?: string; value?: number } = {}): DocumentSet {
  const { sscc, item } = newParcel();
  const ref = options.consignee ?? consigneeRef();
  const lines = options.value === undefined ? [{ gtin: GTIN_TEA, quantity: 2, price: 100 }, { gtin: GTIN_CUP, quantity: 1, price: 50 }] : [{ gtin: GTIN_TEA, quantity: 1, price: options.value }];
  const goodsValue = lines.reduce((sum, l) => sum + l.quantity * l.price, 0);
  const [freight, tax] = [20, 22.75];
  const orderNumber = `ORD-${tag}`;
  return {
    sscc,
    item,
    order: {
      orderNumber,
      consigneeRef: ref,
      items: lines.map((l) => ({ gtin: l.gtin, quantity: l.quantity, unitPrice: l.price })),
      goodsValue,
      freight,
      tax,
      currency: 'CNY',
      orderedAt: '2026-04-01T10:00:00+08:00',
      consignee: { name: 'Li Lei', address: `${tag} Nanjing Road 1, Shanghai`, phone: '+86 21 5555 0100' },
    },
    payment: { paymentSerial: `PAY-${tag}`, orderNumber, payerRef: ref, amount: Math.round((goodsValue + freight + tax) * 100) / 100, currency: 'CNY', paidAt: '2026-04-01T10:05:00+08:00' },
    waybill: {
      waybillNumber: `WB-${tag}`,
      sscc,
      orderNumber,
      consigneeRef: ref,
      grossWeightKg: 1.8,
      promisedDeliveryBy: '2026-04-08T18:00:00+08:00',
      consignee: { name: 'Li Lei', address: `${tag} Nanjing Road 1, Shanghai` },
    },
    declaration: {
      declarationId: `DEC-${tag}`,
      mode: '1210',
      orderNumber,
      paymentSerial: `PAY-${tag}`,
      waybillNumber: `WB-${tag}`,
      consigneeRef: ref,
      items: lines.map((l) => ({ gtin: l.gtin, quantity: l.quantity, declaredUnitValue: l.price })),
      declaredValue: goodsValue,
      currency: 'CNY',
    },
  };
}

let minute = 0;
const at = () => {
  minute += 1;
  return { eventTime: `2026-04-02T${String(8 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00.000Z`, eventTimeZoneOffset: '+00:00' };
};

/** The carrier packs its item into the parcel: the parcel (SSCC) is on the ledger from now on. */
export const packing = (set: DocumentSet) => ({ type: 'AggregationEvent', ...at(), action: 'ADD', parentID: set.sscc, childEPCs: [set.item], bizStep: 'packing' });
/** The carrier ships the parcel to the platform, in China: customs of China may then accept it at the border. */
export const shipping = (set: DocumentSet) => ({
  type: 'ObjectEvent',
  ...at(),
  action: 'OBSERVE',
  epcList: [set.sscc],
  bizStep: 'shipping',
  destinationList: [{ type: 'possessing_party', destination: PLATFORM_PARTY }],
});
/** Customs accepts the goods (the parcel, or an item in it). */
export const accepting = (epc: string) => ({ type: 'ObjectEvent', ...at(), action: 'OBSERVE', epcList: [epc], bizStep: 'accepting' });
