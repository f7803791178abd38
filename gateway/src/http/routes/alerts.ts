import { Router, type Request } from 'express';
import type { AlertDesk } from '../../services/alert-desk';
import type { Alert } from '../../store/alerts';
import { userOf } from '../auth';
import { Problem } from '../problem';
import { bodyAs, REQUEST_SCHEMAS } from '../schemas';
import { jsonBody } from './master-data';

/** A comment line this often keeps proxies and clients from taking a quiet stream for a dead one. */
const HEARTBEAT_MS = 15_000;
const MAX_PAGE = 500;

/** Alerts the read model raised: listed, acknowledged with a note, and streamed as Server-Sent Events. */
export function alertRoutes(desk: AlertDesk): Router {
  const router = Router();

  router.get('/alerts', (req, res) => {
    const limit = integerOf(req.query.limit, 'limit', 100);
    if (limit < 1 || limit > MAX_PAGE) throw new Problem(400, 'QUERY_PARAMETER', 'limit is not valid', `limit is 1 to ${MAX_PAGE}`);
    const acknowledged = req.query.acknowledged;
    if (acknowledged !== undefined && acknowledged !== 'true' && acknowledged !== 'false') throw new Problem(400, 'QUERY_PARAMETER', 'acknowledged is not valid', 'acknowledged is true or false');
    const rule = req.query.rule;
    if (rule !== undefined && typeof rule !== 'string') throw new Problem(400, 'QUERY_PARAMETER', 'rule is not valid', 'one rule name');
    const alerts = desk.list({ afterSeq: integerOf(req.query.after, 'after', 0), rule, acknowledged: acknowledged === undefined ? undefined : acknowledged === 'true', limit });
    if (alerts.length === limit) res.set('Link', `</alerts?${nextQuery(req, alerts[alerts.length - 1].seq)}>; rel="next"`);
    res.json({ alerts });
  });

  // Before /alerts/:id, which would take "stream" for an id.
  router.get('/alerts/stream', (req, res) => {
    const afterSeq = integerOf(req.get('last-event-id') ?? req.query.lastEventId, 'Last-Event-ID', 0);
    res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    // A client that lost the stream asks again after 2 s, with the last id it saw.
    res.write('retry: 2000\n\n');
    const send = (alert: Alert) => res.write(`id: ${alert.seq}\nevent: alert\ndata: ${JSON.stringify(alert)}\n\n`);
    const unsubscribe = desk.follow(afterSeq, send);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });

  router.get('/alerts/:id', (req, res) => {
    res.json(desk.get(req.params.id) ?? notFound());
  });

  // The master data routes' parser: small, UTF-8 only, JSON only.
  router.post('/alerts/:id/ack', jsonBody(), (req, res) => {
    const { note } = bodyAs(REQUEST_SCHEMAS.AlertAcknowledgement, req.body);
    res.json(desk.acknowledge(req.params.id, userOf(res.locals), note) ?? notFound());
  });

  return router;
}

/** Another org's alert is not there for this one. */
function notFound(): never {
  throw new Problem(404, 'NOT_FOUND', 'No such alert');
}

function integerOf(value: unknown, name: string, otherwise: number): number {
  if (value === undefined) return otherwise;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) throw new Problem(400, 'QUERY_PARAMETER', `${name} is not valid`, `${name} is a whole number`);
  return Number(value);
}

function nextQuery(req: Request, after: number): string {
  const next = new URLSearchParams(req.query as Record<string, string>);
  next.set('after', String(after));
  return next.toString();
}
