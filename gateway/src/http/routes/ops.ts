import path from 'node:path';
import express, { Router } from 'express';
import type { Registry } from 'prom-client';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import type { LedgerPort } from '../../fabric/port';
import { Problem } from '../problem';

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>crossborder-trace gateway API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script><script src="/docs/init.js"></script></body></html>`;
// A script file, not inline: the page runs under a CSP that allows scripts of this origin only.
const DOCS_INIT = "window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs', deepLinking: true });\n";

/** What operators and tools use without a key: health, metrics, the API's description and its docs page. */
export function opsRoutes(ledger: LedgerPort, registry: Registry, openApi: Record<string, unknown>): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'live' });
  });
  router.get('/health/ready', async (_req, res) => {
    if (!(await ledger.ready())) throw new Problem(503, 'NOT_READY', "The org's peer does not answer", undefined, {}, { 'Retry-After': '5' });
    res.json({ status: 'ready' });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  router.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(DOCS_PAGE);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(DOCS_INIT);
  });
  router.use('/docs/assets', express.static(path.resolve(getAbsoluteFSPath()), { index: false, fallthrough: false }));
  return router;
}
