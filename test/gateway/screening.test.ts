// The platform's screening module over HTTP on a devnet: a sale through POST /sales publishes one screened record
// on the public channel, with nothing of the consumer or the buyer reference there; a gateway closed right after a
// sale publishes it once when started again; a recall republishes, and so does an error declared against a step of a
// published record; an item whose publish keeps failing is failed in GET /screening until retried; a consumer's
// purchases are found by the buyer reference, and no one else's.
import { useTestNetwork } from '../support/suite';
import type { OrgGateway } from './gateways';
import { blocksOf, eventually, GTIN, item, journeyToPlatform, publishedRecord, registerPlatform, screeningOf, sell, startPlatform } from './public-channel';
import { expectProblem, jsonOf, startAlliance, type Alliance } from './rest';
import { settled } from './read-model';

jest.setTimeout(300_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

const [S1, S2, S3] = ['SCR1', 'SCR2', 'SCR3'].map(item);
const ALICE = 'alice.wang@shop.example';
const BOB = 'bob.li@shop.example';

let alliance: Alliance;
let platform: OrgGateway;
let key: string;
let ids: Record<string, string>;
const sent: Record<string, Record<string, unknown>> = {};
const sold: Record<string, string> = {};

const done = (epc: string) => eventually(`${epc} done`, async () => {
  const row = await screeningOf(platform, key, epc);
  return row?.state === 'done' ? row : undefined;
});

async function sale(epc: string, consumer: string): Promise<string> {
  const response = await sell(network(), platform, key, { item: epc, consumer });
  const body = await jsonOf<{ eventID: string; item: string }>(response);
  expect({ status: response.status, item: body.item }).toEqual({ status: 201, item: epc });
  expect(response.headers.get('location')).toBe(`/events/${encodeURIComponent(body.eventID)}`);
  return body.eventID;
}

beforeAll(async () => {
  alliance = await startAlliance(network(), ['Manufacturer', 'Logistics', 'Customs', 'Regulator']);
  platform = await startPlatform(network());
  key = await registerPlatform(platform);
  ids = await journeyToPlatform(network(), alliance, { gateway: platform, key }, [S1, S2, S3], sent);
});

afterAll(async () => {
  await platform?.close();
  await alliance?.close();
});

describe('a sale through POST /sales', () => {
  test('publishes exactly one screened record, version 1, naming neither the consumer nor the buyer reference', async () => {
    sold[S1] = await sale(S1, ALICE);
    expect(await done(S1)).toMatchObject({ item: S1, reason: 'sale', attempts: 1, version: 1 });
    const published = await publishedRecord(network(), S1);
    expect(published).toMatchObject({ version: 1, publishedBy: 'PlatformMSP', record: { epc: S1, sale: { eventId: sold[S1], seller: 'PlatformMSP' }, flags: [] } });
    expect(published!.record.steps.map((s) => s.eventId)).toEqual([ids.commissioned, ids.inspected, ids.shipped, ids.carried, ids.forwarded, ids.received, sold[S1]]);
    // The reference is in the sale's private detail, which the platform may read; it is on no block of either
    // channel (the alliance's blocks hold only the detail's hash), and the consumer's account id is nowhere.
    const detail = await jsonOf<{ event: Record<string, unknown> }>(await platform.call(key, 'GET', `/events/${encodeURIComponent(sold[S1])}/detail`));
    const reference = Object.entries(detail.event).find(([name]) => name.endsWith('buyerReference'))?.[1] as string;
    expect(reference).toMatch(/^[0-9a-f]{64}$/);
    for (const channel of ['public', 'alliance']) {
      for (const block of await blocksOf(network(), channel)) {
        expect(block.includes(ALICE)).toBe(false);
        expect(block.includes(reference)).toBe(false);
      }
    }
  });

  test('another org may not sell, and its own screening module has nothing of the platform\'s sales', async () => {
    const customs = alliance.gateway('Customs');
    await expectProblem(await customs.call(alliance.key('Customs'), 'POST', '/sales', { body: { item: S2, consumer: ALICE } }), 403, /NOT_AUTHORISED|NOT_CUSTODIAN/);
    expect(await screeningOf(customs, alliance.key('Customs'), S1)).toBeUndefined();
    await expectProblem(await customs.call(alliance.key('Customs'), 'POST', `/screening/${encodeURIComponent(S1)}/retry`), 404, 'NOT_FOUND');
    await expectProblem(await platform.call(key, 'POST', '/sales', { body: { item: 'not an item', consumer: ALICE } }), 400, /^INVALID_(ITEM|EVENT)$/);
    await expectProblem(await platform.call(key, 'POST', '/sales', { body: { item: S2 } }), 400, 'INVALID_BODY');
  });

  test("a consumer's purchases are found by the buyer reference; another consumer, or another org's gateway, finds none", async () => {
    const purchases = async (gateway: OrgGateway, k: string, consumer: string) => (await jsonOf<{ purchases: unknown[] }>(await gateway.call(k, 'GET', `/purchases?consumer=${encodeURIComponent(consumer)}`))).purchases;
    expect(await purchases(platform, key, ALICE)).toEqual([{ item: S1, eventId: sold[S1], soldAt: expect.any(String), publishedVersion: 1 }]);
    expect(await purchases(platform, key, BOB)).toEqual([]);
    expect(await purchases(alliance.gateway('Customs'), alliance.key('Customs'), ALICE)).toEqual([]);
    await expectProblem(await platform.call(key, 'GET', '/purchases'), 400, 'QUERY_PARAMETER');
  });
});

describe('restarts, recalls and failures', () => {
  test('closed right after a sale and started again, the platform gateway publishes the record once', async () => {
    sold[S2] = await sale(S2, BOB);
    await platform.close();
    platform = await startPlatform(network(), platform.options.dataDir);
    const row = await done(S2);
    // Published by the first process or by the second; an attempt whose commit the first never saw ends as
    // ALREADY_PUBLISHED and counts as done: never a second version, never an error left behind.
    expect(row).toMatchObject({ version: 1 });
    expect(row.attempts as number).toBeLessThanOrEqual(2);
    expect(row.lastError).toBeUndefined();
    expect(await publishedRecord(network(), S2)).toMatchObject({ version: 1, record: { sale: { eventId: sold[S2] } } });
    // The first sale, done before the restart, was not taken up again from an earlier block.
    expect(await screeningOf(platform, key, S1)).toMatchObject({ state: 'done', attempts: 1, version: 1 });
  });

  test('a recall reaching a sold item publishes its record again: version 2, flagged recalled', async () => {
    const recall = await alliance.gateway('Regulator').call(alliance.key('Regulator'), 'POST', '/recalls', { body: { gtin: GTIN, serials: ['SCR1'], reason: 'pesticide residue above the limit', severity: 'class_ii' } });
    expect(recall.status).toBe(201);
    await settled(network(), 'Regulator');
    const updated = await eventually('version 2 of S1', async () => {
      const published = await publishedRecord(network(), S1);
      return published && published.version >= 2 ? published : undefined;
    });
    expect(updated).toMatchObject({ version: 2, record: { flags: ['recalled'] } });
    expect(await done(S1)).toMatchObject({ reason: 'recall', version: 2 });
    expect((await publishedRecord(network(), S2))!.version).toBe(1);
  });

  test('an item whose record cannot be published is failed, reported, and published once retried', async () => {
    // The same platform, its public channel pointed at a chaincode that is not there: every publish fails.
    await platform.close();
    const dataDir = platform.options.dataDir;
    platform = await startPlatform(network(), dataDir, (o) => ({ ...o, public: { ...o.public, chaincode: 'no-such-chaincode' }, screening: { maxAttempts: 2 } }));
    sold[S3] = await sale(S3, ALICE);
    const failed = await eventually('S3 failed', async () => {
      const row = await screeningOf(platform, key, S3);
      return row?.state === 'failed' ? row : undefined;
    });
    expect(failed).toMatchObject({ reason: 'sale', attempts: 2, lastError: expect.any(String) });
    const listed = await jsonOf<{ counts: Record<string, number>; items: { item: string }[] }>(await platform.call(key, 'GET', '/screening'));
    expect(listed.items.map((i) => i.item)).toEqual([S3]);
    expect(listed.counts).toMatchObject({ failed: 1, pending: 0 });
    const metrics = await (await platform.call(undefined, 'GET', '/metrics')).text();
    expect(metrics).toMatch(/^screening_failures_total\{[^}]*\} 1$/m);
    expect(metrics).toMatch(/^screening_items\{(?=[^}]*state="failed")[^}]*\} 1$/m);
    expect(await publishedRecord(network(), S3)).toBeUndefined();

    // Put right, and retried by hand: published once.
    await platform.close();
    platform = await startPlatform(network(), dataDir);
    await expectProblem(await platform.call(key, 'POST', `/screening/${encodeURIComponent(S1)}/retry`), 409, 'NOT_FAILED');
    const retried = await platform.call(key, 'POST', `/screening/${encodeURIComponent(S3)}/retry`);
    expect(retried.status).toBe(202);
    expect(await jsonOf(retried)).toMatchObject({ item: S3, state: 'pending', attempts: 0 });
    expect(await done(S3)).toMatchObject({ version: 1 });
    expect(await publishedRecord(network(), S3)).toMatchObject({ version: 1, record: { sale: { eventId: sold[S3] } } });
    const purchases = await jsonOf<{ purchases: { item: string; publishedVersion: number | null }[] }>(await platform.call(key, 'GET', `/purchases?consumer=${encodeURIComponent(ALICE)}`));
    expect(purchases.purchases.map((p) => [p.item, p.publishedVersion])).toEqual([
      [S1, 2],
      [S3, 1],
    ]);
  });

  test('an error declared against a step of published records publishes each again without that step', async () => {
    const before = await Promise.all([S1, S2, S3].map(async (epc) => (await publishedRecord(network(), epc))!));
    for (const published of before) expect(published.record.steps.map((s) => s.eventId)).toContain(ids.inspected);
    // The manufacturer sends its inspection again with an error declaration (EPCIS 2.0): the event stays, declared erroneous.
    const declared = { ...sent.inspected, errorDeclaration: { declarationTime: new Date().toISOString(), reason: 'incorrect_data' } };
    const response = await alliance.gateway('Manufacturer').call(alliance.key('Manufacturer'), 'POST', '/events', { body: declared });
    expect(response.status).toBe(201);
    expect((await jsonOf<{ eventID: string }>(response)).eventID).toBe(ids.inspected);
    await settled(network(), 'Manufacturer');
    for (const [i, epc] of [S1, S2, S3].entries()) {
      const next = before[i].version + 1;
      const updated = await eventually(`version ${next} of ${epc}`, async () => {
        const published = await publishedRecord(network(), epc);
        return published && published.version >= next ? published : undefined;
      });
      expect(updated.version).toBe(next);
      expect(updated.record.steps.map((s) => s.eventId)).toEqual(before[i].record.steps.map((s) => s.eventId).filter((id) => id !== ids.inspected));
      expect(await done(epc)).toMatchObject({ reason: 'error-declaration', version: next });
    }
  });
});
