import {
  complaintAnswerSchema,
  complaintFilingSchema,
  complaintRulingSchema,
  declarationSchema,
  enterpriseRegistrationSchema,
  MAX_STATUS_REASON,
  orderSchema,
  paymentSchema,
  productSchema,
  recallRequestSchema,
  waybillSchema,
} from '@crossborder-trace/domain';
import { z } from 'zod';
import { CREDIT_REQUEST_SCHEMAS } from './credit-schemas';
import { Problem } from './problem';

/**
 * Request bodies of the non-EPCIS routes. The enterprise and product schemas are the chaincode's own (from the
 * domain package): the gateway refuses what the chaincode would, before a transaction is made, and the OpenAPI
 * document is generated from the same objects.
 */
export const REQUEST_SCHEMAS = {
  EnterpriseRegistration: enterpriseRegistrationSchema,
  EnterpriseStatus: z.object({ status: z.enum(['active', 'suspended']), reason: z.string().trim().min(1).max(MAX_STATUS_REASON) }).strict(),
  Product: productSchema,
  RecallRequest: recallRequestSchema,
  AlertAcknowledgement: z.object({ note: z.string().trim().min(1).max(1_000) }).strict(),
  Sale: z
    .object({
      item: z.string().min(1).max(2_048).describe('The item sold, in any identifier form capture takes (EPC URN, GS1 Digital Link)'),
      consumer: z.string().min(1).max(256).describe("The platform's own account id of the buyer: it never reaches the ledger"),
      eventTime: z.iso.datetime({ offset: true }).optional().describe('When it was sold; now if absent'),
      bizLocation: z.string().min(1).max(2_048).optional(),
      readPoint: z.string().min(1).max(2_048).optional(),
    })
    .strict(),
  ComplaintFiling: complaintFilingSchema
    .omit({ epc: true })
    .extend({
      item: z.string().min(1).max(2_048).describe('The item, in any identifier form'),
      consumer: z.string().min(1).max(256).describe("The platform's account id of the consumer who bought it (logged in at the platform)"),
    })
    .strict(),
  ComplaintAnswer: complaintAnswerSchema,
  ComplaintRuling: complaintRulingSchema,
  ...CREDIT_REQUEST_SCHEMAS,
  CustomsOrder: orderSchema,
  CustomsPayment: paymentSchema,
  CustomsWaybill: waybillSchema,
  CustomsDeclaration: declarationSchema,
} as const;

/** The body checked against its schema; a fault is a 400 naming each problem and where. */
export function bodyAs<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new Problem(400, 'INVALID_BODY', 'The request body is not valid', issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; '), { issues });
  }
  return parsed.data;
}
