// Each node's operations endpoint (plain HTTP on 127.0.0.1): GET /healthz says the node is fine, as Fabric's does.
import { request } from 'node:http';
import { loadNetworkDescription, type Endpoint } from '@crossborder-trace/network';
import { useTestNetwork } from '../support/suite';
import { TEST_DESCRIPTION } from '../support/test-description';

jest.setTimeout(120_000);
const network = useTestNetwork({ name: __filename });

function get(endpoint: Endpoint, path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const call = request({ host: endpoint.host, port: endpoint.port, path, method }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type'] ?? ''), body }));
    });
    call.on('error', reject);
    call.end();
  });
}

function endpoints(): Endpoint[] {
  const description = loadNetworkDescription(TEST_DESCRIPTION, { portOffset: network().portOffset });
  return [description.ordererOrg.orderer.operationsEndpoint, ...description.peerOrgs.map((org) => org.peer.operationsEndpoint)];
}

test('GET /healthz on every node: 200, status OK and the time', async () => {
  for (const endpoint of endpoints()) {
    const { status, type, body } = await get(endpoint, '/healthz');
    expect([status, type]).toEqual([200, 'application/json']);
    const health = JSON.parse(body) as { status: string; time: string; failed_checks?: unknown };
    expect(health.status).toBe('OK');
    expect(health.failed_checks).toBeUndefined();
    expect(Number.isNaN(Date.parse(health.time))).toBe(false);
  }
});

test('/healthz answers GET only', async () => {
  const [peer] = endpoints().slice(1);
  expect((await get(peer, '/healthz', 'POST')).status).toBe(405);
});
