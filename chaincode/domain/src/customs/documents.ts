import { z } from 'zod';
import { isValidGtin, toGtin14 } from '../gs1/check-digit';
import { IdentifierError } from '../gs1/errors';
import { normalizeIdentifier } from '../gs1/identifiers';
import { TraceError } from '../trace/errors';
import { parseJsonInput } from '../trace/json-input';
import type { Role } from '../trace/roles';

/**
 * The four documents of China's three-document check for cross-border e-commerce retail imports (modes 1210 and
 * 9610): the platform's order, the payment record, the carrier's waybill, and the declaration list that must match
 * them. Each is recorded by its party; its full detail stays in the recorder's own data-level collection, and its
 * customs view (the full document less PRIVATE_FIELDS) goes to the collection customs and the regulator read.
 */

/** A document number: what the party's own system calls it (order number, payment serial, waybill number...). */
const documentNumber = z.string().regex(/^[A-Za-z0-9._/-]{1,64}$/, '1 to 64 letters, digits or . _ / -');
/**
 * A pseudonymous reference to a person (consignee, payer): a keyed hash the platform computes of the person's
 * identity document, hex or base64url, never a name or ID number. One reference per person across platforms is
 * what lets customs sum a consignee's purchases (see README: the key comes from customs).
 */
const personRef = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,128}$/, 'a pseudonymous reference: 16 to 128 characters of hex or base64url, not a name or ID number')
  // A Chinese resident ID is 17 digits and a check character (a digit or X): digits alone are no keyed hash.
  .refine((ref) => !/^\d+[Xx]?$/.test(ref), 'digits alone look like an ID number: a reference is a keyed hash of one');
/** Money as customs declares it: at most two decimals, well below any float's rounding. */
const amount = z
  .number()
  .nonnegative()
  .max(1e9)
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, 'at most two decimals');
const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code, e.g. CNY');
const time = z.iso.datetime({ offset: true });
const gtin = z
  .string()
  .refine(isValidGtin, 'a GTIN with a correct check digit')
  .transform((value) => toGtin14(value));
const quantity = z.int().positive().max(1_000_000);
/** Personal particulars kept in the recorder's own collection only. */
const person = z.object({ name: z.string().trim().min(1).max(200), address: z.string().trim().min(1).max(500), phone: z.string().trim().min(1).max(50) }).partial().strict();
const MAX_ITEMS = 100;

/** The parcel's SSCC, as a GS1 Digital Link or EPC URN; kept in its canonical Digital Link (as event summaries name it). */
const sscc = z.string().transform((value, ctx) => {
  try {
    const canonical = normalizeIdentifier(value);
    if (canonical.startsWith('https://id.gs1.org/00/')) return canonical;
  } catch (err) {
    if (!(err instanceof IdentifierError)) throw err;
  }
  ctx.addIssue({ code: 'custom', message: 'an SSCC as a GS1 Digital Link (…/00/…) or EPC URN (urn:epc:id:sscc:…)' });
  return z.NEVER;
});

export const orderSchema = z
  .object({
    orderNumber: documentNumber,
    consigneeRef: personRef,
    items: z.array(z.object({ gtin, quantity, unitPrice: amount }).strict()).min(1).max(MAX_ITEMS),
    goodsValue: amount,
    freight: amount,
    tax: amount,
    currency,
    orderedAt: time,
    consignee: person.optional().describe("The consignee's name, address and phone: the platform's collection only"),
  })
  .strict();

export const paymentSchema = z
  .object({
    paymentSerial: documentNumber,
    orderNumber: documentNumber,
    payerRef: personRef,
    amount,
    currency,
    paidAt: time,
    payer: z.object({ name: z.string().trim().min(1).max(200), account: z.string().trim().min(1).max(100) }).partial().strict().optional(),
  })
  .strict();

export const waybillSchema = z
  .object({
    waybillNumber: documentNumber,
    sscc,
    orderNumber: documentNumber,
    consigneeRef: personRef,
    grossWeightKg: z.number().positive().max(100_000),
    promisedDeliveryBy: time,
    consignee: person.optional().describe("The consignee's name, address and phone: the carrier's collection only"),
  })
  .strict();

export const declarationSchema = z
  .object({
    declarationId: documentNumber,
    mode: z.enum(['1210', '9610']).describe('1210: bonded import; 9610: direct mail import'),
    orderNumber: documentNumber,
    paymentSerial: documentNumber,
    waybillNumber: documentNumber,
    consigneeRef: personRef,
    items: z.array(z.object({ gtin, quantity, declaredUnitValue: amount }).strict()).min(1).max(MAX_ITEMS),
    declaredValue: amount,
    currency,
  })
  .strict();

export type Order = z.output<typeof orderSchema>;
export type Payment = z.output<typeof paymentSchema>;
export type Waybill = z.output<typeof waybillSchema>;
export type Declaration = z.output<typeof declarationSchema>;

/**
 * The documents: who records each, the field that numbers it, and the fields its customs view leaves out (they
 * stay in the recorder's own collection). One table for the chaincode, the gateway and the README.
 */
export const CUSTOMS_DOCUMENTS = {
  order: { recordedBy: 'platform', numberField: 'orderNumber', privateFields: ['consignee'], schema: orderSchema },
  payment: { recordedBy: 'platform', numberField: 'paymentSerial', privateFields: ['payer'], schema: paymentSchema },
  waybill: { recordedBy: 'logistics', numberField: 'waybillNumber', privateFields: ['consignee'], schema: waybillSchema },
  declaration: { recordedBy: 'platform', numberField: 'declarationId', privateFields: [], schema: declarationSchema },
} as const satisfies Record<string, { recordedBy: Role; numberField: string; privateFields: readonly string[]; schema: z.ZodType }>;

export type CustomsDocumentKind = keyof typeof CUSTOMS_DOCUMENTS;
export const CUSTOMS_DOCUMENT_KINDS = Object.keys(CUSTOMS_DOCUMENTS) as CustomsDocumentKind[];

export interface CustomsDocuments {
  readonly order: Order;
  readonly payment: Payment;
  readonly waybill: Waybill;
  readonly declaration: Declaration;
}

export function isCustomsDocumentKind(kind: string): kind is CustomsDocumentKind {
  return Object.hasOwn(CUSTOMS_DOCUMENTS, kind);
}

/** The roles that record some customs document: each has a customs-view collection (see data-levels). */
export const CUSTOMS_RECORDING_ROLES: readonly Role[] = [...new Set(Object.values(CUSTOMS_DOCUMENTS).map((d) => d.recordedBy))];

/** A document of this kind, validated. @throws TraceError INVALID_DOCUMENT */
export function parseCustomsDocument<K extends CustomsDocumentKind>(kind: K, json: string): CustomsDocuments[K] {
  return parseJsonInput(CUSTOMS_DOCUMENTS[kind].schema, json, 'INVALID_DOCUMENT', `the ${kind}`) as CustomsDocuments[K];
}

/** The document's number (its key among documents of its kind and recorder). */
export function documentNumberOf(kind: CustomsDocumentKind, document: object): string {
  return (document as Record<string, string>)[CUSTOMS_DOCUMENTS[kind].numberField];
}

/** What customs and the regulator see of a document: the whole of it but its private fields. */
export function customsViewOf<K extends CustomsDocumentKind>(kind: K, document: CustomsDocuments[K]): CustomsDocuments[K] {
  const view: Record<string, unknown> = { ...document };
  for (const field of CUSTOMS_DOCUMENTS[kind].privateFields) delete view[field];
  return view as CustomsDocuments[K];
}

/** Throws ROLE_NOT_AUTHORISED unless the role records documents of this kind. */
export function assertMayRecordDocument(role: Role, kind: CustomsDocumentKind): void {
  const { recordedBy } = CUSTOMS_DOCUMENTS[kind];
  if (role !== recordedBy) throw new TraceError('ROLE_NOT_AUTHORISED', `a ${kind} is recorded by ${recordedBy}, not by role '${role}'`);
}

/** Money in minor units (fen for CNY): sums and comparisons in integers. */
export function minorUnits(value: number): number {
  return Math.round(value * 100);
}
