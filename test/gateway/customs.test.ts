// The three-document check over REST: each party records its document at its own gateway, customs checks and
// clears at its own; each member's GET shows what it may see; refusals are problems with the chaincode's codes; a
// mismatch reaches the regulator's desk as an alert naming the declaring platform.
import { accepting, matchingDocuments, packing, shipping, type DocumentSet } from '../support/customs-documents';
import { ORGS, type OrgName } from '../support/orgs';
import { useTestNetwork } from '../support/suite';
import { alertsOf, caughtUp, everyPeerHasWritten, settled } from './read-model';
import { CONTEXT, expectProblem, jsonOf, startAlliance, type Alliance } from './rest';

jest.setTimeout(300_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

let alliance: Alliance;

beforeAll(async () => {
  alliance = await startAlliance(network());
  for (const org of ORGS) await settled(network(), org);
});
afterAll(() => alliance?.close());

/** A write at the org's gateway once every peer has the last one (on real Fabric the others commit a little later). */
async function post(org: OrgName, route: string, body?: unknown, headers?: Record<string, string>): Promise<Response> {
  await everyPeerHasWritten(network());
  const response = await alliance.gateway(org).call(alliance.key(org), 'POST', route, { body, headers });
  if (response.status < 300) await settled(network(), org);
  return response;
}

const get = (org: OrgName, route: string) => alliance.gateway(org).call(alliance.key(org), 'GET', route);

async function expectStatus(response: Response, status: number): Promise<Record<string, unknown>> {
  const text = await response.text();
  expect({ status: response.status, text }).toMatchObject({ status });
  return JSON.parse(text) as Record<string, unknown>;
}

/** The carrier's parcel on the ledger, and the four documents, each at its party's gateway. */
async function recordAll(set: DocumentSet, declaration = set.declaration): Promise<void> {
  const document = { '@context': CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-04-02T12:00:00Z', epcisBody: { eventList: [packing(set), shipping(set)] } };
  const captured = await post('Logistics', '/capture', document);
  expect(captured.status).toBe(202);
  for (let polls = 0; ; polls++) {
    const job = await jsonOf<{ running: boolean; success: boolean }>(await get('Logistics', captured.headers.get('location')!));
    if (!job.running) {
      expect(job.success).toBe(true);
      break;
    }
    if (polls > 600) throw new Error('the capture did not end');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await settled(network(), 'Logistics');
  await expectStatus(await post('Platform', '/customs/orders', set.order), 201);
  await expectStatus(await post('Platform', '/customs/payments', set.payment), 201);
  await expectStatus(await post('Logistics', '/customs/waybills', set.waybill), 201);
  const declared = await post('Platform', '/customs/declarations', declaration);
  expect(declared.headers.get('location')).toBe(`/customs/declarations/${declaration.declarationId as string}`);
  await expectStatus(declared, 201);
}

const acceptedAtBorder = (epc: string) => post('Customs', '/events', { '@context': CONTEXT, ...accepting(epc) });

describe('a matching declaration over REST', () => {
  const set = matchingDocuments('REST');

  beforeAll(() => recordAll(set));

  test('only customs checks: the platform is 403, customs gets the verdict', async () => {
    await expectProblem(await post('Platform', '/customs/declarations/DEC-REST/check'), 403, 'ROLE_NOT_AUTHORISED');
    expect(await expectStatus(await post('Customs', '/customs/declarations/DEC-REST/check'), 200)).toMatchObject({ status: 'matched', mismatches: [] });
  });

  test('each member reads what it may: the verdict for all, the views for customs and the regulator, the full documents for their recorders', async () => {
    const seen = async (org: OrgName) => expectStatus(await get(org, '/customs/declarations/DEC-REST'), 200);
    const manufacturer = await seen('Manufacturer');
    expect(manufacturer).toMatchObject({ declarationId: 'DEC-REST', declaredBy: 'PlatformMSP', waybillNumber: 'WB-REST', verdict: { status: 'matched' } });
    expect(manufacturer.views).toBeUndefined();
    expect(manufacturer.documents).toBeUndefined();
    const customs = await seen('Customs');
    expect(customs).toMatchObject({ views: { order: { orderNumber: 'ORD-REST' }, payment: { amount: 292.75 }, waybill: { sscc: set.sscc } } });
    expect(JSON.stringify(customs)).not.toMatch(/Nanjing Road/);
    expect(customs.documents).toBeUndefined();
    const platform = await seen('Platform');
    expect(platform).toMatchObject({ documents: { order: { consignee: { address: 'REST Nanjing Road 1, Shanghai' } }, payment: { paymentSerial: 'PAY-REST' } } });
    expect(platform.views).toBeUndefined();
    expect((platform.documents as Record<string, unknown>).waybill).toBeUndefined();
    const logistics = await seen('Logistics');
    expect(Object.keys(logistics.documents as object)).toEqual(['waybill']);
    const regulator = await seen('Regulator');
    expect(Object.keys(regulator.views as object)).toEqual(['declaration', 'order', 'payment', 'waybill']);
    expect(Object.keys(regulator.documents as object)).toEqual(['declaration', 'order', 'payment', 'waybill']);
  });

  test('the parcel is 409 at the border until customs clears the declaration; then accepted', async () => {
    await expectProblem(await acceptedAtBorder(set.sscc), 409, 'PARCEL_NOT_CLEARED', /./);
    expect(await expectStatus(await post('Customs', '/customs/declarations/DEC-REST/clear'), 200)).toMatchObject({ status: 'cleared' });
    await expectStatus(await acceptedAtBorder(set.sscc), 201);
    await expectProblem(await post('Customs', '/customs/declarations/DEC-REST/clear'), 409, 'ALREADY_CLEARED');
  });

  test('a document recorded twice is 409; a bad one 400 before any transaction; unknown declarations 404', async () => {
    await expectProblem(await post('Platform', '/customs/orders', set.order), 409, 'DUPLICATE_DOCUMENT');
    await expectProblem(await post('Platform', '/customs/orders', { ...set.order, orderNumber: 'ORD-BAD', items: [{ gtin: '09506000134353', quantity: 1, unitPrice: 1 }] }), 400, 'INVALID_BODY');
    await expectProblem(await post('Platform', '/customs/payments', { ...set.payment, paymentSerial: 'PAY-BAD', amount: 1.005 }), 400, 'INVALID_BODY');
    await expectProblem(await post('Logistics', '/customs/orders', { ...set.order, orderNumber: 'ORD-CARRIER' }), 403, 'ROLE_NOT_AUTHORISED');
    await expectProblem(await get('Customs', '/customs/declarations/DEC-NONE'), 404, 'NOT_FOUND');
  });
});

describe('a mismatch', () => {
  const set = matchingDocuments('REST-USD');

  beforeAll(() => recordAll(set, { ...set.declaration, currency: 'USD' }));

  test('the verdict names the kind and field; clearing is 422; a retry with the Idempotency-Key answers the first result', async () => {
    const headers = { 'Idempotency-Key': 'check-rest-usd' };
    const verdict = await expectStatus(await post('Customs', '/customs/declarations/DEC-REST-USD/check', undefined, headers), 200);
    expect(verdict).toMatchObject({ status: 'mismatched', mismatches: [{ kind: 'currency', fields: ['declaration.currency'] }] });
    expect(await expectStatus(await post('Customs', '/customs/declarations/DEC-REST-USD/check', undefined, headers), 200)).toEqual(verdict);
    await expectProblem(await post('Customs', '/customs/declarations/DEC-REST/check', undefined, headers), 422, 'IDEMPOTENCY_KEY_REUSED');
    const refused = await expectProblem(await post('Customs', '/customs/declarations/DEC-REST-USD/clear'), 422, 'DOCUMENTS_MISMATCH');
    expect(refused.detail).toMatch(/currency: declaration\.currency/);
  });

  test("raises an alert on the regulator's desk naming the declaring platform, and on the platform's, not on others'", async () => {
    for (const org of ['Regulator', 'Platform', 'Manufacturer'] as const) await caughtUp(network(), alliance.gateway(org));
    const raised = await alertsOf(alliance.gateway('Regulator'), alliance.key('Regulator'), '&rule=customs-documents-mismatch');
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ responsible: 'PlatformMSP', parties: ['PlatformMSP'] });
    expect(raised[0].summary).toBe('declaration DEC-REST-USD does not match its documents: currency (declaration.currency)');
    expect(await alertsOf(alliance.gateway('Platform'), alliance.key('Platform'), '&rule=customs-documents-mismatch')).toHaveLength(1);
    expect(await alertsOf(alliance.gateway('Manufacturer'), alliance.key('Manufacturer'), '&rule=customs-documents-mismatch')).toEqual([]);
  });
});

test('the OpenAPI document describes the customs routes with their request schemas', async () => {
  const document = await jsonOf<{ paths: Record<string, unknown>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }>(await get('Customs', '/openapi.json'));
  for (const path of ['/customs/orders', '/customs/payments', '/customs/waybills', '/customs/declarations', '/customs/declarations/{id}', '/customs/declarations/{id}/check', '/customs/declarations/{id}/clear']) expect(document.paths[path]).toBeDefined();
  expect(Object.keys(document.components.schemas.CustomsDeclaration.properties ?? {})).toEqual(expect.arrayContaining(['declarationId', 'mode', 'consigneeRef', 'declaredValue']));
});
