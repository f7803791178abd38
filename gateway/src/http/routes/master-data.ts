import express, { Router, type Request, type Response } from 'express';
import type { LedgerReads } from '../../services/ledger-reads';
import type { MasterData } from '../../services/master-data';
import { userOf } from '../auth';
import { Problem } from '../problem';
import { bodyAs, REQUEST_SCHEMAS } from '../schemas';
import { idempotencyOf, sendWriteOutcome } from '../writes';

/** Master data bodies are small; anything larger is not one. */
const BODY_LIMIT = '64kb';

/** The alliance's charter, its enterprises and their products. */
export function masterDataRoutes(reads: LedgerReads, masterData: MasterData): Router {
  const router = Router();
  const json = jsonBody();

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

  /** Suspends or reinstates an enterprise, with the reason: the charter's regulator only. */
  router.put('/enterprises/:mspId/status', json, async (req, res) => {
    const { status, reason } = bodyAs(REQUEST_SCHEMAS.EnterpriseStatus, req.body);
    const job = await masterData.setEnterpriseStatus(userOf(res.locals), req.params.mspId, status, reason, idempotencyOf(req, JSON.stringify(req.body)));
    sendWriteOutcome(res, job, { status: 200, body: (r) => r });
  });

  /** Every version of the enterprise's record: registrations and status changes with their reasons. */
  router.get('/enterprises/:mspId/history', async (req, res) => {
    res.json(await reads.enterpriseHistory(userOf(res.locals), req.params.mspId));
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

/** The JSON body parser of these routes: 64 KiB at most, UTF-8 only, JSON content only. */
export function jsonBody() {
  const parse = express.json({ limit: BODY_LIMIT, strict: true, verify: utf8Only });
  // The parser's own type, so that each route's path still types its params.
  const json: typeof parse = (req, res, next) => {
    refuseOtherTypes(req as Request);
    parse(req, res, next);
  };
  return json;
}

/** A body of another type is not one of these routes' (no body at all is left to the schema to refuse). */
function refuseOtherTypes(req: Request): void {
  if (req.is('application/json') === false) throw new Problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'The body must be JSON', 'send Content-Type: application/json');
}

/** JSON is UTF-8: bytes that are not are refused, where the parser would read them as U+FFFD and go on. */
function utf8Only(_req: Request, _res: Response, body: Buffer): void {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new Problem(400, 'BAD_REQUEST', 'The request could not be read', 'the body is not UTF-8 text');
  }
}
