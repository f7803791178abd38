import { Router } from 'express';
import type { PublicItems } from '../../services/public-items';
import { Problem } from '../problem';

const STEP_INDEX = /^(0|[1-9]\d{0,5})$/;

/**
 * The consumer's API, without a key (consumers are anonymous): an item's published record with its complaints, and
 * one step's inclusion proof. Answered from the public read model, never the peer. The id is any identifier form,
 * percent-encoded as one path segment.
 */
export function publicItemRoutes(items: PublicItems): Router {
  const router = Router();
  router.get('/public/items/:id', (req, res) => {
    // The stored texts as they are: nothing parsed or serialised again per request.
    res.type('application/json').send(items.answer(items.itemOf(req.params.id)));
  });
  router.get('/public/items/:id/steps/:index/proof', (req, res) => {
    const epc = items.itemOf(req.params.id);
    if (!STEP_INDEX.test(req.params.index)) throw new Problem(400, 'INVALID_STEP', 'The step index is not valid', 'a step is numbered from 0, in decimal');
    res.json(items.proof(epc, Number(req.params.index)));
  });
  return router;
}
