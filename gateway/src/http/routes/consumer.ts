import path from 'node:path';
import { Router, type RequestHandler } from 'express';
import helmet from 'helmet';
import { Problem } from '../problem';

const WEB = path.resolve(__dirname, '..', '..', '..', 'web');
/** The page's modules: its own, the DOM helpers and the browser's proof check. Nothing else of the build is served. */
const MODULES = new Set(['consumer.js', 'dom.js', 'merkle-proof.js']);

/**
 * The consumer page a product's QR code leads to (through the resolver). It loads nothing from elsewhere, so it
 * works on a phone with no internet beyond this gateway, and its CSP says so: every fetch, script, style and image
 * from this origin only; no upgrade-insecure-requests, since a gateway on 127.0.0.1 serves plain HTTP.
 */
export function consumerRoutes(limit: RequestHandler): Router {
  const router = Router();
  const policy = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'"],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  });
  router.use('/consumer', limit, policy);
  router.get('/consumer', (_req, res) => {
    res.sendFile(path.join(WEB, 'static', 'consumer.html'));
  });
  router.get('/consumer/consumer.css', (_req, res) => {
    res.sendFile(path.join(WEB, 'static', 'consumer.css'));
  });
  router.get('/consumer/js/:file', (req, res) => {
    const file = req.params.file.replace(/\.map$/, '');
    if (!MODULES.has(file)) throw new Problem(404, 'NO_ROUTE', 'No such resource');
    res.sendFile(path.join(WEB, 'dist', req.params.file));
  });
  return router;
}
