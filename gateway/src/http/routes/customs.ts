import { Router } from 'express';
import { documentNumberOf, type CustomsDocumentKind } from '@crossborder-trace/domain';
import type { CustomsDocuments } from '../../services/customs';
import { userOf } from '../auth';
import type { jsonBody } from './master-data';
import { bodyAs, REQUEST_SCHEMAS } from '../schemas';
import { idempotencyOf, sendWriteOutcome } from '../writes';

/** Each document's route and the request schema that validates it (the chaincode's own, from the domain package). */
const DOCUMENT_ROUTES = [
  { path: '/customs/orders', kind: 'order', schema: 'CustomsOrder' },
  { path: '/customs/payments', kind: 'payment', schema: 'CustomsPayment' },
  { path: '/customs/waybills', kind: 'waybill', schema: 'CustomsWaybill' },
  { path: '/customs/declarations', kind: 'declaration', schema: 'CustomsDeclaration' },
] as const satisfies readonly { path: string; kind: CustomsDocumentKind; schema: keyof typeof REQUEST_SCHEMAS }[];

/**
 * The three-document check: the platform records orders, payments and declarations, the carrier its waybills,
 * customs checks and clears; the chaincode decides who may, the gateway only carries the request.
 */
export function customsRoutes(customs: CustomsDocuments, json: ReturnType<typeof jsonBody>): Router {
  const router = Router();

  for (const { path, kind, schema } of DOCUMENT_ROUTES) {
    router.post(path, json, async (req, res) => {
      // Validated here with the chaincode's schema, sent as the caller wrote it: the chaincode validates it again.
      const document = bodyAs(REQUEST_SCHEMAS[schema], req.body);
      const number = documentNumberOf(kind, document);
      const job = await customs.record(userOf(res.locals), kind, req.body, idempotencyOf(req, JSON.stringify(req.body)));
      // A declaration is read at its own route; the other documents through the declarations that name them.
      sendWriteOutcome(res, job, { status: 201, body: () => ({ kind, number }), ...(kind === 'declaration' && { location: () => `/customs/declarations/${encodeURIComponent(number)}` }) });
    });
  }

  router.post('/customs/declarations/:id/check', async (req, res) => {
    const job = await customs.check(userOf(res.locals), req.params.id, idempotencyOf(req, ''));
    sendWriteOutcome(res, job, { status: 200, body: (r) => r });
  });

  router.post('/customs/declarations/:id/clear', async (req, res) => {
    const job = await customs.clear(userOf(res.locals), req.params.id, idempotencyOf(req, ''));
    sendWriteOutcome(res, job, { status: 200, body: (r) => r });
  });

  router.get('/customs/declarations/:id', async (req, res) => {
    res.json(await customs.declaration(userOf(res.locals), req.params.id));
  });

  return router;
}
