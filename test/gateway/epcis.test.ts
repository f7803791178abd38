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

/** The capture jobs of a user of the org, newest first, as the gateway's store holds them. */
function storedCaptureIDs(org: OrgName, user: string): string[] {
  const db = openDatabase(gateway(org).options.dataDir);
  try {
    return (db.prepare("SELECT id FROM jobs WHERE user = ? AND kind = 'capture' ORDER BY rowid DESC").all(user) as { id: string }[]).map((row) => row.id);
  } finally {
    db.close();
  }
}

/** Every page of GET /capture, one job at a time, following Link rel="next"; each page's jobs. */
async function captureJobPages(org: OrgName, callerKey: string): Promise<Record<string, unknown>[][]> {
  const pages: Record<string, unknown>[][] = [];
  let next: string | undefined = '/capture?perPage=1';
  while (next) {
    const response = await gateway(org).call(callerKey, 'GET', next);
    expect(response.status).toBe(200);
    expect(response.headers.get('gs1-epcis-version')).toBe('2.0.0');
    pages.push((await response.json()) as Record<string, unknown>[]);
    next = /^<([^>]+)>; rel="next"$/.exec(response.headers.get('link') ?? '')?.[1];
    if (next) expect(next).toMatch(/^\/capture\?perPage=1&nextPageToken=[A-Za-z0-9_-]+$/);
  }
  return pages;
}

test("GET /capture pages through the caller's own capture jobs, newest first, each once; another user's are not listed", async () => {
  const g = gateway('Manufacturer');
  // The org's admin captures too: its job (whatever the chaincode makes of it) is its own, not User1's.
  const admin = g.key('Admin');
  const theirs = await g.call(admin, 'POST', '/capture', { body: document(commissioning('Q9')) });
  expect(theirs.status).toBe(202);
  const theirID = theirs.headers.get('location')!.slice('/capture/'.length);
  // Three more of User1's, one after the other: the newest three.
  const mine: string[] = [];
  for (const s of ['Q1', 'Q2', 'Q3']) {
    const response = await g.call(key('Manufacturer'), 'POST', '/capture', { body: document(commissioning(s)) });
    expect(response.status).toBe(202);
    mine.push(response.headers.get('location')!.slice('/capture/'.length));
  }

  const pages = await captureJobPages('Manufacturer', key('Manufacturer'));
  for (const page of pages) expect(page).toHaveLength(1);
  const listed = pages.flat();
  const ids = listed.map((job) => job.captureID as string);
  // Every one of the user's capture jobs once (the earlier tests' captures and POST /events' jobs among them).
  expect(ids).toEqual(storedCaptureIDs('Manufacturer', 'User1'));
  expect(ids.length).toBeGreaterThanOrEqual(7);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.slice(0, 3)).toEqual([...mine].reverse());
  expect(ids).not.toContain(theirID);
  // Each as GET /capture/{captureID} shows it.
  const shapeOf = (job: Record<string, unknown>) => Object.fromEntries(Object.entries(job).map(([member, value]) => [member, Array.isArray(value) ? 'array' : typeof value]));
  for (const job of listed) expect(shapeOf(job)).toMatchObject({ captureID: 'string', createdAt: 'string', running: 'boolean', success: 'boolean', captureErrorBehaviour: 'string', errors: 'array', eventIDs: 'array' });
  const newest = await finished('Manufacturer', `/capture/${mine[2]}`);
  const [first] = (await (await g.call(key('Manufacturer'), 'GET', '/capture?perPage=1')).json()) as Record<string, unknown>[];
  expect(first).toEqual(newest);

  // The admin's listing is its own job alone.
  const theirPages = await captureJobPages('Manufacturer', admin);
  expect(theirPages.flat().map((job) => job.captureID)).toEqual([theirID]);
  // Another org's gateway has its own store: the manufacturer's jobs are not there.
  const customs = (await (await gateway('Customs').call(key('Customs'), 'GET', '/capture')).json()) as Record<string, unknown>[];
  expect(customs.map((job) => job.captureID)).toEqual(storedCaptureIDs('Customs', 'User1'));
  expect(customs.map((job) => job.captureID)).not.toContain(mine[0]);
});

test('GET /capture: a bad perPage, a nextPageToken it did not give, or another parameter is 400 with QueryParameterException', async () => {
  const token = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
  const queries = [
    'perPage=0',
    'perPage=101',
    'perPage=-1',
    'perPage=1.5',
    'perPage=abc',
    'perPage=',
    'perPage=1&perPage=2',
    'nextPageToken=',
    'nextPageToken=abc',
    `nextPageToken=${'x'.repeat(5_000)}`,
    `nextPageToken=${token('capture:0')}`,
    `nextPageToken=${token('capture:-1')}`,
    `nextPageToken=${encodeURIComponent(Buffer.from('capture:12').toString('base64'))}`,
    `nextPageToken=${token('{"index":"bizStep","key":"zzz"}')}`,
    'EQ_bizStep=commissioning',
  ];
  for (const query of queries) {
    const response = await gateway('Manufacturer').call(key('Manufacturer'), 'GET', `/capture?${query}`);
    expect({ query, status: response.status, type: response.headers.get('content-type') }).toEqual({ query, status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
    expect(await response.json()).toMatchObject({ type: 'epcisException:QueryParameterException', status: 400, code: 'QUERY_PARAMETER' });
  }
});

test('the OpenAPI document has GET /capture with perPage and nextPageToken', async () => {
  const response = await gateway('Manufacturer').call(undefined, 'GET', '/openapi.json');
  const document = (await response.json()) as { paths: Record<string, Record<string, { parameters?: { name: string }[]; responses: Record<string, unknown> }>> };
  const list = document.paths['/capture'].get;
  expect(list.parameters!.map((p) => p.name)).toEqual(['perPage', 'nextPageToken']);
  expect(Object.keys(list.responses)).toEqual(expect.arrayContaining(['200', '400', '401']));
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
