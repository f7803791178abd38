import { declarationSchema, orderSchema, paymentSchema, waybillSchema } from './documents';
import { limitYearOf } from './limits';
import { mismatchesOf, type DeclaredDocuments } from './matching';

const REF = 'a1'.repeat(16);
const order = orderSchema.parse({ orderNumber: 'O1', consigneeRef: REF, items: [{ gtin: '09506000134352', quantity: 2, unitPrice: 0.1 }, { gtin: '4012345000009', quantity: 1, unitPrice: 0.2 }], goodsValue: 0.4, freight: 0.1, tax: 0.2, currency: 'CNY', orderedAt: '2026-04-01T10:00:00+08:00' });
const payment = paymentSchema.parse({ paymentSerial: 'P1', orderNumber: 'O1', payerRef: REF, amount: 0.7, currency: 'CNY', paidAt: '2026-04-01T10:05:00+08:00' });
const waybill = waybillSchema.parse({ waybillNumber: 'W1', sscc: 'urn:epc:id:sscc:4055555.0000000001', orderNumber: 'O1', consigneeRef: REF, grossWeightKg: 1, promisedDeliveryBy: '2026-04-08T18:00:00+08:00' });
const declaration = declarationSchema.parse({ declarationId: 'D1', mode: '9610', orderNumber: 'O1', paymentSerial: 'P1', waybillNumber: 'W1', consigneeRef: REF, items: [{ gtin: '04012345000009', quantity: 1, declaredUnitValue: 0.2 }, { gtin: '9506000134352', quantity: 2, declaredUnitValue: 0.1 }], declaredValue: 0.4, currency: 'CNY' });
const matched: DeclaredDocuments = { declaration, order, payment, waybill, parcelOnLedger: true, consigneeYearTotalMinor: 0 };

test('documents that agree match: GTINs in any form and order, money summed in fen (0.1 + 0.2 is 0.3 here)', () => {
  expect(waybill.sscc).toBe('https://id.gs1.org/00/040555550000000018');
  expect(mismatchesOf(matched)).toEqual([]);
});

test.each([
  ['a payment of another order', { payment: { ...payment, orderNumber: 'O2' } }, [{ kind: 'order-number', fields: ['payment.orderNumber'] }]],
  ['a parcel the ledger does not know', { parcelOnLedger: false }, [{ kind: 'waybill', fields: ['waybill.sscc'] }]],
  ['another payer', { payment: { ...payment, payerRef: 'b2'.repeat(16) } }, [{ kind: 'consignee', fields: ['payment.payerRef'] }]],
  ['one cent short of goods + freight + tax', { payment: { ...payment, amount: 0.69 } }, [{ kind: 'value', fields: ['payment.amount'] }]],
  ['CNY 26,000 reached exactly', { consigneeYearTotalMinor: 2_599_960 }, []],
  ['one cent over CNY 26,000', { consigneeYearTotalMinor: 2_599_961 }, [{ kind: 'annual-limit', fields: ['declaration.declaredValue'] }]],
])('%s', (_case, change, expected) => {
  expect(mismatchesOf({ ...matched, ...change } as DeclaredDocuments)).toEqual(expected);
});

test('every document missing at once: each says so once, and the checks that need it say nothing', () => {
  expect(mismatchesOf({ declaration, parcelOnLedger: false, consigneeYearTotalMinor: 0 })).toEqual([
    { kind: 'order-number', fields: ['declaration.orderNumber'] },
    { kind: 'payment', fields: ['declaration.paymentSerial'] },
    { kind: 'waybill', fields: ['declaration.waybillNumber'] },
  ]);
});

test("the limits' year turns at midnight China Standard Time", () => {
  expect(limitYearOf(Date.parse('2026-12-31T15:59:59.999Z'))).toBe(2026);
  expect(limitYearOf(Date.parse('2026-12-31T16:00:00.000Z'))).toBe(2027);
});

test('a name is no pseudonymous reference; money has at most two decimals', () => {
  for (const consigneeRef of ['Li Lei 310101199001011234', '11010519491231002X']) expect(orderSchema.safeParse({ ...order, consigneeRef }).success).toBe(false);
  expect(paymentSchema.safeParse({ ...payment, amount: 0.705 }).success).toBe(false);
  expect(waybillSchema.safeParse({ ...waybill, sscc: 'https://id.gs1.org/01/09506000134352/21/1' }).success).toBe(false);
});
