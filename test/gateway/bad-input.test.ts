// Bad input of every kind an org's gateway can be sent, each answered with an RFC 9457 problem (its stable code,
// the binding's epcisException:* type on EPCIS routes, nothing of the gateway's insides) and no change at all: no
// job in the gateway's store, no block on the ledger. Then what operators see: a peer that cannot be reached
// (503 with Retry-After, not ready but live), metrics, the OpenAPI document and the docs page.
import { createServer } from 'node:net';
import { CAPTURE_LIMITS } from '@crossborder-trace/domain';
import { openDatabase, startGateway } from '@crossborder-trace/gateway';
import pino from 'pino';
import { useTestNetwork } from '../support/suite';
import { tempDir } from '../support/temp-dirs';
import { gatewayOptionsFor, orgGateway, type OrgGateway } from './gateways';
import { chainHeight, CONTEXT, endedJob, epcisDocument, expectNoLeak, expectProblem, jsonOf, startAlliance, type Alliance } from './rest';

jest.setTimeout(180_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

let alliance: Alliance;
let gateway: OrgGateway;
let key: string;
beforeAll(async () => {
  alliance = await startAlliance(network(), ['Manufacturer', 'Regulator']);
  gateway = alliance.gateway('Manufacturer');
  key = alliance.key('Manufacturer');
});
afterAll(() => alliance?.close());

const VALIDATION = 'epcisException:ValidationException';
const QUERY = 'epcisException:QueryParameterException';
const GTIN = '09506000134352';

function commissioning(serial: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'ObjectEvent', eventTime: '2026-02-01T08:00:00Z', eventTimeZoneOffset: '+01:00', action: 'ADD', epcList: [`https://id.gs1.org/01/${GTIN}/21/${serial}`], bizStep: 'commissioning', disposition: 'active', ...extra };
}

function jobCount(): number {
  const db = openDatabase(gateway.options.dataDir);
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Each test's requests change nothing: no job is made and no block is committed. */
let before: { height: number; jobs: number };
beforeEach(async () => {
  before = { height: await chainHeight(network()), jobs: jobCount() };
});
afterEach(async () => {
  expect({ height: await chainHeight(network()), jobs: jobCount() }).toEqual(before);
});

const raw = (route: string, body: string | Uint8Array, headers: Record<string, string> = {}) => gateway.call(key, 'POST', route, { body, headers });

describe('bodies that are not JSON, or not UTF-8', () => {
  test.each([
    ['truncated', '{"type": "EPCISDocument", "epcisBody": {'],
    ['a bare word', 'EPCISDocument'],
    ['trailing garbage', `${JSON.stringify(epcisDocument(commissioning('J1')))} x`],
    ['empty', ''],
  ])('%s JSON: 400 on the EPCIS routes and on master data', async (_name, body) => {
    for (const route of ['/capture', '/events']) await expectProblem(await raw(route, body), 400, 'INVALID_EVENT', VALIDATION);
    for (const route of ['/products', '/enterprises']) await expectProblem(await raw(route, body), 400, /^(BAD_REQUEST|INVALID_BODY)$/);
  });

  test('bytes that are not UTF-8 are refused, inside a string too', async () => {
    const document = Buffer.from(JSON.stringify(epcisDocument(commissioning('U1', { 'ex:note': 'NOTE' }))).replace('NOTE', '\u0000'), 'utf8');
    const bad = Buffer.from(document.map((b) => (b === 0 ? 0xff : b)));
    expect(bad.includes(0xff)).toBe(true);
    expect((await expectProblem(await raw('/capture', bad), 400, 'INVALID_EVENT', VALIDATION)).detail).toMatch(/not UTF-8/);
    const product = Buffer.concat([Buffer.from(`{"gtin":"${GTIN}","name":"Rice `), Buffer.from([0xc3, 0x28]), Buffer.from('","category":"appliances","origin":"DE"}')]);
    await expectProblem(await raw('/products', product), 400, 'BAD_REQUEST');
    const latin1 = Buffer.from(`{"name":"M\xfcller Co.","country":"DE","roles":["manufacturer"]}`, 'latin1');
    await expectProblem(await gateway.call(gateway.key('Admin'), 'POST', '/enterprises', { body: latin1 }), 400, 'BAD_REQUEST');
  });
});

describe('JSON that is not what the route takes', () => {
  test('wrong types in an event', async () => {
    for (const event of [commissioning('T1', { eventTime: 1_770_000_000 }), commissioning('T2', { epcList: 'urn:epc:id:sgtin:9506000.013435.T2' }), commissioning('T3', { action: ['ADD'] }), { ...commissioning('T4'), type: 42 }]) {
      await expectProblem(await gateway.call(key, 'POST', '/capture', { body: epcisDocument(event) }), 400, 'INVALID_EVENT', VALIDATION);
      await expectProblem(await gateway.call(key, 'POST', '/events', { body: { '@context': CONTEXT, ...event } }), 400, 'INVALID_EVENT', VALIDATION);
    }
    for (const body of [[], 'a string', 42, null, { type: 'EPCISDocument', epcisBody: { eventList: 'none' } }]) {
      await expectProblem(await gateway.call(key, 'POST', '/capture', { body: JSON.stringify(body) }), 400, 'INVALID_EVENT', VALIDATION);
    }
  });

  test('an EPCISDocument sent to POST /events, and an event sent to POST /capture', async () => {
    await expectProblem(await gateway.call(key, 'POST', '/events', { body: epcisDocument(commissioning('D1')) }), 400, 'INVALID_EVENT', VALIDATION);
    const problem = await expectProblem(await gateway.call(key, 'POST', '/capture', { body: { '@context': CONTEXT, ...commissioning('D2') }, headers: { 'GS1-Capture-Error-Behaviour': 'proceed' } }), 400, 'INVALID_EVENT', VALIDATION);
    expect(problem.detail).toMatch(/EPCISDocument/);
  });

  test('unknown members: an event member no namespace defines, a field no master data schema has', async () => {
    await expectProblem(await gateway.call(key, 'POST', '/capture', { body: epcisDocument(commissioning('F1', { colour: 'red' })) }), 400, 'INVALID_EVENT', VALIDATION);
    const product = { gtin: GTIN, name: 'Rice cooker', category: 'appliances', origin: 'DE' };
    const unknown = await expectProblem(await gateway.call(key, 'POST', '/products', { body: { ...product, brandOwner: 'PlatformMSP' } }), 400, 'INVALID_BODY');
    expect(unknown.detail).toMatch(/brandOwner/);
    await expectProblem(await gateway.call(gateway.key('Admin'), 'POST', '/enterprises', { body: { name: 'M', country: 'DE', roles: ['manufacturer'], mspId: 'PlatformMSP' } }), 400, 'INVALID_BODY');
    await expectProblem(await alliance.gateway('Regulator').call(alliance.key('Regulator'), 'PUT', '/enterprises/ManufacturerMSP/status', { body: { status: 'suspended', until: 'never' } }), 400, 'INVALID_BODY');
    await expectProblem(await alliance.gateway('Regulator').call(alliance.key('Regulator'), 'PUT', '/enterprises/ManufacturerMSP/status', { body: { status: 'banned' } }), 400, 'INVALID_BODY');
    await expectProblem(await gateway.call(key, 'POST', '/products', { body: { ...product, origin: 42 } }), 400, 'INVALID_BODY');
  });

  test('bad check digits, in an event and in a product', async () => {
    const badGtin = 'https://id.gs1.org/01/09506000134353/21/X1';
    const problem = await expectProblem(await gateway.call(key, 'POST', '/capture', { body: epcisDocument(commissioning('X1', { epcList: [badGtin] })) }), 400, 'INVALID_EVENT', VALIDATION);
    expect(problem.detail).toMatch(/epcisBody\.eventList\[0\]\.epcList\[0\]/);
    await expectProblem(await gateway.call(key, 'POST', '/events', { body: { '@context': CONTEXT, ...commissioning('X2', { epcList: ['urn:epc:id:sgtin:9506000.013435.X2'], readPoint: { id: 'https://id.gs1.org/414/9506000134377' } }) } }), 400, 'INVALID_EVENT', VALIDATION);
    await expectProblem(await gateway.call(key, 'POST', '/products', { body: { gtin: '09506000134353', name: 'Rice cooker', category: 'appliances', origin: 'DE' } }), 400, 'INVALID_BODY');
    await expectProblem(await gateway.call(key, 'GET', '/products/09506000134353'), 400, /^INVALID_/);
  });
});

describe('limits', () => {
  test('OPTIONS /capture states the capture limits', async () => {
    const response = await gateway.call(key, 'OPTIONS', '/capture');
    expect(response.status).toBe(204);
    expect(response.headers.get('gs1-epcis-capture-limit')).toBe(String(CAPTURE_LIMITS.maxEvents));
    expect(response.headers.get('gs1-epcis-capture-file-size-limit')).toBe(String(CAPTURE_LIMITS.maxDocumentBytes));
    expect(response.headers.get('allow')).toMatch(/POST/);
  });

  test('a body over the capture limit is 413, on both EPCIS routes', async () => {
    const huge = JSON.stringify(epcisDocument(commissioning('H1', { 'ex:padding': 'x'.repeat(CAPTURE_LIMITS.maxDocumentBytes) })));
    for (const route of ['/capture', '/events']) {
      const response = await raw(route, huge);
      await expectProblem(response, 413, 'BODY_TOO_LARGE', 'epcisException:CaptureLimitExceededException');
    }
    // Just over the limit in bytes, not in characters: the limit is of UTF-8 bytes.
    const document = JSON.stringify(epcisDocument(commissioning('H2', { 'ex:padding': '' })));
    const padding = 'é'.repeat(Math.ceil((CAPTURE_LIMITS.maxDocumentBytes - Buffer.byteLength(document) + 2) / 2));
    const justOver = JSON.stringify(epcisDocument(commissioning('H2', { 'ex:padding': padding })));
    expect(justOver.length).toBeLessThan(CAPTURE_LIMITS.maxDocumentBytes);
    expect(Buffer.byteLength(justOver)).toBeGreaterThan(CAPTURE_LIMITS.maxDocumentBytes);
    await expectProblem(await raw('/capture', justOver), 413, 'BODY_TOO_LARGE', 'epcisException:CaptureLimitExceededException');
    // Master data bodies are small.
    await expectProblem(await gateway.call(key, 'POST', '/products', { body: { gtin: GTIN, name: 'x'.repeat(70_000), category: 'c', origin: 'DE' } }), 413, 'BODY_TOO_LARGE');
  });

  test('101 events is 413 under both behaviours; 1,001 EPCs in one event is 400', async () => {
    const events = Array.from({ length: CAPTURE_LIMITS.maxEvents + 1 }, (_, i) => commissioning(`M${i}`));
    for (const behaviour of ['rollback', 'proceed']) {
      const problem = await expectProblem(await gateway.call(key, 'POST', '/capture', { body: epcisDocument(...events), headers: { 'GS1-Capture-Error-Behaviour': behaviour } }), 413, 'CAPTURE_TOO_LARGE', 'epcisException:CaptureLimitExceededException');
      expect(problem.detail).toMatch(/eventList/);
    }
    const epcs = Array.from({ length: 1_001 }, (_, i) => `https://id.gs1.org/01/${GTIN}/21/L${i}`);
    await expectProblem(await gateway.call(key, 'POST', '/capture', { body: epcisDocument(commissioning('L', { epcList: epcs })) }), 400, 'INVALID_EVENT', VALIDATION);
  });

  test('nesting deeper than the limit is refused before it is parsed', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    await expectProblem(await raw('/capture', JSON.stringify({ ...epcisDocument(commissioning('N1')), extra: 0 }).replace('0}', `${deep}}`)), 413, 'CAPTURE_TOO_LARGE', 'epcisException:CaptureLimitExceededException');
  });
});

describe('headers', () => {
  test('no key, a garbage or unknown key, or another scheme: 401 with a Bearer challenge', async () => {
    const document = epcisDocument(commissioning('A1'));
    for (const authorization of [undefined, 'Bearer', 'Bearer ', 'bearer cbt_x', 'Basic dXNlcjpwYXNz', `Bearer ${'cbt_'.padEnd(300, 'a')}`, 'Bearer cbt_!!!', `Bearer ${key}x`, `Bearer ${key.slice(0, -1)}`, `Bearer  ${key}`, `Token ${key}`]) {
      const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
      for (const [method, route] of [
        ['POST', '/capture'],
        ['GET', '/events'],
      ]) {
        const response = await gateway.call(undefined, method, route, { body: method === 'POST' ? document : undefined, headers });
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
        await expectProblem(response, 401, 'UNAUTHENTICATED', 'epcisException:SecurityException');
      }
      await expectProblem(await gateway.call(undefined, 'GET', '/enterprises', { headers }), 401, 'UNAUTHENTICATED');
    }
  });

  test('a key of a user the gateway holds no identity for (issued before the user was removed): 401, and its writes end refused', async () => {
    const ghost = gateway.key('Removed');
    await expectProblem(await gateway.call(ghost, 'GET', '/enterprises'), 401, 'UNKNOWN_USER');
    await expectProblem(await gateway.call(ghost, 'GET', '/events'), 401, 'UNKNOWN_USER', 'epcisException:SecurityException');
    await expectProblem(await gateway.call(ghost, 'POST', '/events', { body: { '@context': CONTEXT, ...commissioning('G1') } }), 401, 'UNKNOWN_USER', 'epcisException:SecurityException');
    const capture = await gateway.call(ghost, 'POST', '/capture', { body: epcisDocument(commissioning('G2')) });
    expect(capture.status).toBe(202);
    const job = await endedJob(gateway, ghost, capture.headers.get('location')!);
    expect(job).toMatchObject({ success: false, eventIDs: [], errors: [expect.objectContaining({ code: 'UNKNOWN_USER' })] });
    // The jobs were made and ended refused; the ledger is what matters here.
    before.jobs = jobCount();
  });

  test('a Content-Type that is not JSON: 415', async () => {
    const body = JSON.stringify(epcisDocument(commissioning('C1')));
    for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) {
      for (const route of ['/capture', '/events']) await expectProblem(await raw(route, body, { 'content-type': type }), 415, 'UNSUPPORTED_MEDIA_TYPE', /^epcisException:/);
      await expectProblem(await raw('/products', JSON.stringify({ gtin: GTIN, name: 'Rice cooker', category: 'appliances', origin: 'DE' }), { 'content-type': type }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
  });

  test('a GS1-EPCIS-Version this service does not speak: 406', async () => {
    for (const version of ['1.2', '3.0', 'latest', '2.0; DROP TABLE']) {
      await expectProblem(await gateway.call(key, 'GET', '/events', { headers: { 'GS1-EPCIS-Version': version } }), 406, 'EPCIS_VERSION', 'epcisException:NotAcceptableException');
      await expectProblem(await gateway.call(key, 'POST', '/capture', { body: epcisDocument(commissioning('V1')), headers: { 'GS1-EPCIS-Version': version } }), 406, 'EPCIS_VERSION', 'epcisException:NotAcceptableException');
    }
  });

  test('a GS1-Capture-Error-Behaviour that is not rollback or proceed: 400', async () => {
    for (const behaviour of ['rollforward', 'proceed,rollback', '']) {
      await expectProblem(await gateway.call(key, 'POST', '/capture', { body: epcisDocument(commissioning('B1')), headers: { 'GS1-Capture-Error-Behaviour': behaviour } }), 400, 'CAPTURE_ERROR_BEHAVIOUR', VALIDATION);
    }
  });
});

describe('queries', () => {
  test('bad perPage: 400', async () => {
    for (const perPage of ['0', '101', '-1', '1.5', 'abc', '', '1e2', '0x10', ' 5']) {
      await expectProblem(await gateway.call(key, 'GET', `/events?perPage=${encodeURIComponent(perPage)}`), 400, 'QUERY_PARAMETER', QUERY);
    }
  });

  test('a made-up nextPageToken, or one of another query: 400', async () => {
    for (const token of ['abc', 'AAAA', '\u0000', 'x'.repeat(5_000), Buffer.from('{"index":"bizStep","key":"zzz"}').toString('base64')]) {
      await expectProblem(await gateway.call(key, 'GET', `/events?EQ_bizStep=commissioning&nextPageToken=${encodeURIComponent(token)}`), 400, /^(INVALID_QUERY|QUERY_PARAMETER)$/, QUERY);
    }
  });

  test('an unknown, repeated or empty query parameter: 400', async () => {
    const queries = ['EQ_colour=red', 'eventType=ObjectEvent&eventType=AggregationEvent', 'MATCH_epc=', 'EQ_bizStep=shipping||receiving', 'GE_eventTime=yesterday', 'MATCH_epc=https%3A%2F%2Fid.gs1.org%2F01%2F09506000134353%2F21%2F1', 'eventType=NoSuchEvent'];
    const statuses = await Promise.all(queries.map(async (query) => [query, (await gateway.call(key, 'GET', `/events?${query}`)).status]));
    expect(statuses).toEqual(queries.map((query) => [query, 400]));
    for (const query of queries) {
      await expectProblem(await gateway.call(key, 'GET', `/events?${query}`), 400, /^(QUERY_PARAMETER|INVALID_QUERY)$/, QUERY);
    }
  });

  test('an unknown route is 404; a path that cannot be decoded is 400; neither leaks anything', async () => {
    for (const [method, route] of [
      ['GET', '/nothing'],
      ['DELETE', '/events'],
      ['GET', '/events/a/b/c'],
      ['PATCH', '/products/09506000134352'],
      ['GET', '/capture/00000000-0000-0000-0000-000000000000'],
      ['GET', '/jobs/not-a-job'],
    ]) {
      const response = await gateway.call(key, method, route);
      expect(response.status).toBe(404);
      await expectProblem(response, 404, /^(NO_ROUTE|NOT_FOUND)$/, /^(epcisException:NoSuchResourceException|urn:crossborder-trace:problem:)/);
    }
    await expectProblem(await gateway.call(key, 'GET', '/events/%E0%A4%A'), 400, 'BAD_REQUEST', /^epcisException:/);
    await expectProblem(await gateway.call(key, 'GET', '/docs/assets/no-such-file.js'), 404, /^(NO_ROUTE|NOT_FOUND)$/);
    await expectProblem(await gateway.call(key, 'GET', '/docs/assets/..%2F..%2Fpackage.json'), 404, /^(NO_ROUTE|NOT_FOUND)$/);
  });
});

describe('a peer that cannot be reached', () => {
  let away: OrgGateway;
  beforeAll(async () => {
    // A port nothing listens on: taken, then given back.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as { port: number };
        server.close(() => resolve(free));
      });
    });
    const options = gatewayOptionsFor(network(), 'Manufacturer', tempDir('gateway-away-'));
    const closed = { ...options, peer: { ...options.peer, endpoint: `127.0.0.1:${port}` } };
    const running = await startGateway(closed, { log: pino({ level: process.env.GATEWAY_LOG ?? 'silent' }) });
    away = orgGateway('Manufacturer', running.url, closed, () => running.close());
  });
  afterAll(() => away?.close());

  test('reads answer 503 with Retry-After; ready is 503 while live is 200', async () => {
    const awayKey = away.key('User1');
    for (const route of ['/events?EQ_bizStep=commissioning', `/events/${encodeURIComponent('urn:crossborder-trace:event:' + '0'.repeat(64))}`, '/enterprises', '/charter', `/items/${encodeURIComponent(`https://id.gs1.org/01/${GTIN}/21/1`)}/trace`]) {
      const response = await away.call(awayKey, 'GET', route);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      const problem = await expectProblem(response, 503, 'LEDGER_UNAVAILABLE', /^(epcisException:ImplementationException|urn:crossborder-trace:problem:)/);
      expect(JSON.stringify(problem)).not.toContain(away.options.peer.endpoint);
    }
    const ready = await away.call(undefined, 'GET', '/health/ready');
    expect(ready.headers.get('retry-after')).not.toBeNull();
    await expectProblem(ready, 503, 'NOT_READY');
    expect((await away.call(undefined, 'GET', '/health/live')).status).toBe(200);
    // The org's real gateway is ready.
    expect(await jsonOf(await gateway.call(undefined, 'GET', '/health/ready'))).toEqual({ status: 'ready' });
  });
});

describe('what operators and tools read', () => {
  test('/metrics is Prometheus text with the request histogram by route pattern', async () => {
    await gateway.call(key, 'GET', `/events/${encodeURIComponent('urn:crossborder-trace:event:' + '1'.repeat(64))}`);
    const response = await gateway.call(undefined, 'GET', '/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^# TYPE http_request_duration_seconds histogram$/m);
    expect(text).toMatch(/^http_request_duration_seconds_bucket\{.*route="\/events\/:eventID".*\} \d+$/m);
    expect(text).toMatch(/^http_request_duration_seconds_count\{.*\} \d+$/m);
    // Route patterns, never ids.
    expect(text).not.toContain('1111111111');
    expectNoLeak(text.split('\n').filter((line) => !line.startsWith('#')).join('\n'));
  });

  test('/openapi.json is OpenAPI 3.1.0 with every route and the request schemas', async () => {
    const response = await gateway.call(undefined, 'GET', '/openapi.json');
    expect(response.status).toBe(200);
    const document = await jsonOf<{ openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>; components: { schemas: Record<string, { type?: string; properties?: Record<string, unknown> }> } }>(response);
    expect(document.openapi).toBe('3.1.0');
    const routes = {
      '/capture': ['post', 'options'],
      '/capture/{captureID}': ['get'],
      '/events': ['get', 'post'],
      '/events/{eventID}': ['get'],
      '/events/{eventID}/detail': ['get'],
      '/items/{id}/trace': ['get'],
      '/items/{id}/history': ['get'],
      '/charter': ['get'],
      '/enterprises': ['get', 'post'],
      '/enterprises/{mspId}': ['get'],
      '/enterprises/{mspId}/status': ['put'],
      '/enterprises/{mspId}/history': ['get'],
      '/products': ['post'],
      '/products/{gtin}': ['get'],
      '/recalls': ['get', 'post'],
      '/recalls/preview': ['post'],
      '/recalls/{id}': ['get'],
      '/audit': ['get'],
      '/exports/trace.csv': ['get'],
      '/jobs/{id}': ['get'],
      '/me': ['get'],
      '/figures': ['get'],
      '/desk': ['get'],
      '/alerts': ['get'],
      '/alerts/stream': ['get'],
      '/alerts/{id}': ['get'],
      '/alerts/{id}/ack': ['post'],
      '/health/live': ['get'],
      '/health/ready': ['get'],
      '/metrics': ['get'],
    };
    // The routes of the issue's interface, each with its methods (the gateway may serve more).
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(Object.keys(routes)));
    for (const [route, methods] of Object.entries(routes)) expect(Object.keys(document.paths[route])).toEqual(expect.arrayContaining(methods));
    // Every one of them that takes a body describes it.
    for (const [route, methods] of Object.entries(routes)) {
      for (const method of methods.filter((m) => m === 'post' || m === 'put')) {
        expect({ route, method, schema: document.paths[route][method].requestBody?.content['application/json']?.schema }).toEqual({ route, method, schema: expect.anything() });
      }
    }
    for (const name of ['EnterpriseRegistration', 'EnterpriseStatus', 'Product']) {
      expect(document.components.schemas[name]).toMatchObject({ type: 'object', properties: expect.any(Object) });
    }
    expect(Object.keys(document.components.schemas.Product.properties!)).toEqual(expect.arrayContaining(['gtin', 'name', 'category', 'origin']));
    expect(document.paths['/products'].post.requestBody!.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Product' });
  });

  test('/docs and every asset it loads are served by the gateway itself', async () => {
    const page = await gateway.call(undefined, 'GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets).toEqual(expect.arrayContaining(['/docs/assets/swagger-ui.css', '/docs/assets/swagger-ui-bundle.js', '/docs/init.js']));
    for (const asset of assets) {
      // No CDN: everything from this origin.
      expect(asset).toMatch(/^\/docs\//);
      const response = await gateway.call(undefined, 'GET', asset);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(asset.endsWith('.css') ? /^text\/css/ : /javascript/);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });
});
