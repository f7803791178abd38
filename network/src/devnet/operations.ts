import { createServer, type Server } from 'node:http';
import type { Endpoint } from '../description';

/**
 * A node's operations endpoint as Fabric serves it over plain HTTP (operations.tls.enabled false), its health check
 * only: GET /healthz answers {"status":"OK","time":...}; the devnet has no failing checkers to report. Other
 * methods get 405, other paths Go's 404. Logging and metrics are not served.
 */
export async function listenOperations(endpoint: Endpoint): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://operations');
    if (url.pathname !== '/healthz') {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
      return;
    }
    if (request.method !== 'GET') {
      response.writeHead(405).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'OK', time: new Date().toISOString() }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(endpoint.port, endpoint.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
