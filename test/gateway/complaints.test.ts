// Complaints over HTTP on a devnet: the platform files for the consumer who bought the item (the buyer reference,
// computed by its gateway, is the proof of purchase), not for one who did not; the enterprise responsible for the
// step answers, no other org; the regulator rules, not a firm whose own CA calls a user regulator; any gateway reads
// it. Nothing of the consumer reaches the public channel.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { useTestNetwork } from '../support/suite';
import { startGateway } from '@crossborder-trace/gateway';
import pino from 'pino';
import { gatewayOptionsFor, orgGateway, type OrgGateway } from './gateways';
import { blocksOf, eventually, item, journeyToPlatform, registerPlatform, screeningOf, sell, startPlatform } from './public-channel';
import { expectProblem, jsonOf, startAlliance, type Alliance } from './rest';
import { settled } from './read-model';
import type { OrgName } from '../support/orgs';
import { tempDir } from '../support/temp-dirs';

jest.setTimeout(300_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

const C1 = item('CMP1');
const ALICE = 'alice.wang@shop.example';
const BOB = 'bob.li@shop.example';

let alliance: Alliance;
let platform: OrgGateway;
let key: string;
let ids: Record<string, string>;

const gatewayOf = (org: OrgName) => (org === 'Platform' ? { gateway: platform, key } : { gateway: alliance.gateway(org), key: alliance.key(org) });
async function call(org: OrgName, method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const { gateway, key: k } = gatewayOf(org);
  const response = await gateway.call(k, method, route, { ...(body !== undefined && { body }), headers });
  if (method === 'POST' && response.status < 300) await settled(network(), org);
  return response;
}
const filing = (consumer: string, extra: Record<string, unknown> = {}) => ({ item: C1, eventId: ids.inspected, category: 'quality', description: 'The tea tastes of pesticide.', consumer, ...extra });

beforeAll(async () => {
  alliance = await startAlliance(network(), ['Manufacturer', 'Logistics', 'Customs', 'Regulator']);
  platform = await startPlatform(network());
  key = await registerPlatform(platform);
  ids = await journeyToPlatform(network(), alliance, { gateway: platform, key }, [C1]);
  const sold = await sell(network(), platform, key, { item: C1, consumer: ALICE });
  expect(sold.status).toBe(201);
  await eventually('C1 published', async () => ((await screeningOf(platform, key, C1))?.state === 'done' ? true : undefined));
});

afterAll(async () => {
  await platform?.close();
  await alliance?.close();
});

describe('complaints', () => {
  let id: string;

  test('the platform files one for the consumer who bought the item: 201, addressed to the enterprise responsible and the regulator', async () => {
    const response = await call('Platform', 'POST', '/complaints', filing(ALICE), { 'Idempotency-Key': 'complaint-alice-1' });
    const text = await response.text();
    expect(response.status).toBe(201);
    const complaint = JSON.parse(text) as Record<string, unknown>;
    expect(complaint).toMatchObject({ epc: C1, eventId: ids.inspected, step: 'inspecting', responsible: 'ManufacturerMSP', regulator: 'RegulatorMSP', filedBy: 'PlatformMSP', status: 'open' });
    id = complaint.id as string;
    expect(response.headers.get('location')).toBe(`/complaints/${encodeURIComponent(id)}`);
    expect(text).not.toContain(ALICE);
    // The same request again with its key is the same complaint, not a second one.
    const again = await call('Platform', 'POST', '/complaints', filing(ALICE), { 'Idempotency-Key': 'complaint-alice-1' });
    expect((await jsonOf(again)).id).toBe(id);
    await expectProblem(await call('Platform', 'POST', '/complaints', filing(BOB), { 'Idempotency-Key': 'complaint-alice-1' }), 422, 'IDEMPOTENCY_KEY_REUSED');
    const listed = await jsonOf<{ complaints: { id: string }[] }>(await call('Customs', 'GET', `/complaints?item=${encodeURIComponent(C1)}`));
    expect(listed.complaints.map((c) => c.id)).toEqual([id]);
    for (const block of await blocksOf(network(), 'public')) expect(block.includes(ALICE)).toBe(false);
  });

  test('a consumer who did not buy it, another firm, a step not on the record, a bad body: refused', async () => {
    await expectProblem(await call('Platform', 'POST', '/complaints', filing(BOB)), 403, 'PURCHASE_NOT_PROVEN');
    // Another firm's gateway makes its own reference for the same account id; it did not sell the item either.
    await expectProblem(await call('Logistics', 'POST', '/complaints', filing(ALICE)), 403, 'COMPLAINT_NOT_AUTHORISED');
    await expectProblem(await call('Platform', 'POST', '/complaints', filing(ALICE, { eventId: 'urn:crossborder-trace:event:nothing' })), 400, 'INVALID_COMPLAINT');
    await expectProblem(await call('Platform', 'POST', '/complaints', filing(ALICE, { category: 'price' })), 400, 'INVALID_BODY');
    await expectProblem(await call('Platform', 'POST', '/complaints', filing(ALICE, { epc: C1 })), 400, 'INVALID_BODY');
    await expectProblem(await call('Platform', 'POST', '/complaints', filing(ALICE, { item: item('NEVER') })), 404, 'NOT_FOUND');
  });

  test('the enterprise responsible answers it, no other org', async () => {
    const answer = { text: 'Lot tested again; see the recall.' };
    await expectProblem(await call('Logistics', 'POST', `/complaints/${encodeURIComponent(id)}/answer`, answer), 403, 'COMPLAINT_NOT_AUTHORISED');
    await expectProblem(await call('Platform', 'POST', `/complaints/${encodeURIComponent(id)}/answer`, answer), 403, 'COMPLAINT_NOT_AUTHORISED');
    const answered = await call('Manufacturer', 'POST', `/complaints/${encodeURIComponent(id)}/answer`, answer);
    expect(answered.status).toBe(200);
    expect(await jsonOf(answered)).toMatchObject({ status: 'answered', answer: { text: answer.text, by: 'ManufacturerMSP' } });
  });

  test("the regulator rules on it; a firm may not, nor a user its own CA made 'regulator'", async () => {
    const ruling = { decision: 'upheld', reason: 'Residue confirmed by the lab.' };
    await expectProblem(await call('Manufacturer', 'POST', `/complaints/${encodeURIComponent(id)}/ruling`, ruling), 403, 'COMPLAINT_NOT_AUTHORISED');
    // A gateway of the manufacturer holding a certificate its own CA issued with role=regulator.
    const selfMade = await network().issueUser('Manufacturer', 'SelfMadeRegulator', { role: 'regulator' });
    const folder = tempDir('self-made-');
    writeFileSync(path.join(folder, 'cert.pem'), selfMade.certificatePem);
    writeFileSync(path.join(folder, 'key.pem'), selfMade.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const base = gatewayOptionsFor(network(), 'Manufacturer', folder);
    const options = { ...base, users: [...base.users, { name: 'SelfMadeRegulator', certPath: path.join(folder, 'cert.pem'), keyPath: path.join(folder, 'key.pem') }] };
    const running = await startGateway(options, { log: pino({ level: process.env.GATEWAY_LOG ?? 'silent' }) });
    const withSelfMade = orgGateway('Manufacturer', running.url, options, () => running.close());
    try {
      const refused = await withSelfMade.call(withSelfMade.key('SelfMadeRegulator'), 'POST', `/complaints/${encodeURIComponent(id)}/ruling`, { body: ruling });
      await expectProblem(refused, 403, 'ROLE_NOT_GRANTED');
    } finally {
      await withSelfMade.close();
    }
    const ruled = await call('Regulator', 'POST', `/complaints/${encodeURIComponent(id)}/ruling`, ruling);
    expect(ruled.status).toBe(200);
    expect(await jsonOf(ruled)).toMatchObject({ status: 'upheld', ruling: { decision: 'upheld', reason: ruling.reason, by: 'RegulatorMSP' } });
    await expectProblem(await call('Manufacturer', 'POST', `/complaints/${encodeURIComponent(id)}/answer`, { text: 'Too late.' }), 403, 'COMPLAINT_NOT_AUTHORISED');
  });

  test('every gateway shows it as it stands; an unknown id is 404', async () => {
    for (const org of ['Platform', 'Customs', 'Regulator'] as const) {
      expect(await jsonOf(await call(org, 'GET', `/complaints/${encodeURIComponent(id)}`))).toMatchObject({ id, status: 'upheld', answer: { by: 'ManufacturerMSP' }, ruling: { by: 'RegulatorMSP' } });
    }
    await expectProblem(await call('Customs', 'GET', '/complaints/no-such-complaint'), 404, 'NOT_FOUND');
    await expectProblem(await call('Customs', 'GET', '/complaints'), 400, 'QUERY_PARAMETER');
  });
});

test('the OpenAPI document describes sales, purchases, complaints and the screening queue with their request schemas', async () => {
  const document = await jsonOf<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }>(
    await platform.call(undefined, 'GET', '/openapi.json'),
  );
  const bodies = { '/sales': 'Sale', '/complaints': 'ComplaintFiling', '/complaints/{id}/answer': 'ComplaintAnswer', '/complaints/{id}/ruling': 'ComplaintRuling' };
  for (const [route, schema] of Object.entries(bodies)) expect(document.paths[route].post.requestBody!.content['application/json'].schema).toEqual({ $ref: `#/components/schemas/${schema}` });
  for (const [route, method] of [['/purchases', 'get'], ['/complaints', 'get'], ['/complaints/{id}', 'get'], ['/screening', 'get'], ['/screening/{item}', 'get'], ['/screening/{item}/retry', 'post']]) expect(document.paths[route]?.[method]).toBeDefined();
  expect(Object.keys(document.components.schemas.ComplaintFiling.properties!).sort()).toEqual(['category', 'consumer', 'description', 'eventId', 'item']);
  expect(Object.keys(document.components.schemas.Sale.properties!).sort()).toEqual(['bizLocation', 'consumer', 'eventTime', 'item', 'readPoint']);
});
