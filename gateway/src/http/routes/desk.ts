import path from 'node:path';
import { Router } from 'express';
import { Problem } from '../problem';

/** The page and its own scripts (gateway/web, compiled by tsc -b), and Chart.js from its npm package: no CDN. */
const WEB = path.resolve(__dirname, '..', '..', '..', 'web');
const CHART_JS = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.js');

/** The desk: the regulator's view of the alliance, or a firm's of its own products. The page asks for a key. */
export function deskRoutes(): Router {
  const router = Router();
  router.get('/desk', (_req, res) => {
    res.sendFile(path.join(WEB, 'static', 'desk.html'));
  });
  router.get('/desk/desk.css', (_req, res) => {
    res.sendFile(path.join(WEB, 'static', 'desk.css'));
  });
  router.get('/desk/vendor/chart.umd.js', (_req, res) => {
    res.sendFile(CHART_JS);
  });
  // The compiled modules only, by name: nothing else of the build folder is served.
  router.get('/desk/js/:file', (req, res) => {
    if (!/^[a-z-]+\.js(\.map)?$/.test(req.params.file)) throw new Problem(404, 'NO_ROUTE', 'No such resource');
    res.sendFile(path.join(WEB, 'dist', req.params.file));
  });
  return router;
}
