// The EPCIS 2.0 REST binding of an org's gateway, end to end on a network: capture jobs, single events, queries
// with paging, and who may call at all.
import { ApiKeyStore, openDatabase } from '@crossborder-trace/gateway';
import { useTestNetwork } from '../support/suite';
import { USER_ROLES, type OrgName } from '../support/orgs';
import { startOrgGateway, type OrgGateway } from './gateways';

jest.setTimeout(180_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

const CONTEXT = ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld'];
const GTIN = '09506000134352';
const serial = (s: string) => `https://id.gs1.org/01/${GTIN}/21/${s}`;

const gateways: Partial<Record<OrgName, OrgGateway>> = {};
const keys: Partial<Record<OrgName, string>> = {};
const gateway = (org: OrgName) => gateways[org]!;
const key = (org: OrgName) => keys[org]!;

let minute = 0;
function commissioning(...serials: string[]): Record<string, unknown> {
  minute += 1;
  return { type: 'ObjectEvent', eventTime: `2026-02-01T08:${String(minute).padStart(2, '0')}:00Z`, eventTimeZoneOffset: '+01:00', action: 'ADD', epcList: serials.map(serial), bizStep: 'commissioning', disposition: 'active' };
}
const document = (...events: Record<string, unknown>[]) => ({ '@context': CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-02-01T09:00:00Z', epcisBody: { eventList: events } });

async function finished(org: OrgName, location: string): Promise<Record<string, unknown>> {
  for (;;) {
    const job = (await (await gateway(org).call(key(org), 'GET', location)).json()) as Record<string, unknown>;
    if (job.running === false) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  for (const org of ['Manufacturer', 'Logistics', 'Customs', 'Platform', 'Regulator'] as const) {
    gateways[org] = await startOrgGateway(network(), org);
    const admin = gateway(org).key('Admin');
    const registration = { name: `${org} Co.`, country: org === 'Manufacturer' || org === 'Logistics' ? 'DE' : 'CN', roles: [USER_ROLES[org]] };
    const response = await gateway(org).call(admin, 'POST', '/enterprises', { body: registration });
    expect(response.status).toBe(201);
    keys[org] = gateway(org).key('User1');
  }
});

afterAll(async () => {
  for (const g of Object.values(gateways)) await g?.close();
});

test('POST /capture answers 202 with the job; the job ends with the recorded ids; the events are found again', async () => {
  const response = await gateway('Manufacturer').call(key('Manufacturer'), 'POST', '/capture', { body: document(commissioning('C1', 'C2'), commissioning('C3')) });
  expect(response.status).toBe(202);
  expect(response.headers.get('gs1-epcis-version')).toBe('2.0.0');
  expect(response.headers.get('gs1-epcis-capture-limit')).toBe('100');
  const location = response.headers.get('location')!;
  expect(location).toMatch(/^\/capture\/[0-9a-f-]{36}$/);
  const job = await finished('Manufacturer', location);
  expect(job).toMatchObject({ running: false, success: true, captureErrorBehaviour: 'rollback', errors: [] });
  expect(job.eventIDs).toHaveLength(2);

  const query = await gateway('Customs').call(key('Customs'), 'GET', `/events?MATCH_epc=${encodeURIComponent('urn:epc:id:sgtin:9506000.013435.C3')}`);
  expect(query.status).toBe(200);
  const body = (await query.json()) as { type: string; epcisBody: { queryResults: { resultsBody: { eventList: Record<string, unknown>[] } } } };
  expect(body.type).toBe('EPCISQueryDocument');
  expect(body.epcisBody.queryResults.resultsBody.eventList).toEqual([expect.objectContaining({ eventID: (job.eventIDs as string[])[1], bizStep: 'commissioning', epcList: [serial('C3')], 'cbt:recordedBy': 'ManufacturerMSP' })]);

  const trace = await gateway('Platform').call(key('Platform'), 'GET', `/items/${encodeURIComponent(serial('C1'))}/trace`);
  expect(trace.status).toBe(200);
  expect(((await trace.json()) as { events: unknown[] }).events).toHaveLength(1);
});

test('a capture the chaincode refuses ends as a failed job with its code; under proceed the valid events are recorded', async () => {
  // Customs may not commission: under rollback nothing of the document is recorded.
  const refused = await gateway('Customs').call(key('Customs'), 'POST', '/capture', { body: document(commissioning('X1')) });
  const job = await finished('Customs', refused.headers.get('location')!);
  expect(job).toMatchObject({ success: false, eventIDs: [], errors: [expect.objectContaining({ code: 'STEP_NOT_AUTHORISED' })] });

  const p1 = commissioning('P1');
  const mixed = document(p1, { ...commissioning('P2'), epcList: ['https://id.gs1.org/01/09506000134353/21/P2'] }, p1);
  const proceed = await gateway('Manufacturer').call(key('Manufacturer'), 'POST', '/capture', { body: mixed, headers: { 'GS1-Capture-Error-Behaviour': 'proceed' } });
  expect(proceed.status).toBe(202);
  const outcome = await finished('Manufacturer', proceed.headers.get('location')!);
  expect(outcome).toMatchObject({ success: false, captureErrorBehaviour: 'proceed' });
  expect(outcome.eventIDs).toHaveLength(1);
  // The second has a bad check digit (refused before submission); the third repeats the first.
  expect(outcome.errors).toEqual([expect.objectContaining({ eventIndex: 1, code: 'INVALID_EVENT' }), expect.objectContaining({ eventIndex: 2, code: 'DUPLICATE_EVENT' })]);
});

test('POST /events records one event and answers 201 with its Location; the same event again is 409', async () => {
  const event = { '@context': CONTEXT, ...commissioning('E1') };
  const created = await gateway('Manufacturer').call(key('Manufacturer'), 'POST', '/events', { body: event });
  expect(created.status).toBe(201);
  const location = created.headers.get('location')!;
  expect(location).toMatch(/^\/events\/urn%3Acrossborder-trace%3Aevent%3A[0-9a-f]{64}$/);
  const read = await gateway('Logistics').call(key('Logistics'), 'GET', location);
  expect(read.status).toBe(200);
  expect(await read.json()).toMatchObject({ type: 'ObjectEvent', epcList: [serial('E1')] });
  const again = await gateway('Manufacturer').call(key('Manufacturer'), 'POST', '/events', { body: event });
  expect(again.status).toBe(409);
  expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(await again.json()).toMatchObject({ type: 'epcisException:ValidationException', status: 409, code: 'DUPLICATE_EVENT' });
});

test('GET /events pages with perPage and a Link to the next page, until every match was seen once', async () => {
  const ids: string[] = [];
  let next: string | undefined = '/events?EQ_bizStep=commissioning&perPage=2';
  let pages = 0;
  while (next) {
    const response = await gateway('Regulator').call(key('Regulator'), 'GET', next);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { epcisBody: { queryResults: { resultsBody: { eventList: { eventID: string }[] } } } };
    ids.push(...page.epcisBody.queryResults.resultsBody.eventList.map((e) => e.eventID));
    next = /^<([^>]+)>; rel="next"$/.exec(response.headers.get('link') ?? '')?.[1];
    pages += 1;
  }
  expect(pages).toBeGreaterThan(1);
  expect(new Set(ids).size).toBe(ids.length);
  // C1+C2, C3, P1, E1.
  expect(ids).toHaveLength(4);
  const unknown = await gateway('Regulator').call(key('Regulator'), 'GET', '/events?EQ_colour=red');
  expect(unknown.status).toBe(400);
  expect(await unknown.json()).toMatchObject({ type: 'epcisException:QueryParameterException' });
});

test('no key, an unknown key and a revoked key are 401; the key chooses the identity, nothing else does', async () => {
  const g = gateway('Platform');
  for (const auth of [undefined, 'cbt_not-a-key', 'Basic abc']) {
    const response = await g.call(undefined, 'GET', '/enterprises', { headers: auth ? { authorization: auth.startsWith('cbt_') ? `Bearer ${auth}` : auth } : {} });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  }
  const extra = g.key('User1');
  expect((await g.call(extra, 'GET', '/enterprises')).status).toBe(200);
  const db = openDatabase(g.options.dataDir);
  const store = new ApiKeyStore(db);
  const record = store.list().at(-1)!;
  expect(store.revoke(record.id)).toBe(true);
  db.close();
  expect((await g.call(extra, 'GET', '/enterprises')).status).toBe(401);
  // A user's key acts as that user: the platform's user is no admin, whatever the body claims.
  const registration = await g.call(key('Platform'), 'POST', '/enterprises', { body: { name: 'Platform Co.', country: 'CN', roles: ['platform'] } });
  expect(registration.status).toBe(403);
  expect(await registration.json()).toMatchObject({ code: 'ROLE_NOT_AUTHORISED' });
});

test('a key past its rate limit is refused with 429 and the RateLimit headers, and other keys go on', async () => {
  const limited = await startOrgGateway(network(), 'Logistics', undefined, { rateLimitPerMinute: 3 });
  try {
    const [busy, other] = [limited.key('User1'), limited.key('Admin')];
    for (let i = 0; i < 3; i++) expect((await limited.call(busy, 'GET', '/charter')).status).toBe(200);
    const refused = await limited.call(busy, 'GET', '/charter');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-policy')).toMatch(/"3-in-1min"/);
    expect(await refused.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    // The limit is the key's user's: the org's admin is not held back by its clerk.
    expect((await limited.call(other, 'GET', '/charter')).status).toBe(200);
  } finally {
    await limited.close();
  }
});
