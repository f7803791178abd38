import { Router } from 'express';
import type { LedgerReads } from '../../services/ledger-reads';
import { userOf } from '../auth';

/**
 * An item's trace and history. The id is any identifier form capture takes (EPC URN, Digital Link on any host),
 * percent-encoded as one path segment: /items/urn:epc:id:sgtin:9506000.013435.A/trace.
 */
export function itemRoutes(reads: LedgerReads): Router {
  const router = Router();
  router.get('/items/:id/trace', async (req, res) => {
    res.json(await reads.trace(userOf(res.locals), req.params.id));
  });
  router.get('/items/:id/history', async (req, res) => {
    res.json(await reads.history(userOf(res.locals), req.params.id));
  });
  return router;
}
