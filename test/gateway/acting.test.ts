// Acting through REST: recalls (POST /recalls by the regulator or the brand owner, refused to others; GET
// /recalls/{id} with the sales of recalled items and their platforms), suspension with a reason, the audit trail
// (the regulator's gateway records each read of detail before it answers; GET /audit), and the CSV export of a
// lot's or a product's full trace.
import { useTestNetwork } from '../support/suite';
import { CONTEXT, expectProblem, jsonOf, startAlliance, type Alliance } from './rest';
import type { OrgName } from '../support/orgs';

jest.setTimeout(240_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

const INGREDIENT_GTIN = '09506000134369';
const PRODUCT_GTIN = '09506000134352';
const I1 = `https://id.gs1.org/01/${INGREDIENT_GTIN}/10/B7/21/I1`;
const I2 = `https://id.gs1.org/01/${INGREDIENT_GTIN}/10/B8/21/I2`;
const P1 = `https://id.gs1.org/01/${PRODUCT_GTIN}/21/P1`;
const P2 = `https://id.gs1.org/01/${PRODUCT_GTIN}/21/P2`;
const PALLET = 'https://id.gs1.org/00/340555550000000019';
const LOGISTICS_PARTY = 'https://id.gs1.org/417/4055555000018';
const PLATFORM_PARTY = 'https://id.gs1.org/417/6901234000016';
const SHOP = 'https://id.gs1.org/414/9506000134376';

let alliance: Alliance;
const ids: Record<string, string> = {};
let minute = 0;

async function record(name: string, org: OrgName, event: Record<string, unknown>): Promise<void> {
  minute += 1;
  const body = { '@context': CONTEXT, eventTime: `2026-05-01T08:${String(minute).padStart(2, '0')}:00.000Z`, eventTimeZoneOffset: '+00:00', ...event };
  const response = await alliance.gateway(org).call(alliance.key(org), 'POST', '/events', { body });
  if (response.status !== 201) throw new Error(`${name}: ${response.status} ${await response.text()}`);
  ids[name] = (await jsonOf<{ eventID: string }>(response)).eventID;
}

const observe = (epcList: string[], bizStep: string, extra: Record<string, unknown> = {}) => ({ type: 'ObjectEvent', action: 'OBSERVE', epcList, bizStep, ...extra });
const ship = (epcList: string[], party: string) => observe(epcList, 'shipping', { destinationList: [{ type: 'possessing_party', destination: party }] });
const call = (org: OrgName, method: string, route: string, body?: unknown) => alliance.gateway(org).call(alliance.key(org), method, route, body === undefined ? {} : { body });

beforeAll(async () => {
  alliance = await startAlliance(network());
  for (const [gtin, name] of [
    [INGREDIENT_GTIN, 'Flour, organic "type 550"'],
    [PRODUCT_GTIN, 'Infant formula 800 g'],
  ]) {
    const response = await call('Manufacturer', 'POST', '/products', { gtin, name, category: 'food', origin: 'DE' });
    if (response.status !== 201) throw new Error(`product ${gtin}: ${response.status} ${await response.text()}`);
  }
  await record('commissioned', 'Manufacturer', { type: 'ObjectEvent', action: 'ADD', epcList: [I1, I2], bizStep: 'commissioning', disposition: 'active' });
  await record('made1', 'Manufacturer', { type: 'TransformationEvent', inputEPCList: [I1], outputEPCList: [P1], bizStep: 'commissioning' });
  await record('made2', 'Manufacturer', { type: 'TransformationEvent', inputEPCList: [I2], outputEPCList: [P2], bizStep: 'commissioning' });
  await record('shipped', 'Manufacturer', ship([P1, P2], LOGISTICS_PARTY));
  await record('received', 'Logistics', observe([P1, P2], 'receiving'));
  await record('packed', 'Logistics', { type: 'AggregationEvent', action: 'ADD', parentID: PALLET, childEPCs: [P1, P2], bizStep: 'packing' });
  await record('palletShipped', 'Logistics', ship([PALLET], PLATFORM_PARTY));
  await record('palletReceived', 'Platform', observe([PALLET], 'receiving'));
  await record('unpacked', 'Platform', { type: 'AggregationEvent', action: 'DELETE', parentID: PALLET, childEPCs: [P1, P2], bizStep: 'unpacking' });
  await record('sold', 'Platform', observe([P1], 'retail_selling', { disposition: 'retail_sold', bizLocation: { id: SHOP } }));
});
afterAll(() => alliance?.close());

interface Recall {
  id: string;
  issuedBy: string;
  issuedAs: string;
  items: { epc: string }[];
  carriers: { epc: string; held: string[] }[];
  sales: { epc: string; platform: string; eventId: string }[];
  platforms: string[];
}

let recallId: string;

describe('POST /recalls', () => {
  test("the regulator recalls a lot: 201, Location, the scope forward through making and packing; GET /recalls/{id} lists the sale and its platform", async () => {
    const response = await call('Regulator', 'POST', '/recalls', { gtin: INGREDIENT_GTIN, lot: 'B7', reason: 'Salmonella in lot B7', severity: 'class_i' });
    expect(response.status).toBe(201);
    const recall = await jsonOf<Recall>(response);
    recallId = recall.id;
    expect(response.headers.get('location')).toBe(`/recalls/${recall.id}`);
    expect(recall).toMatchObject({ issuedBy: 'RegulatorMSP', issuedAs: 'regulator', items: [{ epc: I1 }, { epc: P1 }], carriers: [{ epc: PALLET, held: [P1] }] });
    const read = await call('Platform', 'GET', `/recalls/${recall.id}`);
    expect(read.status).toBe(200);
    expect(await jsonOf<Recall>(read)).toMatchObject({ sales: [{ epc: P1, platform: 'PlatformMSP', eventId: ids.sold }], platforms: ['PlatformMSP'] });
    const { recalls } = await jsonOf<{ recalls: { id: string; itemCount: number }[] }>(await call('Customs', 'GET', '/recalls'));
    expect(recalls).toEqual([expect.objectContaining({ id: recall.id, itemCount: 2 })]);
    // The recalled item's state says so.
    const trace = await jsonOf<{ state: { recalls: string[] } }>(await call('Customs', 'GET', `/items/${encodeURIComponent(P1)}/trace`));
    expect(trace.state.recalls).toEqual([recall.id]);
  });

  test('the brand owner recalls serials of its own GTIN; a preview records nothing', async () => {
    const preview = await call('Manufacturer', 'POST', '/recalls/preview', { gtin: PRODUCT_GTIN, reason: 'label', severity: 'class_iii' });
    expect(preview.status).toBe(200);
    expect((await jsonOf<Recall>(preview)).items.map((i) => i.epc)).toEqual([P1, P2]);
    const response = await call('Manufacturer', 'POST', '/recalls', { gtin: PRODUCT_GTIN, serials: ['P2'], reason: 'label misprint', severity: 'class_iii' });
    expect(response.status).toBe(201);
    expect(await jsonOf<Recall>(response)).toMatchObject({ issuedBy: 'ManufacturerMSP', issuedAs: 'brandOwner', regulator: 'RegulatorMSP', items: [{ epc: P2 }] });
    expect((await jsonOf<{ recalls: unknown[] }>(await call('Regulator', 'GET', '/recalls'))).recalls).toHaveLength(2);
  });

  test("others are refused with the chaincode's code; a bad body never reaches the ledger", async () => {
    for (const org of ['Platform', 'Logistics', 'Customs'] as const) {
      await expectProblem(await call(org, 'POST', '/recalls', { gtin: INGREDIENT_GTIN, reason: 'x', severity: 'class_i' }), 403, 'RECALL_NOT_AUTHORISED');
    }
    await expectProblem(await call('Regulator', 'POST', '/recalls', { gtin: INGREDIENT_GTIN, reason: 'x', severity: 'class_iv' }), 400, 'INVALID_BODY');
    await expectProblem(await call('Regulator', 'POST', '/recalls', { gtin: INGREDIENT_GTIN, lot: 'B7', serials: ['I1'], reason: 'x', severity: 'class_i' }), 400, 'INVALID_BODY');
    await expectProblem(await call('Regulator', 'GET', '/recalls/nope'), 404, 'NOT_FOUND');
    expect((await jsonOf<{ recalls: unknown[] }>(await call('Regulator', 'GET', '/recalls'))).recalls).toHaveLength(2);
  });
});

describe('PUT /enterprises/{mspId}/status with a reason', () => {
  test("the reason is in the firm's status and its history", async () => {
    const suspended = await call('Regulator', 'PUT', '/enterprises/LogisticsMSP/status', { status: 'suspended', reason: 'cold chain records missing' });
    expect(suspended.status).toBe(200);
    expect(await jsonOf(suspended)).toMatchObject({ mspId: 'LogisticsMSP', status: 'suspended', statusReason: 'cold chain records missing' });
    // The suspended firm's captures are refused, and it sees why.
    await expectProblem(await call('Logistics', 'POST', '/events', { '@context': CONTEXT, ...observe([PALLET], 'transporting'), eventTime: '2026-05-01T09:00:00Z', eventTimeZoneOffset: '+00:00' }), 403, 'ENTERPRISE_SUSPENDED', /SecurityException/);
    expect(await jsonOf(await call('Logistics', 'GET', '/enterprises/LogisticsMSP'))).toMatchObject({ status: 'suspended', statusReason: 'cold chain records missing' });
    expect((await call('Regulator', 'PUT', '/enterprises/LogisticsMSP/status', { status: 'active', reason: 'records supplied' })).status).toBe(200);
    const { history } = await jsonOf<{ history: { value: { status: string; statusReason?: string } }[] }>(await call('Platform', 'GET', '/enterprises/LogisticsMSP/history'));
    expect(history.map((v) => [v.value.status, v.value.statusReason])).toEqual([
      ['active', undefined],
      ['suspended', 'cold chain records missing'],
      ['active', 'records supplied'],
    ]);
  });

  test('no reason is 400; another org is 403', async () => {
    await expectProblem(await call('Regulator', 'PUT', '/enterprises/LogisticsMSP/status', { status: 'suspended' }), 400, 'INVALID_BODY');
    await expectProblem(await call('Regulator', 'PUT', '/enterprises/LogisticsMSP/status', { status: 'suspended', reason: '  ' }), 400, 'INVALID_BODY');
    await expectProblem(await call('Manufacturer', 'PUT', '/enterprises/LogisticsMSP/status', { status: 'suspended', reason: 'rival' }), 403, 'ROLE_NOT_AUTHORISED');
    await expectProblem(await call('Platform', 'GET', '/enterprises/NobodyMSP/history'), 404, 'NOT_FOUND');
  });
});

describe('the audit trail', () => {
  test("the regulator's gateway records each read of detail before it answers; each firm reads what concerns it", async () => {
    const before = (await jsonOf<{ entries: unknown[] }>(await call('Regulator', 'GET', '/audit?perPage=100'))).entries.length;
    const detail = await call('Regulator', 'GET', `/events/${encodeURIComponent(ids.sold)}/detail?purpose=recall%20follow-up`);
    expect(detail.status).toBe(200);
    expect(await jsonOf(detail)).toMatchObject({ id: ids.sold, recordedBy: 'PlatformMSP' });
    // A second read is a second record.
    expect((await call('Regulator', 'GET', `/events/${encodeURIComponent(ids.sold)}/detail`)).status).toBe(200);
    // The platform reads its own event's detail: not the regulator's read, not recorded.
    expect((await call('Platform', 'GET', `/events/${encodeURIComponent(ids.sold)}/detail`)).status).toBe(200);

    const { entries } = await jsonOf<{ entries: { action: string; actor: string; subject: string; concerns: string[]; detail?: Record<string, unknown> }[] }>(await call('Regulator', 'GET', '/audit?perPage=100'));
    expect(entries).toHaveLength(before + 2);
    expect(entries.slice(-2)).toEqual([
      expect.objectContaining({ action: 'detail_read', actor: 'RegulatorMSP', subject: ids.sold, concerns: ['PlatformMSP'], detail: { level: 'platformTransaction', purpose: 'recall follow-up' } }),
      expect.objectContaining({ action: 'detail_read', subject: ids.sold, detail: { level: 'platformTransaction' } }),
    ]);
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['recall', 'enterprise_status']));

    const platform = await jsonOf<{ entries: { action: string }[] }>(await call('Platform', 'GET', '/audit'));
    expect(platform.entries.map((e) => e.action)).toEqual(['detail_read', 'detail_read']);
    const logistics = await jsonOf<{ entries: { action: string; subject: string }[] }>(await call('Logistics', 'GET', '/audit'));
    expect(logistics.entries.map((e) => `${e.action}:${e.subject}`)).toEqual(['enterprise_status:LogisticsMSP', 'enterprise_status:LogisticsMSP']);
    await expectProblem(await call('Platform', 'GET', '/audit?concerning=ManufacturerMSP'), 403, 'ROLE_NOT_AUTHORISED');
    await expectProblem(await call('Regulator', 'GET', '/audit?since=yesterday'), 400, 'QUERY_PARAMETER');
    // Paged: Link rel="next" until the end.
    const first = await call('Regulator', 'GET', '/audit?perPage=1');
    expect(first.headers.get('link')).toMatch(/^<\/audit\?perPage=1&nextPageToken=[A-Za-z0-9_-]+>; rel="next"$/);
  });

  test('a detail the regulator may not get recorded is not answered', async () => {
    await expectProblem(await call('Regulator', 'GET', `/events/${encodeURIComponent('urn:crossborder-trace:event:' + '0'.repeat(64))}/detail`), 404, 'NOT_FOUND', /NoSuchResourceException/);
  });
});

describe('GET /exports/trace.csv', () => {
  /** RFC 4180 records: fields split on commas outside quotes, quoted fields unquoted; lines end in CRLF. */
  function parseCsv(text: string): string[][] {
    expect(text.endsWith('\r\n')).toBe(true);
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted && c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (quoted && c === '"') {
        quoted = false;
      } else if (quoted) {
        field += c;
      } else if (c === '"') {
        quoted = true;
      } else if (c === ',') {
        row.push(field);
        field = '';
      } else if (c === '\r' && text[i + 1] === '\n') {
        row.push(field);
        rows.push(row);
        row = [];
        field = '';
        i++;
      } else {
        field += c;
      }
    }
    return rows;
  }

  test("a lot's full trace: a header row, one row per event per item, the KDE columns, sorted", async () => {
    const response = await call('Customs', 'GET', `/exports/trace.csv?gtin=${INGREDIENT_GTIN}&lot=B7`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="trace-${INGREDIENT_GTIN}-B7.csv"`);
    expect(response.headers.get('x-trace-export-truncated')).toBe('false');
    const [header, ...rows] = parseCsv(await response.text());
    expect(header).toEqual(expect.arrayContaining(['item', 'gtin', 'lot', 'serial', 'product_name', 'event_id', 'event_time_utc', 'biz_step', 'disposition', 'biz_location', 'recorded_by', 'via']));
    const at = (row: string[], column: string) => row[header.indexOf(column)];
    expect(rows.every((row) => row.length === header.length)).toBe(true);
    // I1's trace runs through what was made from it (P1), the pallet it travelled on (and what shared it), and the
    // sale, in time order.
    expect(rows.map((row) => at(row, 'event_id'))).toEqual(['commissioned', 'made1', 'made2', 'shipped', 'received', 'packed', 'palletShipped', 'palletReceived', 'unpacked', 'sold'].map((n) => ids[n]));
    expect(new Set(rows.map((row) => at(row, 'item')))).toEqual(new Set([I1]));
    expect([at(rows[0], 'gtin'), at(rows[0], 'lot'), at(rows[0], 'serial'), at(rows[0], 'product_name')]).toEqual([INGREDIENT_GTIN, 'B7', 'I1', 'Flour, organic "type 550"']);
    expect(at(rows[0], 'item_recalls')).toBe(recallId);
    const sold = rows.at(-1)!;
    expect([at(sold, 'biz_step'), at(sold, 'disposition'), at(sold, 'biz_location'), at(sold, 'recorded_by'), at(sold, 'recorder_name'), at(sold, 'via')]).toEqual([
      'retail_selling',
      'retail_sold',
      SHOP,
      'PlatformMSP',
      'Platform Co.',
      P1,
    ]);
    expect(at(rows.find((row) => at(row, 'event_id') === ids.palletShipped)!, 'via')).toBe(PALLET);
  });

  test("a product's trace: every item of the GTIN; by serial, the serial's", async () => {
    const product = parseCsv(await (await call('Platform', 'GET', `/exports/trace.csv?gtin=${PRODUCT_GTIN}`)).text());
    const itemColumn = product[0].indexOf('item');
    expect([...new Set(product.slice(1).map((row) => row[itemColumn]))]).toEqual([P1, P2]);
    const serial = parseCsv(await (await call('Platform', 'GET', `/exports/trace.csv?gtin=${PRODUCT_GTIN}&serial=P2`)).text());
    expect([...new Set(serial.slice(1).map((row) => row[itemColumn]))]).toEqual([P2]);
    const none = await call('Platform', 'GET', `/exports/trace.csv?gtin=${PRODUCT_GTIN}&lot=NOPE`);
    expect(none.status).toBe(200);
    expect(parseCsv(await none.text())).toHaveLength(1);
  });

  test('bad parameters are 400', async () => {
    await expectProblem(await call('Platform', 'GET', '/exports/trace.csv'), 400, 'QUERY_PARAMETER');
    await expectProblem(await call('Platform', 'GET', `/exports/trace.csv?gtin=${PRODUCT_GTIN}&lot=A&serial=B`), 400, 'QUERY_PARAMETER');
    await expectProblem(await call('Platform', 'GET', `/exports/trace.csv?gtin=${PRODUCT_GTIN}&format=xlsx`), 400, 'QUERY_PARAMETER');
    await expectProblem(await call('Platform', 'GET', '/exports/trace.csv?gtin=09506000134353'), 400, 'INVALID_QUERY');
  });
});

test('the OpenAPI document describes the routes', async () => {
  const { paths } = await jsonOf<{ paths: Record<string, Record<string, unknown>> }>(await alliance.gateway('Regulator').call(undefined, 'GET', '/openapi.json'));
  for (const [route, method] of [
    ['/recalls', 'post'],
    ['/recalls', 'get'],
    ['/recalls/preview', 'post'],
    ['/recalls/{id}', 'get'],
    ['/audit', 'get'],
    ['/exports/trace.csv', 'get'],
    ['/enterprises/{mspId}/history', 'get'],
  ]) {
    expect(paths[route]?.[method]).toBeDefined();
  }
});
