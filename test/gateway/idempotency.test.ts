// Idempotency-Key on every write of an org's gateway: a retry answers the first result and commits nothing more
// (the ledger's height and contents say so, and the gateway's store holds one job), the same key with another
// request is 422, concurrent requests with one key make one job, and keys belong to the user who sent them.
import { openDatabase } from '@crossborder-trace/gateway';
import { useTestNetwork } from '../support/suite';
import { startOrgGateway, type OrgGateway } from './gateways';
import { chainHeight, CONTEXT, endedJob, epcisDocument, expectProblem, jsonOf, ledgerIdsOf, registrationOf, startAlliance, type Alliance } from './rest';

jest.setTimeout(180_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

let alliance: Alliance;
let manufacturer: OrgGateway;
let user1: string;
beforeAll(async () => {
  // Logistics registers its enterprise in a test of its own.
  alliance = await startAlliance(network(), ['Manufacturer', 'Platform', 'Customs', 'Regulator']);
  manufacturer = alliance.gateway('Manufacturer');
  user1 = alliance.key('Manufacturer');
});
afterAll(() => alliance?.close());

const VALIDATION = 'epcisException:ValidationException';
const GTIN = '09506000134352';
let serial = 0;

function commissioning(): { event: Record<string, unknown>; epc: string } {
  serial += 1;
  const epc = `https://id.gs1.org/01/${GTIN}/21/I${serial}`;
  return {
    epc,
    event: { type: 'ObjectEvent', eventTime: `2026-02-01T08:${String(serial % 60).padStart(2, '0')}:00Z`, eventTimeZoneOffset: '+01:00', action: 'ADD', epcList: [epc], bizStep: 'commissioning', disposition: 'active' },
  };
}

const withKey = (key: string, headers: Record<string, string> = {}) => ({ 'Idempotency-Key': key, ...headers });

/** Jobs in a gateway's store, read from its database. */
function jobCount(gateway: OrgGateway): number {
  const db = openDatabase(gateway.options.dataDir);
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** A response as a client compares it: status, the headers that carry meaning, and the body. */
async function answerOf(response: Response): Promise<{ status: number; location: string | null; body: unknown }> {
  return { status: response.status, location: response.headers.get('location'), body: await response.json() };
}

describe('POST /events', () => {
  test('a retry with the same key answers the first result; the event is recorded once and nothing else commits', async () => {
    const { event, epc } = commissioning();
    const body = { '@context': CONTEXT, ...event };
    const first = await answerOf(await manufacturer.call(user1, 'POST', '/events', { body, headers: withKey('events-1') }));
    expect(first.status).toBe(201);
    const height = await chainHeight(network());
    const jobs = jobCount(manufacturer);
    for (let retry = 0; retry < 3; retry++) {
      expect(await answerOf(await manufacturer.call(user1, 'POST', '/events', { body, headers: withKey('events-1') }))).toEqual(first);
    }
    expect(jobCount(manufacturer)).toBe(jobs);
    expect(await chainHeight(network())).toBe(height);
    expect(await ledgerIdsOf(network(), epc)).toEqual([(first.body as { eventID: string }).eventID]);
    // Without the key the same event is a second request, and the chaincode refuses it as a duplicate.
    expect((await manufacturer.call(user1, 'POST', '/events', { body })).status).toBe(409);
  });

  test('a refused write retried with its key answers the same refusal without trying again', async () => {
    const { event, epc } = commissioning();
    const customs = alliance.gateway('Customs');
    const body = { '@context': CONTEXT, ...event };
    const first = await expectProblem(await customs.call(alliance.key('Customs'), 'POST', '/events', { body, headers: withKey('refused') }), 403, 'STEP_NOT_AUTHORISED', 'epcisException:SecurityException');
    const jobs = jobCount(customs);
    const height = await chainHeight(network());
    const again = await expectProblem(await customs.call(alliance.key('Customs'), 'POST', '/events', { body, headers: withKey('refused') }), 403, 'STEP_NOT_AUTHORISED', 'epcisException:SecurityException');
    // Each answer names its own request; everything else is the first one's.
    expect({ ...again, instance: undefined }).toEqual({ ...first, instance: undefined });
    expect(jobCount(customs)).toBe(jobs);
    expect(await chainHeight(network())).toBe(height);
    expect(await ledgerIdsOf(network(), epc)).toEqual([]);
  });

  test('the same key with another body is 422, and that body is not recorded', async () => {
    const a = commissioning();
    const b = commissioning();
    expect((await manufacturer.call(user1, 'POST', '/events', { body: { '@context': CONTEXT, ...a.event }, headers: withKey('events-2') })).status).toBe(201);
    const height = await chainHeight(network());
    const jobs = jobCount(manufacturer);
    const problem = await expectProblem(await manufacturer.call(user1, 'POST', '/events', { body: { '@context': CONTEXT, ...b.event }, headers: withKey('events-2') }), 422, 'IDEMPOTENCY_KEY_REUSED', VALIDATION);
    expect(problem.detail).toContain('events-2');
    // The key of a POST /events is not the key of a POST /capture of the same event.
    await expectProblem(await manufacturer.call(user1, 'POST', '/capture', { body: epcisDocument(a.event), headers: withKey('events-2') }), 422, 'IDEMPOTENCY_KEY_REUSED', VALIDATION);
    expect(jobCount(manufacturer)).toBe(jobs);
    expect(await chainHeight(network())).toBe(height);
    expect(await ledgerIdsOf(network(), b.epc)).toEqual([]);
  });

  test('concurrent requests with one key make one job and one event, and all answer alike', async () => {
    const { event, epc } = commissioning();
    const body = { '@context': CONTEXT, ...event };
    const jobs = jobCount(manufacturer);
    const answers = await Promise.all(Array.from({ length: 8 }, () => manufacturer.call(user1, 'POST', '/events', { body, headers: withKey('events-concurrent') }).then(answerOf)));
    expect(answers[0].status).toBe(201);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(jobCount(manufacturer)).toBe(jobs + 1);
    expect(await ledgerIdsOf(network(), epc)).toEqual([(answers[0].body as { eventID: string }).eventID]);
  });
});

describe('POST /capture', () => {
  test('a retry while the job runs and after it ended answers the same capture job; its events are recorded once', async () => {
    const events = [commissioning(), commissioning(), commissioning()];
    const body = epcisDocument(...events.map((e) => e.event));
    const first = await manufacturer.call(user1, 'POST', '/capture', { body, headers: withKey('capture-1') });
    expect(first.status).toBe(202);
    const location = first.headers.get('location')!;
    const retried = await manufacturer.call(user1, 'POST', '/capture', { body, headers: withKey('capture-1') });
    expect(retried.status).toBe(202);
    expect(retried.headers.get('location')).toBe(location);
    const job = await endedJob(manufacturer, user1, location);
    expect(job).toMatchObject({ success: true, errors: [] });
    expect(job.eventIDs).toHaveLength(3);
    const height = await chainHeight(network());
    const jobs = jobCount(manufacturer);

    const late = await manufacturer.call(user1, 'POST', '/capture', { body, headers: withKey('capture-1') });
    expect(late.status).toBe(202);
    expect(late.headers.get('location')).toBe(location);
    expect(await late.json()).toEqual(job);
    expect(jobCount(manufacturer)).toBe(jobs);
    expect(await chainHeight(network())).toBe(height);
    for (const [index, { epc }] of events.entries()) expect(await ledgerIdsOf(network(), epc)).toEqual([job.eventIDs[index]]);
  });

  test('the same key with another document, or another GS1-Capture-Error-Behaviour, is 422', async () => {
    const a = commissioning();
    const b = commissioning();
    const first = await manufacturer.call(user1, 'POST', '/capture', { body: epcisDocument(a.event), headers: withKey('capture-2') });
    expect(first.status).toBe(202);
    await endedJob(manufacturer, user1, first.headers.get('location')!);
    const height = await chainHeight(network());
    const jobs = jobCount(manufacturer);
    await expectProblem(await manufacturer.call(user1, 'POST', '/capture', { body: epcisDocument(b.event), headers: withKey('capture-2') }), 422, 'IDEMPOTENCY_KEY_REUSED', VALIDATION);
    await expectProblem(
      await manufacturer.call(user1, 'POST', '/capture', { body: epcisDocument(a.event), headers: withKey('capture-2', { 'GS1-Capture-Error-Behaviour': 'proceed' }) }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
      VALIDATION,
    );
    expect(jobCount(manufacturer)).toBe(jobs);
    expect(await chainHeight(network())).toBe(height);
    expect(await ledgerIdsOf(network(), b.epc)).toEqual([]);
  });

  test('concurrent identical captures with one key make one job', async () => {
    const events = [commissioning(), commissioning()];
    const body = epcisDocument(...events.map((e) => e.event));
    const jobs = jobCount(manufacturer);
    const answers = await Promise.all(Array.from({ length: 8 }, () => manufacturer.call(user1, 'POST', '/capture', { body, headers: withKey('capture-concurrent') })));
    const locations = new Set(answers.map((a) => a.headers.get('location')));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(202));
    expect(locations.size).toBe(1);
    expect(jobCount(manufacturer)).toBe(jobs + 1);
    const job = await endedJob(manufacturer, user1, [...locations][0]!);
    expect(job).toMatchObject({ success: true });
    for (const [index, { epc }] of events.entries()) expect(await ledgerIdsOf(network(), epc)).toEqual([job.eventIDs[index]]);
  });
});

describe('keys belong to their user', () => {
  test("another user's same key is another request; the same user's second API key shares its keys", async () => {
    const manufacturerAdmin = manufacturer.key('Admin');
    const a = commissioning();
    const b = commissioning();
    const first = await answerOf(await manufacturer.call(user1, 'POST', '/events', { body: { '@context': CONTEXT, ...a.event }, headers: withKey('shared-key') }));
    expect(first.status).toBe(201);
    // The org's admin (acting in the org's one role) sends another event with the same key: no 422, a new write.
    const admins = await answerOf(await manufacturer.call(manufacturerAdmin, 'POST', '/events', { body: { '@context': CONTEXT, ...b.event }, headers: withKey('shared-key') }));
    expect(admins.status).toBe(201);
    expect(admins.body).not.toEqual(first.body);
    expect(await ledgerIdsOf(network(), a.epc)).toEqual([(first.body as { eventID: string }).eventID]);
    expect(await ledgerIdsOf(network(), b.epc)).toEqual([(admins.body as { eventID: string }).eventID]);
    // User1's second API key is the same user: the key answers its first result.
    const secondKey = manufacturer.key('User1');
    expect(await answerOf(await manufacturer.call(secondKey, 'POST', '/events', { body: { '@context': CONTEXT, ...a.event }, headers: withKey('shared-key') }))).toEqual(first);
    await expectProblem(await manufacturer.call(secondKey, 'POST', '/events', { body: { '@context': CONTEXT, ...b.event }, headers: withKey('shared-key') }), 422, 'IDEMPOTENCY_KEY_REUSED', VALIDATION);
  });

  test("a capture job is its user's only: another user of the org finds no such job", async () => {
    const { event } = commissioning();
    const capture = await manufacturer.call(user1, 'POST', '/capture', { body: epcisDocument(event), headers: withKey('mine') });
    const location = capture.headers.get('location')!;
    await endedJob(manufacturer, user1, location);
    await expectProblem(await manufacturer.call(manufacturer.key('Admin'), 'GET', location), 404, 'NOT_FOUND', 'epcisException:NoSuchResourceException');
  });
});

describe('master data', () => {
  test('POST /products: a retry answers the first result without committing again; another product with the key is 422', async () => {
    const product = { gtin: GTIN, name: 'Rice cooker', category: 'appliances', origin: 'DE' };
    const first = await answerOf(await manufacturer.call(user1, 'POST', '/products', { body: product, headers: withKey('product-1') }));
    expect(first).toMatchObject({ status: 201, location: `/products/${GTIN}`, body: { gtin: GTIN, name: 'Rice cooker' } });
    const height = await chainHeight(network());
    const jobs = jobCount(manufacturer);
    // The same JSON, however it is spaced, is the same request.
    expect(await answerOf(await manufacturer.call(user1, 'POST', '/products', { body: JSON.stringify(product, null, 2), headers: withKey('product-1') }))).toEqual(first);
    await expectProblem(await manufacturer.call(user1, 'POST', '/products', { body: { ...product, name: 'Rice cooker 2' }, headers: withKey('product-1') }), 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(jobCount(manufacturer)).toBe(jobs);
    expect(await chainHeight(network())).toBe(height);
    expect(await jsonOf(await manufacturer.call(user1, 'GET', `/products/${GTIN}`))).toMatchObject({ name: 'Rice cooker' });
  });

  test('POST /enterprises: a retry answers the first result without committing again; concurrent retries make one job', async () => {
    const logistics = await startOrgGateway(network(), 'Logistics');
    try {
      const admin = logistics.key('Admin');
      const height = await chainHeight(network());
      const answers = await Promise.all(Array.from({ length: 4 }, () => logistics.call(admin, 'POST', '/enterprises', { body: registrationOf('Logistics'), headers: withKey('register') }).then(answerOf)));
      expect(answers[0]).toMatchObject({ status: 201, location: '/enterprises/LogisticsMSP', body: { mspId: 'LogisticsMSP', status: 'active' } });
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      expect(jobCount(logistics)).toBe(1);
      // One registration committed: one block more.
      expect(await chainHeight(network())).toBe(height + 1);
      expect(await answerOf(await logistics.call(admin, 'POST', '/enterprises', { body: registrationOf('Logistics'), headers: withKey('register') }))).toEqual(answers[0]);
      await expectProblem(await logistics.call(admin, 'POST', '/enterprises', { body: { ...registrationOf('Logistics'), name: 'Renamed' }, headers: withKey('register') }), 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(await chainHeight(network())).toBe(height + 1);
      expect(await jsonOf(await logistics.call(admin, 'GET', '/enterprises/LogisticsMSP'))).toMatchObject({ name: 'Logistics Co.' });
    } finally {
      await logistics.close();
    }
  });

  test('PUT /enterprises/{mspId}/status: a retry answers the first result without committing again', async () => {
    const regulator = alliance.gateway('Regulator');
    const key = alliance.key('Regulator');
    const first = await answerOf(await regulator.call(key, 'PUT', '/enterprises/PlatformMSP/status', { body: { status: 'suspended', reason: 'a test of the rules' }, headers: withKey('suspend') }));
    expect(first).toMatchObject({ status: 200, body: { mspId: 'PlatformMSP', status: 'suspended' } });
    const height = await chainHeight(network());
    // Reinstated since: a retry of the suspension must not suspend it again.
    expect((await regulator.call(key, 'PUT', '/enterprises/PlatformMSP/status', { body: { status: 'active', reason: 'a test of the rules' } })).status).toBe(200);
    expect(await answerOf(await regulator.call(key, 'PUT', '/enterprises/PlatformMSP/status', { body: { status: 'suspended', reason: 'a test of the rules' }, headers: withKey('suspend') }))).toEqual(first);
    expect(await chainHeight(network())).toBe(height + 1);
    expect(await jsonOf(await regulator.call(key, 'GET', '/enterprises/PlatformMSP'))).toMatchObject({ status: 'active' });
    // The key is the path's too: the same body for another enterprise is another request.
    await expectProblem(await regulator.call(key, 'PUT', '/enterprises/CustomsMSP/status', { body: { status: 'suspended', reason: 'a test of the rules' }, headers: withKey('suspend') }), 422, 'IDEMPOTENCY_KEY_REUSED');
  });
});

test('an Idempotency-Key that is not one is refused before anything is written', async () => {
  const { event, epc } = commissioning();
  const height = await chainHeight(network());
  for (const key of ['', 'a'.repeat(256), 'two words', '"quoted"twice"']) {
    await expectProblem(await manufacturer.call(user1, 'POST', '/events', { body: { '@context': CONTEXT, ...event }, headers: withKey(key) }), 400, 'BAD_IDEMPOTENCY_KEY', VALIDATION);
  }
  expect(await chainHeight(network())).toBe(height);
  expect(await ledgerIdsOf(network(), epc)).toEqual([]);
});

test('a request refused before any write binds no key: the corrected request with the same key is recorded', async () => {
  const { event, epc } = commissioning();
  const invalid = { '@context': CONTEXT, ...event, epcList: [`https://id.gs1.org/01/09506000134353/21/I${serial}`] };
  await expectProblem(await manufacturer.call(user1, 'POST', '/events', { body: invalid, headers: withKey('corrected') }), 400, 'INVALID_EVENT', VALIDATION);
  const corrected = await manufacturer.call(user1, 'POST', '/events', { body: { '@context': CONTEXT, ...event }, headers: withKey('corrected') });
  expect(corrected.status).toBe(201);
  expect(await ledgerIdsOf(network(), epc)).toEqual([(await jsonOf<{ eventID: string }>(corrected)).eventID]);
});
