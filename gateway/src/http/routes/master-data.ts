import express, { Router } from 'express';
import type { LedgerReads } from '../../services/ledger-reads';
import type { MasterData } from '../../services/master-data';
import { userOf } from '../auth';
import { bodyAs, REQUEST_SCHEMAS } from '../schemas';
import { idempotencyOf, sendWriteOutcome } from '../writes';

/** Master data bodies are small; anything larger is not one. */
const BODY_LIMIT = '64kb';

/** The alliance's charter, its enterprises and their products. */
export function masterDataRoutes(reads: LedgerReads, masterData: MasterData): Router {
  const router = Router();
  const json = express.json({ limit: BODY_LIMIT, strict: true });

  router.get('/charter', async (_req, res) => {
    res.json(await reads.charter(userOf(res.locals)));
  });

  router.get('/enterprises', async (_req, res) => {
    res.json(await reads.enterprises(userOf(res.locals)));
  });

  router.get('/enterprises/:mspId', async (req, res) => {
    res.json(await reads.enterprise(userOf(res.locals), req.params.mspId));
  });

  /** Registers (or updates) the caller's own enterprise: its org's admin only, as the chaincode rules. */
  router.post('/enterprises', json, async (req, res) => {
    const registration = bodyAs(REQUEST_SCHEMAS.EnterpriseRegistration, req.body);
    const job = await masterData.registerEnterprise(userOf(res.locals), registration, idempotencyOf(req, JSON.stringify(req.body)));
    sendWriteOutcome(res, job, { status: 201, body: (r) => r, location: (r) => `/enterprises/${(r as { mspId: string }).mspId}` });
  });

  /** Suspends or reinstates an enterprise: the charter's regulator only. */
  router.put('/enterprises/:mspId/status', json, async (req, res) => {
    const { status } = bodyAs(REQUEST_SCHEMAS.EnterpriseStatus, req.body);
    const job = await masterData.setEnterpriseStatus(userOf(res.locals), req.params.mspId, status, idempotencyOf(req, JSON.stringify(req.body)));
    sendWriteOutcome(res, job, { status: 200, body: (r) => r });
  });

  router.get('/products/:gtin', async (req, res) => {
    res.json(await reads.product(userOf(res.locals), req.params.gtin));
  });

  /** Registers (or updates) a product: its brand owner, a manufacturer holding the GTIN's company prefix. */
  router.post('/products', json, async (req, res) => {
    const product = bodyAs(REQUEST_SCHEMAS.Product, req.body);
    const job = await masterData.registerProduct(userOf(res.locals), product, idempotencyOf(req, JSON.stringify(req.body)));
    sendWriteOutcome(res, job, { status: 201, body: (r) => r, location: (r) => `/products/${(r as { gtin: string }).gtin}` });
  });

  return router;
}
