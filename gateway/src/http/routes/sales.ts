import { Router, type Request } from 'express';
import type { Sales } from '../../services/sales';
import { userOf } from '../auth';
import { itemIdentifier } from '../item-identifier';
import { Problem } from '../problem';
import { bodyAs, REQUEST_SCHEMAS } from '../schemas';
import { idempotencyOf, sendWriteOutcome } from '../writes';
import type { jsonBody } from './master-data';

/** The platform's sales (recorded as EPCIS events with the buyer's pseudonymous reference) and its customers' purchases. */
export function salesRoutes(sales: Sales, json: ReturnType<typeof jsonBody>): Router {
  const router = Router();

  /** Records a sale: 201 with the alliance event id once committed (202 with the job while it is not). */
  router.post('/sales', json, async (req, res) => {
    const { item, ...sale } = bodyAs(REQUEST_SCHEMAS.Sale, req.body);
    const job = await sales.record(userOf(res.locals), { epc: itemIdentifier(item), ...sale }, idempotencyOf(req, JSON.stringify(req.body)));
    sendWriteOutcome(res, job, {
      status: 201,
      location: (result) => `/events/${encodeURIComponent(eventIdOf(result))}`,
      body: (result) => ({ eventID: eventIdOf(result), item: itemIdentifier(item), jobId: job.id }),
    });
  });

  /** The items sold to the consumer, from the gateway's own store of committed sales. */
  router.get('/purchases', (req, res) => {
    const consumer = consumerOf(req);
    res.json({
      purchases: sales.purchasesOf(consumer).map((p) => ({ item: p.epc, eventId: p.eventId, soldAt: p.soldAt, publishedVersion: p.version ?? null })),
    });
  });

  return router;
}

function consumerOf(req: Request): string {
  const { consumer, ...other } = req.query as Record<string, unknown>;
  const unknown = Object.keys(other)[0];
  if (unknown !== undefined) throw new Problem(400, 'QUERY_PARAMETER', 'A query parameter is not valid', `${unknown} is not a parameter of this route (consumer)`);
  if (typeof consumer !== 'string' || consumer === '' || consumer.length > 256) throw new Problem(400, 'QUERY_PARAMETER', 'A query parameter is not valid', 'consumer is required once: the account id, 1 to 256 characters');
  return consumer;
}

function eventIdOf(result: unknown): string {
  const [id] = (result as { ids: string[] }).ids;
  return id;
}
