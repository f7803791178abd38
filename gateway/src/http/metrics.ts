import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PublicReadModel } from '../services/public-read-model';
import type { ReadModel } from '../services/read-model';
import type { ScreeningModule } from '../services/screening';

/** Prometheus metrics of one gateway: the process's own, and each request by route pattern and status. */
export function createMetrics(org: string): { registry: Registry; observe: RequestHandler } {
  const registry = new Registry();
  registry.setDefaultLabels({ org });
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const observe: RequestHandler = (req, res, next) => {
    const end = duration.startTimer();
    res.on('finish', () => {
      // The route pattern, not the path: ids in paths would make a series per request.
      const route = (req.route as { path?: string } | undefined)?.path;
      end({ method: req.method, route: route === undefined ? 'unmatched' : `${req.baseUrl}${route}`, status: String(res.statusCode) });
    });
    next();
  };
  return { registry, observe };
}

/** How far the read model is (compare with the peer's height) and how many alerts each rule has raised. */
export function observeReadModel(registry: Registry, readModel: Pick<ReadModel, 'nextBlock' | 'onAlerts'>): void {
  new Gauge({
    name: 'read_model_blocks',
    help: 'Blocks the read model has applied (the next block it needs)',
    registers: [registry],
    collect() {
      this.set(Number(readModel.nextBlock()));
    },
  });
  const raised = new Counter({ name: 'alerts_raised_total', help: 'Alerts raised since the gateway started, by rule', labelNames: ['rule'], registers: [registry] });
  readModel.onAlerts((alerts) => alerts.forEach((alert) => raised.inc({ rule: alert.rule })));
}

/** How far the public channel's read model is, which consumers' lookups are answered from. */
export function observePublicReadModel(registry: Registry, readModel: Pick<PublicReadModel, 'nextBlock'>): void {
  new Gauge({
    name: 'public_read_model_blocks',
    help: 'Blocks of the public channel the public read model has applied (the next block it needs)',
    registers: [registry],
    collect() {
      this.set(Number(readModel.nextBlock()));
    },
  });
}

/** The screening module's queue by state, and the items it gave up on: a failed item waits for someone to retry it. */
export function observeScreening(registry: Registry, screening: Pick<ScreeningModule, 'counts' | 'onFailed'>): void {
  new Gauge({
    name: 'screening_items',
    help: 'Items of the screening queue, by state (pending, done, failed)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      for (const [state, count] of Object.entries(screening.counts())) this.set({ state }, count);
    },
  });
  const failed = new Counter({ name: 'screening_failures_total', help: 'Items whose public record could not be published after every attempt, since the gateway started', registers: [registry] });
  screening.onFailed(() => failed.inc());
}
