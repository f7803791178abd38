import { Router } from 'express';
import type { ScreeningModule } from '../../services/screening';
import type { ScreeningItem, ScreeningState } from '../../store/screening';
import { itemIdentifier } from '../item-identifier';
import { Problem } from '../problem';

const STATES: readonly ScreeningState[] = ['pending', 'failed', 'done'];

/** The screening module's queue, for the org's users: what waits, what failed and why; a failed item retried. */
export function screeningRoutes(screening: ScreeningModule): Router {
  const router = Router();

  /** ?state=pending|failed|done (repeatable or comma-separated); pending and failed by default. */
  router.get('/screening', (req, res) => {
    const { state, ...other } = req.query as Record<string, unknown>;
    const unknown = Object.keys(other)[0];
    if (unknown !== undefined) throw new Problem(400, 'QUERY_PARAMETER', 'A query parameter is not valid', `${unknown} is not a parameter of this route (state)`);
    const asked = state === undefined ? ['pending', 'failed'] : (Array.isArray(state) ? state : [state]).flatMap((s) => String(s).split(','));
    const bad = asked.find((s) => !STATES.includes(s as ScreeningState));
    if (bad !== undefined) throw new Problem(400, 'QUERY_PARAMETER', 'A query parameter is not valid', `state is one of ${STATES.join(', ')}`);
    res.json({ nextBlock: String(screening.nextBlock()), counts: screening.counts(), items: screening.items(asked as ScreeningState[]).map(viewOf) });
  });

  router.get('/screening/:item', (req, res) => {
    const item = screening.item(itemIdentifier(req.params.item));
    if (!item) throw new Problem(404, 'NOT_FOUND', 'The item is not in the screening queue', 'only items this org sold are screened here');
    res.json(viewOf(item));
  });

  /** Queues a failed item again, with its attempts counted anew. */
  router.post('/screening/:item/retry', (req, res) => {
    const epc = itemIdentifier(req.params.item);
    const item = screening.item(epc);
    if (!item) throw new Problem(404, 'NOT_FOUND', 'The item is not in the screening queue', 'only items this org sold are screened here');
    if (!screening.retry(epc)) throw new Problem(409, 'NOT_FAILED', 'Only a failed item is retried', `${epc} is ${item.state}`);
    res.status(202).json(viewOf(screening.item(epc) as ScreeningItem));
  });

  return router;
}

function viewOf(item: ScreeningItem): Record<string, unknown> {
  return {
    item: item.epc,
    state: item.state,
    reason: item.reason,
    attempts: item.attempts,
    ...(item.state === 'pending' && { nextAttemptAt: new Date(item.nextAttemptAt).toISOString() }),
    ...(item.lastError !== undefined && { lastError: item.lastError }),
    ...(item.version !== undefined && { version: item.version }),
    queuedAt: item.queuedAt,
    updatedAt: item.updatedAt,
  };
}
