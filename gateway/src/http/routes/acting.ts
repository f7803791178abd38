import { MAX_PAGE_SIZE } from '@crossborder-trace/domain';
import { Router, type Request, type RequestHandler } from 'express';
import type { AuditTrail } from '../../services/audit-trail';
import type { Recalls } from '../../services/recalls';
import type { TraceExporter } from '../../services/trace-export';
import { userOf } from '../auth';
import { Problem } from '../problem';
import { bodyAs, REQUEST_SCHEMAS } from '../schemas';
import { idempotencyOf, sendWriteOutcome } from '../writes';

const refuse = (detail: string) => new Problem(400, 'QUERY_PARAMETER', 'A query parameter is not valid', detail);

/** The regulator's and brand owners' actions and what records them: recalls, the audit trail, trace exports. */
export function actingRoutes(deps: { recalls: Recalls; audit: AuditTrail; exporter: TraceExporter; json: RequestHandler }): Router {
  const { recalls, audit, exporter, json } = deps;
  const router = Router();

  /** Issues a recall: the regulator, or the brand owner of the GTIN. 201 with Location: /recalls/{id}. */
  router.post('/recalls', json, async (req, res) => {
    const request = bodyAs(REQUEST_SCHEMAS.RecallRequest, req.body);
    const job = await recalls.issue(userOf(res.locals), request, idempotencyOf(req, JSON.stringify(req.body)));
    sendWriteOutcome(res, job, { status: 201, body: (r) => r, location: (r) => `/recalls/${(r as { id: string }).id}` });
  });

  /** What a recall would cover now, recorded nowhere: the same authority and scope as POST /recalls. */
  router.post('/recalls/preview', json, async (req, res) => {
    res.json(await recalls.preview(userOf(res.locals), bodyAs(REQUEST_SCHEMAS.RecallRequest, req.body)));
  });

  router.get('/recalls', async (req, res) => {
    noParameters(req);
    res.json(await recalls.list(userOf(res.locals)));
  });

  router.get('/recalls/:id', async (req, res) => {
    noParameters(req);
    res.json(await recalls.get(userOf(res.locals), req.params.id));
  });

  /** The audit trail: the regulator's whole (or one enterprise's, concerning=), a firm's own. Paged by Link rel="next". */
  router.get('/audit', async (req, res) => {
    const query = auditQueryOf(req.query as Record<string, unknown>);
    const page = await audit.entries(userOf(res.locals), query);
    if (page.bookmark !== '') {
      const next = new URLSearchParams(req.query as Record<string, string>);
      next.set('nextPageToken', page.bookmark);
      res.set('Link', `</audit?${next.toString()}>; rel="next"`);
    }
    res.json(page);
  });

  /** A product's, lot's or serials' full trace as CSV: GET /exports/trace.csv?gtin=…[&lot=…|&serial=…,…]. */
  router.get('/exports/trace.csv', async (req, res) => {
    const selector = exportSelectorOf(req.query as Record<string, unknown>);
    const result = await exporter.export(userOf(res.locals), selector);
    const name = ['trace', selector.gtin, ...(selector.lot ? [selector.lot.replace(/[^A-Za-z0-9._-]/g, '_')] : [])].join('-');
    res
      .status(200)
      .set({
        'Content-Type': 'text/csv; charset=utf-8; header=present',
        'Content-Disposition': `attachment; filename="${name}.csv"`,
        'X-Trace-Export-Items': String(result.items),
        'X-Trace-Export-Rows': String(result.rows),
        'X-Trace-Export-Truncated': String(result.truncated),
      })
      .send(result.csv);
  });

  return router;
}

function noParameters(req: Request): void {
  const names = Object.keys(req.query as Record<string, unknown>);
  if (names.length > 0) throw refuse(`${names[0]} is not a parameter of this route`);
}

/** concerning, from, to (xsd:dateTime with offset), perPage, nextPageToken. */
function auditQueryOf(params: Record<string, unknown>): Record<string, unknown> {
  const members: Record<string, string> = { concerning: 'concerning', from: 'fromTime', to: 'toTime', nextPageToken: 'bookmark' };
  const query: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'string') throw refuse(`${name} is given more than once`);
    if (name === 'perPage') {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < 1 || n > MAX_PAGE_SIZE) throw refuse(`perPage must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
      query.pageSize = n;
    } else if (name in members) query[members[name]] = value;
    else throw refuse(`${name} is not a query parameter of /audit (concerning, from, to, perPage, nextPageToken)`);
  }
  return query;
}

/** gtin, and lot or serial (comma-separated serials); the chaincode checks their GS1 rules. */
function exportSelectorOf(params: Record<string, unknown>): { gtin: string; lot?: string; serials?: string[] } {
  for (const [name, value] of Object.entries(params)) {
    if (!['gtin', 'lot', 'serial'].includes(name)) throw refuse(`${name} is not a query parameter of /exports/trace.csv (gtin, lot, serial)`);
    if (typeof value !== 'string' || value === '') throw refuse(`${name} takes one non-empty value`);
  }
  const { gtin, lot, serial } = params as Record<string, string | undefined>;
  if (gtin === undefined) throw refuse('gtin is required');
  if (lot !== undefined && serial !== undefined) throw refuse('lot or serial, not both');
  return { gtin, ...(lot !== undefined && { lot }), ...(serial !== undefined && { serials: serial.split(',') }) };
}
