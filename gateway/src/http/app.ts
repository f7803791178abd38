import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { LedgerPort } from '../fabric/port';
import type { AlertDesk } from '../services/alert-desk';
import type { AuditTrail } from '../services/audit-trail';
import type { CaptureService } from '../services/capture';
import type { Complaints } from '../services/complaints';
import type { CreditWrites } from '../services/credit';
import type { CreditAccess } from '../services/credit-access';
import type { CreditReports } from '../services/credit-reports';
import type { CustomsDocuments } from '../services/customs';
import type { FigureService } from '../services/figures';
import type { LedgerReads } from '../services/ledger-reads';
import type { MasterData } from '../services/master-data';
import type { PublicItems } from '../services/public-items';
import type { PublicReadModel } from '../services/public-read-model';
import type { ReadModel } from '../services/read-model';
import type { Recalls } from '../services/recalls';
import type { Sales } from '../services/sales';
import type { ScreeningModule } from '../services/screening';
import type { TraceExporter } from '../services/trace-export';
import type { ApiKeyStore } from '../store/api-keys';
import type { JobStore } from '../store/jobs';
import { authenticate } from './auth';
import { createMetrics, observePublicReadModel, observeReadModel, observeScreening } from './metrics';
import { alertRoutes } from './routes/alerts';
import { openApiDocument } from './openapi';
import { Problem, problemHandler, sendProblem } from './problem';
import { actingRoutes } from './routes/acting';
import { complaintRoutes } from './routes/complaints';
import { confineFinanciers, creditRoutes } from './routes/credit';
import { customsRoutes } from './routes/customs';
import { epcisRoutes } from './routes/epcis';
import { figureRoutes } from './routes/figures';
import { itemRoutes } from './routes/items';
import { jobRoutes } from './routes/jobs';
import { jsonBody, masterDataRoutes } from './routes/master-data';
import { consumerRoutes } from './routes/consumer';
import { deskRoutes } from './routes/desk';
import { publicItemRoutes } from './routes/public-items';
import { resolverRoutes } from './routes/resolver';
import { opsRoutes } from './routes/ops';
import { salesRoutes } from './routes/sales';
import { screeningRoutes } from './routes/screening';

/** GET /public/items/… and the resolver's key paths (/01/…, /gtin/…). */
const CONSUMER_LOOKUP = /^\/(?:public\/items\/|01\/|gtin\/)/;
const isConsumerLookup = (method: string | undefined, url: string | undefined) => method === 'GET' && CONSUMER_LOOKUP.test(url ?? '');

/** A request id the caller sent is kept if it is a plain token; otherwise the gateway makes one. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface AppDeps {
  readonly org: string;
  readonly mspId: string;
  readonly version: string;
  readonly log: Logger;
  readonly ledger: LedgerPort;
  /** The public channel's chaincode, through the same peer. */
  readonly publicLedger: LedgerPort;
  readonly keys: ApiKeyStore;
  readonly jobs: JobStore;
  readonly capture: CaptureService;
  readonly reads: LedgerReads;
  readonly masterData: MasterData;
  readonly recalls: Recalls;
  readonly audit: AuditTrail;
  readonly exporter: TraceExporter;
  readonly alerts: AlertDesk;
  readonly readModel: ReadModel;
  /** Consumers' lookups, from the public read model. */
  readonly publicItems: PublicItems;
  readonly publicReadModel: PublicReadModel;
  readonly figures: FigureService;
  /** The screening module: the org's sold items' public records. */
  readonly screening: ScreeningModule;
  readonly sales: Sales;
  readonly complaints: Complaints;
  /** Credit reports from the credit facts, who may read them, and the credit contract's writes. */
  readonly credit: { readonly reports: CreditReports; readonly access: CreditAccess; readonly writes: CreditWrites };
  /** Customs supervision: the three-document check. */
  readonly customs: CustomsDocuments;
  readonly rateLimitPerMinute: number;
  readonly commitWaitMs: number;
}

/** The HTTP application: routes over the services; nothing here talks to Fabric but through them. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const metrics = createMetrics(deps.org);
  observeReadModel(metrics.registry, deps.readModel);
  observePublicReadModel(metrics.registry, deps.publicReadModel);
  observeScreening(metrics.registry, deps.screening);
  app.use(metrics.observe);
  app.use(
    pinoHttp({
      logger: deps.log,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customProps: (req) => ({ requestId: req.id }),
      // A consumer's lookup that succeeded is not logged line by line: at thousands a second from anonymous phones
      // the lines were about a sixth of the lookup's CPU (npm run bench, consumer phase) and say nothing the request
      // counters in /metrics do not. A failed one is logged as every other request is.
      customLogLevel: (req, res, err) => (!err && res.statusCode < 400 && isConsumerLookup(req.method, req.url) ? 'silent' : 'info'),
      // Keys never reach a log.
      redact: ['req.headers.authorization'],
    }),
  );
  app.use((req, res, next) => {
    res.locals.requestId = String(req.id);
    next();
  });
  // No upgrade-insecure-requests: a gateway on 127.0.0.1 serves plain HTTP, and the docs page must load on it.
  app.use(helmet({ contentSecurityPolicy: { useDefaults: true, directives: { upgradeInsecureRequests: null } }, strictTransportSecurity: false }));

  app.use(opsRoutes(deps.ledger, metrics.registry, openApiDocument(deps.org, deps.version)));
  app.use(deskRoutes());
  // Consumers are anonymous: their routes come before authentication, limited per address instead of per key.
  const perAddress = rateLimit({
    windowMs: 60_000,
    limit: deps.rateLimitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => sendProblem(res, new Problem(429, 'RATE_LIMITED', 'Too many requests', `at most ${deps.rateLimitPerMinute} a minute per address`)),
  });
  app.use(consumerRoutes(perAddress));
  app.use(resolverRoutes(deps.publicItems, perAddress, deps.org));
  app.use('/public', perAddress);
  app.use(publicItemRoutes(deps.publicItems));
  // EPCIS routes answer with the binding's exception types from the first check on, authentication included.
  app.use(['/capture', '/events'], (_req, res, next) => {
    res.locals.epcis = true;
    next();
  });
  app.use(authenticate(deps.keys));
  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.rateLimitPerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: (_req, res) => String(res.locals.user),
      handler: (_req, res) => sendProblem(res, new Problem(429, 'RATE_LIMITED', 'Too many requests', `at most ${deps.rateLimitPerMinute} a minute per key`)),
    }),
  );
  app.use(confineFinanciers(deps.credit.access));
  app.use(epcisRoutes({ capture: deps.capture, reads: deps.reads, jobs: deps.jobs, commitWaitMs: deps.commitWaitMs, audit: deps.audit }));
  app.use(itemRoutes(deps.reads));
  app.use(masterDataRoutes(deps.reads, deps.masterData));
  app.use(actingRoutes({ recalls: deps.recalls, audit: deps.audit, exporter: deps.exporter, json: jsonBody() }));
  app.use(jobRoutes(deps.jobs));
  app.use(alertRoutes(deps.alerts));
  app.use(figureRoutes(deps.figures));
  app.use(salesRoutes(deps.sales, jsonBody()));
  app.use(complaintRoutes(deps.complaints, jsonBody()));
  app.use(creditRoutes({ ...deps.credit, mspId: deps.mspId, json: jsonBody() }));
  app.use(screeningRoutes(deps.screening));
  app.use(customsRoutes(deps.customs, jsonBody()));
  app.get('/me', (_req, res) => {
    res.json({ org: deps.org, mspId: deps.mspId, user: res.locals.user });
  });
  app.use((req, res) => sendProblem(res, new Problem(404, 'NO_ROUTE', 'No such resource', `${req.method} ${req.path} is not a route of this gateway`)));
  app.use(problemHandler(deps.log));
  return app;
}
