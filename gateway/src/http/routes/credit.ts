import { Router, type RequestHandler } from 'express';
import type { CreditAccess } from '../../services/credit-access';
import { HeightNotReached, type CreditReports } from '../../services/credit-reports';
import type { CreditWrites } from '../../services/credit';
import type { CreditHeights } from '../../store/credit-facts';
import { userOf } from '../auth';
import { Problem } from '../problem';
import { bodyAs, REQUEST_SCHEMAS } from '../schemas';
import { idempotencyOf, sendWriteOutcome } from '../writes';
import type { jsonBody } from './master-data';

/** ?at=alliance:<block>,public:<block> (either part optional): the last block of each channel the report reads. */
const AT_PART = /^(alliance|public):(\d{1,15})$/;

/**
 * Credit reports and the credit contract. Reports come from the gateway's credit facts (see CreditReports); who
 * reads which is CreditAccess's; writes are the chaincode's to allow or refuse.
 */
export function creditRoutes(deps: { reports: CreditReports; access: CreditAccess; writes: CreditWrites; mspId: string; json: ReturnType<typeof jsonBody> }): Router {
  const { reports, access, writes, json } = deps;
  const router = Router();
  const ruled = (r: unknown) => r;

  router.get('/credit/report', async (req, res) => {
    await access.assertMayRead(userOf(res.locals), deps.mspId);
    res.json(reportOf(reports, deps.mspId, req.query));
  });

  router.get('/credit/reports/:mspId', async (req, res) => {
    await access.assertMayRead(userOf(res.locals), req.params.mspId);
    res.json(reportOf(reports, req.params.mspId, req.query));
  });

  router.post('/credit/financiers', json, async (req, res) => {
    const financier = bodyAs(REQUEST_SCHEMAS.Financier, req.body);
    sendWriteOutcome(res, await writes.registerFinancier(userOf(res.locals), financier, idempotencyOf(req, JSON.stringify(req.body))), { status: 201, body: ruled });
  });

  router.post('/credit/authorisations', json, async (req, res) => {
    const authorisation = bodyAs(REQUEST_SCHEMAS.CreditAuthorisation, req.body);
    sendWriteOutcome(res, await writes.authorise(userOf(res.locals), authorisation, idempotencyOf(req, JSON.stringify(req.body))), { status: 201, body: ruled });
  });

  router.delete('/credit/authorisations/:financierId', async (req, res) => {
    sendWriteOutcome(res, await writes.revoke(userOf(res.locals), req.params.financierId, idempotencyOf(req, '')), { status: 200, body: ruled });
  });

  router.post('/credit/disputes', json, async (req, res) => {
    const dispute = bodyAs(REQUEST_SCHEMAS.CreditDispute, req.body);
    sendWriteOutcome(res, await writes.dispute(userOf(res.locals), dispute, idempotencyOf(req, JSON.stringify(req.body))), {
      status: 201,
      body: ruled,
      location: (r) => `/credit/disputes/${encodeURIComponent((r as { id: string }).id)}`,
    });
  });

  router.post('/credit/disputes/:id/ruling', json, async (req, res) => {
    const ruling = bodyAs(REQUEST_SCHEMAS.CreditDisputeRuling, req.body);
    sendWriteOutcome(res, await writes.rule(userOf(res.locals), req.params.id, ruling, idempotencyOf(req, JSON.stringify(req.body))), { status: 200, body: ruled });
  });

  return router;
}

/**
 * A financier's user reaches its reports and nothing else of the regulator's gateway: its certificate is the
 * regulator's org's, and routes answered from the read model would otherwise show it what only members see.
 */
export function confineFinanciers(access: CreditAccess): RequestHandler {
  return (req, res, next) => {
    if (access.financierOf(userOf(res.locals)) === undefined || (req.method === 'GET' && (req.path.startsWith('/credit/reports/') || req.path === '/me'))) {
      next();
      return;
    }
    throw new Problem(403, 'FINANCIER_READS_REPORTS_ONLY', 'A financier reads credit reports only', 'GET /credit/reports/{mspId} of the enterprises that authorised it');
  };
}

function reportOf(reports: CreditReports, mspId: string, query: Record<string, unknown>): unknown {
  const { at, ...other } = query;
  const unknown = Object.keys(other)[0];
  if (unknown !== undefined) throw new Problem(400, 'QUERY_PARAMETER', 'A query parameter is not valid', `${unknown} is not a parameter of this route (at)`);
  const heights: { -readonly [K in keyof CreditHeights]?: number } = {};
  if (at !== undefined) {
    const parts = typeof at === 'string' ? at.split(',').map((p) => AT_PART.exec(p)) : [null];
    if (parts.some((p) => p === null)) throw new Problem(400, 'QUERY_PARAMETER', 'A query parameter is not valid', 'at is alliance:<block>,public:<block>, either part optional');
    for (const p of parts) heights[p![1] as keyof CreditHeights] = Number(p![2]);
  }
  try {
    return reports.report(mspId, heights);
  } catch (err) {
    if (err instanceof HeightNotReached) throw new Problem(409, 'HEIGHT_NOT_REACHED', 'The gateway has not reached that block yet', err.message);
    throw err;
  }
}
