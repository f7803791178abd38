import { Router } from 'express';
import type { Complaints } from '../../services/complaints';
import { userOf } from '../auth';
import { itemIdentifier } from '../item-identifier';
import { Problem } from '../problem';
import { bodyAs, REQUEST_SCHEMAS } from '../schemas';
import { idempotencyOf, sendWriteOutcome } from '../writes';
import type { jsonBody } from './master-data';

/**
 * Complaints on the public channel. Who may do what is the chaincode's (COMPLAINT_ACTIONS): its refusals come back
 * as problems (PURCHASE_NOT_PROVEN and COMPLAINT_NOT_AUTHORISED 403, INVALID_COMPLAINT 400, NOT_FOUND 404).
 */
export function complaintRoutes(complaints: Complaints, json: ReturnType<typeof jsonBody>): Router {
  const router = Router();
  const complaint = (r: unknown) => r;
  const location = (r: unknown) => `/complaints/${encodeURIComponent((r as { id: string }).id)}`;

  /** The platform files for its logged-in consumer; the buyer reference goes to the peers as transient data. */
  router.post('/complaints', json, async (req, res) => {
    const { item, ...filing } = bodyAs(REQUEST_SCHEMAS.ComplaintFiling, req.body);
    const job = await complaints.file(userOf(res.locals), { epc: itemIdentifier(item), ...filing }, idempotencyOf(req, JSON.stringify(req.body)));
    sendWriteOutcome(res, job, { status: 201, body: complaint, location });
  });

  router.post('/complaints/:id/answer', json, async (req, res) => {
    const answer = bodyAs(REQUEST_SCHEMAS.ComplaintAnswer, req.body);
    sendWriteOutcome(res, await complaints.answer(userOf(res.locals), req.params.id, answer, idempotencyOf(req, JSON.stringify(req.body))), { status: 200, body: complaint });
  });

  router.post('/complaints/:id/ruling', json, async (req, res) => {
    const ruling = bodyAs(REQUEST_SCHEMAS.ComplaintRuling, req.body);
    sendWriteOutcome(res, await complaints.rule(userOf(res.locals), req.params.id, ruling, idempotencyOf(req, JSON.stringify(req.body))), { status: 200, body: complaint });
  });

  router.get('/complaints/:id', async (req, res) => {
    res.json(await complaints.get(userOf(res.locals), req.params.id));
  });

  router.get('/complaints', async (req, res) => {
    const { item, ...other } = req.query as Record<string, unknown>;
    const unknown = Object.keys(other)[0];
    if (unknown !== undefined) throw new Problem(400, 'QUERY_PARAMETER', 'A query parameter is not valid', `${unknown} is not a parameter of this route (item)`);
    if (typeof item !== 'string' || item === '') throw new Problem(400, 'QUERY_PARAMETER', 'A query parameter is not valid', 'item is required once');
    res.json(await complaints.ofItem(userOf(res.locals), itemIdentifier(item)));
  });

  return router;
}
