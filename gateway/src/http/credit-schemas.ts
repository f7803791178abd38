import { authorisationSchema, disputeRulingSchema, disputeSchema, financierSchema } from '@crossborder-trace/domain';

/** The credit routes' request bodies: the credit contract's own schemas, so the gateway refuses what it would. */
export const CREDIT_REQUEST_SCHEMAS = {
  Financier: financierSchema,
  CreditAuthorisation: authorisationSchema,
  CreditDispute: disputeSchema,
  CreditDisputeRuling: disputeRulingSchema,
} as const;
