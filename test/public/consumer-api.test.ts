// The consumer's read side, against gateways on a network: GET /public/items/{id} and a step's proof without a key
// (while the alliance's routes still ask for one), the GS1 Digital Link resolver (307 to the page, the RFC 9264
// linkset, link types, 400 for a malformed link, 404 for an item without a record, the description document), and
// the public read model: followed live on every gateway, and rebuilt by the read-model rebuild command to the same
// rows.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { canonicalJson, verifyInclusion, type InclusionProof, type PublishedRecord } from '@crossborder-trace/domain';
import { openDatabase, PublicReadModelStore } from '@crossborder-trace/gateway';
import { json } from '../alliance/alliance';
import { useTestNetwork } from '../support/suite';
import { tempDir } from '../support/temp-dirs';
import { eventually } from '../support/transactions';
import { gatewayOptionsFor, startOrgGateway, type OrgGateway } from '../gateway/gateways';
import { expectProblem } from '../gateway/rest';
import { buildScenario, BUYER, CLEAN, COMPLAINT_WORDS, GTIN, publicCaughtUp, publicContract, RECALLED, UNSOLD, type Scenario } from './consumer-scenario';

jest.setTimeout(300_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });
const MAIN = path.resolve(__dirname, '..', '..', 'gateway', 'dist', 'cli', 'main.js');

let scenario: Scenario;
let customs: OrgGateway;
let platform: OrgGateway;

function publicCheckpointOf(dataDir: string): bigint | undefined {
  const db = openDatabase(dataDir);
  try {
    return new PublicReadModelStore(db).checkpoint();
  } finally {
    db.close();
  }
}

function publicDumpOf(dataDir: string): Record<string, unknown[]> {
  const db = openDatabase(dataDir);
  try {
    return new PublicReadModelStore(db).dump();
  } finally {
    db.close();
  }
}

const get = (gateway: OrgGateway, route: string, headers: Record<string, string> = {}) => fetch(`${gateway.url}${route}`, { headers, redirect: 'manual', signal: AbortSignal.timeout(60_000) });
const itemRoute = (id: string) => `/public/items/${encodeURIComponent(id)}`;
const onLedger = async (epc: string) => json<PublishedRecord>(await publicContract(network(), 'Customs', 'record').evaluateTransaction('get', epc));

beforeAll(async () => {
  scenario = await buildScenario(network());
  // A customs gateway (no part in the sale) and the seller's: every gateway keeps the public channel.
  customs = await startOrgGateway(network(), 'Customs');
  platform = await startOrgGateway(network(), 'Platform');
  await publicCaughtUp(network(), customs, publicCheckpointOf);
  await publicCaughtUp(network(), platform, publicCheckpointOf);
});
afterAll(async () => {
  await customs?.close();
  await platform?.close();
});

describe('GET /public/items/{id}', () => {
  test('answers the published record, its version and transaction, and the complaints without the buyer’s words, to anyone', async () => {
    const response = await get(customs, itemRoute(CLEAN));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    const answer = JSON.parse(text) as Record<string, unknown> & PublishedRecord & { complaints: Record<string, unknown>[] };
    const ledger = await onLedger(CLEAN);
    expect(answer).toMatchObject({ item: CLEAN, version: 1, publishedAt: ledger.publishedAt, publishedBy: 'PlatformMSP', txId: ledger.txId });
    expect(canonicalJson(answer.record)).toBe(canonicalJson(ledger.record));
    expect(answer.complaints).toEqual([
      expect.objectContaining({ id: scenario.complaintId, eventId: scenario.inspected, step: 'inspecting', category: 'quality', status: 'answered', responsible: 'ManufacturerMSP', answer: expect.objectContaining({ text: 'The lot was tested again and passed.', by: 'ManufacturerMSP' }) }),
    ]);
    // The buyer's own words stay on the ledger, among its members; the buyer's reference never leaves the platform.
    expect(answer.complaints[0]).not.toHaveProperty('description');
    expect(text).not.toContain(COMPLAINT_WORDS);
    expect(text).not.toContain(BUYER);
  });

  test('takes any identifier form: an EPC URN, a Digital Link on another host, a GTIN-13, a lot beside the serial', async () => {
    const expected = await (await get(customs, itemRoute(CLEAN))).text();
    for (const form of ['urn:epc:id:sgtin:9506000.013435.CON1', 'https://shop.example/p/01/9506000134352/21/CON1', `https://id.gs1.org/01/${GTIN}/10/L7/21/CON1`]) {
      const response = await get(platform, itemRoute(form));
      expect({ form, status: response.status }).toEqual({ form, status: 200 });
      expect(await response.text()).toBe(expected);
    }
  });

  test('a recalled item shows version 2 with its recall and flag', async () => {
    const answer = (await (await get(customs, itemRoute(RECALLED))).json()) as PublishedRecord;
    expect(answer).toMatchObject({ version: 2, record: { flags: ['recalled'], recalls: [expect.objectContaining({ reason: 'smoke taint found in the lot', severity: 'class_ii' })] } });
  });

  test('an item without a public record is 404, a malformed identifier 400, both problem+json', async () => {
    await expectProblem(await get(customs, itemRoute(UNSOLD)), 404, 'NOT_PUBLISHED');
    await expectProblem(await get(customs, itemRoute(`https://id.gs1.org/01/09506000134353/21/CON1`)), 400, 'INVALID_IDENTIFIER');
    await expectProblem(await get(customs, itemRoute('not an identifier at all')), 404, /NOT_PUBLISHED|INVALID_IDENTIFIER/);
  });

  test('needs no key, while the alliance’s routes still do', async () => {
    expect((await get(customs, itemRoute(CLEAN))).status).toBe(200);
    await expectProblem(await get(customs, `/items/${encodeURIComponent(CLEAN)}/trace`), 401, /.+/);
    await expectProblem(await get(customs, '/me'), 401, /.+/);
  });
});

test('anonymous lookups are limited per address: past the limit 429 with the RateLimit headers', async () => {
  const limited = await startOrgGateway(network(), 'Manufacturer', undefined, { rateLimitPerMinute: 3 });
  try {
    for (let i = 0; i < 3; i++) expect((await get(limited, itemRoute(CLEAN))).status).not.toBe(429);
    const refused = await get(limited, `/01/${GTIN}/21/CON1`);
    expect(refused.headers.get('ratelimit-policy')).toMatch(/3/);
    await expectProblem(refused, 429, 'RATE_LIMITED');
    await expectProblem(await get(limited, itemRoute(CLEAN)), 429, 'RATE_LIMITED');
  } finally {
    await limited.close();
  }
});

describe('GET /public/items/{id}/steps/{index}/proof', () => {
  test('every step’s leaf is its canonical JSON and its proof verifies under the record’s Merkle root', async () => {
    const { record } = await onLedger(CLEAN);
    expect(record.steps.length).toBeGreaterThan(2);
    for (const [index, step] of record.steps.entries()) {
      const response = await get(customs, `${itemRoute(CLEAN)}/steps/${index}/proof`);
      expect(response.status).toBe(200);
      const { leaf, proof, merkleRoot } = (await response.json()) as { leaf: string; proof: InclusionProof; merkleRoot: string };
      expect(leaf).toBe(canonicalJson(step));
      expect(merkleRoot).toBe(record.merkleRoot);
      expect(proof).toMatchObject({ leafIndex: index, treeSize: record.steps.length });
      expect(verifyInclusion(new TextEncoder().encode(leaf), proof, record.merkleRoot)).toBe(true);
      // The proof is of this step: another step's bytes do not verify with it.
      const other = record.steps[(index + 1) % record.steps.length];
      expect(verifyInclusion(new TextEncoder().encode(canonicalJson(other)), proof, record.merkleRoot)).toBe(false);
    }
  });

  test('a step the record lacks is 404, an index that is no number 400', async () => {
    const { record } = await onLedger(CLEAN);
    await expectProblem(await get(customs, `${itemRoute(CLEAN)}/steps/${record.steps.length}/proof`), 404, 'NO_SUCH_STEP');
    await expectProblem(await get(customs, `${itemRoute(CLEAN)}/steps/-1/proof`), 400, 'INVALID_STEP');
    await expectProblem(await get(customs, `${itemRoute(CLEAN)}/steps/01/proof`), 400, 'INVALID_STEP');
    await expectProblem(await get(customs, `${itemRoute(UNSOLD)}/steps/0/proof`), 404, 'NOT_PUBLISHED');
  });
});

describe('the GS1 Digital Link resolver', () => {
  const page = `/consumer?item=${encodeURIComponent(CLEAN)}`;

  test('redirects (307) a product’s link to the consumer page, in every key-qualifier form, with the canonical link', async () => {
    for (const route of [`/01/${GTIN}/21/CON1`, '/01/9506000134352/21/CON1', `/01/${GTIN}/10/L7/21/CON1`, `/01/${GTIN}/22/V1/10/L7/21/CON1?17=270101`, `/gtin/${GTIN}/ser/CON1`]) {
      const response = await get(platform, route);
      expect({ route, status: response.status }).toEqual({ route, status: 307 });
      expect(new URL(response.headers.get('location')!, platform.url).pathname + new URL(response.headers.get('location')!, platform.url).search).toBe(page);
      expect(response.headers.get('link')).toMatch(/rel="linkset"/);
    }
  });

  test('answers the RFC 9264 linkset for linkType=linkset or Accept: application/linkset+json', async () => {
    for (const [route, headers] of [[`/01/${GTIN}/21/CON1?linkType=linkset`, {}], [`/01/${GTIN}/21/CON1`, { accept: 'application/linkset+json' }]] as const) {
      const response = await get(customs, route, headers);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/linkset\+json/);
      const { linkset } = (await response.json()) as { linkset: Record<string, unknown>[] };
      expect(linkset).toHaveLength(1);
      const links = linkset[0] as Record<string, { href: string; title: string; type: string }[]>;
      expect(links.anchor).toBe(CLEAN);
      const voc = 'https://gs1.org/voc/';
      expect(links[`${voc}pip`][0]).toMatchObject({ href: `${customs.url}${page}`, type: 'text/html' });
      expect(links[`${voc}defaultLink`][0].href).toBe(`${customs.url}${page}`);
      expect(links[`${voc}traceability`][0]).toMatchObject({ href: `${customs.url}${itemRoute(CLEAN)}`, type: 'application/json' });
      expect(links[`${voc}recallStatus`][0]).toMatchObject({ href: `${customs.url}${page}#recalls`, title: 'No recall' });
      expect(links[`${voc}verificationService`][0].href).toBe(`${customs.url}${page}#verification`);
      expect(links[`${voc}certificationInfo`].map((l) => l.title)).toEqual(['GB 2763-2021', 'ISO 22000']);
    }
    const recalled = (await (await get(customs, '/01/09506000134352/21/CON2?linkType=linkset')).json()) as { linkset: Record<string, { title: string }[]>[] };
    expect(recalled.linkset[0]['https://gs1.org/voc/recallStatus'][0].title).toMatch(/^Recalled: smoke taint/);
  });

  test('redirects to the link of the type asked for, and to the default link for a type it has no link of', async () => {
    const location = async (linkType: string) => (await get(customs, `/01/${GTIN}/21/CON1?linkType=${encodeURIComponent(linkType)}`)).headers.get('location');
    expect(await location('gs1:traceability')).toBe(`${customs.url}${itemRoute(CLEAN)}`);
    expect(await location('https://gs1.org/voc/traceability')).toBe(`${customs.url}${itemRoute(CLEAN)}`);
    expect(await location('gs1:recallStatus')).toBe(`${customs.url}${page}#recalls`);
    expect(await location('gs1:verificationService')).toBe(`${customs.url}${page}#verification`);
    expect(await location('gs1:epil')).toBe(`${customs.url}${page}`);
  });

  test('a malformed link is 400, an item without a public record 404, a path of no Digital Link no route', async () => {
    await expectProblem(await get(customs, '/01/09506000134353/21/CON1'), 400, 'INVALID_IDENTIFIER');
    await expectProblem(await get(customs, `/01/${GTIN}/99/CON1`), 400, 'INVALID_IDENTIFIER');
    await expectProblem(await get(customs, `/01/${GTIN}/21/${'X'.repeat(21)}`), 400, 'INVALID_IDENTIFIER');
    await expectProblem(await get(customs, `/01/${GTIN}/21/CON3`), 404, 'NOT_PUBLISHED');
    await expectProblem(await get(customs, `/01/${GTIN}`), 404, 'NOT_PUBLISHED');
    await expectProblem(await get(customs, '/00/340555550000000026'), 401, /.+/);
  });

  test('describes itself at /.well-known/gs1resolver', async () => {
    const response = await get(customs, '/.well-known/gs1resolver');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      name: 'crossborder-trace resolver of Customs',
      resolverRoot: customs.url,
      supportedPrimaryKeys: ['01'],
      supportedLinkType: [{ namespace: 'https://gs1.org/voc/', prefix: 'gs1:' }],
      linkTypeDefaultCanBeLinkset: false,
    });
  });

  test('the routes are in the OpenAPI document, without a key', async () => {
    const document = (await (await get(customs, '/openapi.json')).json()) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    for (const route of ['/public/items/{id}', '/public/items/{id}/steps/{index}/proof', '/01/{gtin}/21/{serial}', '/.well-known/gs1resolver', '/consumer']) {
      expect(document.paths[route]?.get?.security).toEqual([]);
    }
  });
});

describe('the public read model', () => {
  test('follows the channel live: a record published while the gateway runs is answered by it', async () => {
    // A complaint ruled on now reaches both gateways' models without a restart.
    await publicContract(network(), 'Regulator', 'complaint').submitTransaction('rule', scenario.complaintId, JSON.stringify({ decision: 'dismissed', reason: 'Retest passed.' }));
    for (const gateway of [customs, platform]) {
      const answer = await eventually(
        async () => (await (await get(gateway, itemRoute(CLEAN))).json()) as { complaints: { status: string; ruling?: { decision: string } }[] },
        (a) => a.complaints[0]?.status === 'dismissed',
      );
      expect(answer.complaints[0]).toMatchObject({ status: 'dismissed', ruling: { decision: 'dismissed', reason: 'Retest passed.', by: 'RegulatorMSP' } });
    }
  });

  test('rebuilt by npm run gateway -- read-model rebuild, it holds the same rows as the live one', async () => {
    const checkpoint = await publicCaughtUp(network(), customs, publicCheckpointOf);
    const dir = tempDir('public-read-model-');
    const dataDir = path.join(dir, 'store');
    const file = path.join(dir, 'Customs.json');
    writeFileSync(file, JSON.stringify(gatewayOptionsFor(network(), 'Customs', dataDir)));
    const { stdout } = await promisify(execFile)(process.execPath, [MAIN, 'read-model', 'rebuild', '--config', file], { timeout: 120_000 });
    expect(stdout).toMatch(new RegExp(`public read model: ${checkpoint + 1n} blocks`));
    // /metrics tells how far the live one is.
    expect(await (await customs.call(undefined, 'GET', '/metrics')).text()).toContain(`public_read_model_blocks{org="Customs"} ${checkpoint + 1n}`);
    const live = publicDumpOf(customs.options.dataDir);
    expect(live.pm_records).toHaveLength(2);
    expect(live.pm_complaints).toHaveLength(1);
    expect(publicDumpOf(dataDir)).toEqual(live);
  });
});
