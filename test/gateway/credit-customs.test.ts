// Customs' documents in a credit report, over HTTP: the platform records orders, payments and declarations, the
// carrier its waybills with a promised delivery time; customs checks and clears. The carrier's delivery promises
// move with the platform's receipts of the parcels (event times before and after promisedDeliveryBy; the carrier's
// own arrival does not count), the platform's declaration promises with customs' verdicts; every item names its
// evidence (waybill numbers, declaration ids, event ids). The reports at stated heights equal those of read models
// rebuilt to them, and another firm cannot dispute a carrier's waybill or a platform's declaration.
import { CreditFactStore, CreditReports, openDatabase, rebuildReadModel, type CreditReport } from '@crossborder-trace/gateway';
import pino from 'pino';
import { matchingDocuments, packing, shipping, type DocumentSet } from '../support/customs-documents';
import { ORGS, type OrgName } from '../support/orgs';
import { useTestNetwork } from '../support/suite';
import { tempDir } from '../support/temp-dirs';
import { gatewayOptionsFor } from './gateways';
import { eventually } from './public-channel';
import { everyPeerHasWritten, objectEvent, record, settled } from './read-model';
import { chainHeight, CONTEXT, endedJob, expectProblem, jsonOf, startAlliance, type Alliance } from './rest';

jest.setTimeout(300_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

/** Delivered in time, delivered late, and declared in dollars (mismatched) with a delivery promised far ahead. */
const KEPT = matchingDocuments('CR-KEPT');
const LATE = matchingDocuments('CR-LATE');
const MISSED = matchingDocuments('CR-MISSED');
MISSED.waybill.promisedDeliveryBy = '2099-01-01T18:00:00+08:00';
/** KEPT's and LATE's promisedDeliveryBy, 2026-04-08T18:00:00+08:00, in UTC. */
const DUE = '2026-04-08T10:00:00.000Z';

let alliance: Alliance;
const receipts: Record<string, string> = {};

beforeAll(async () => {
  alliance = await startAlliance(network());
  for (const org of ORGS) await settled(network(), org);
});
afterAll(() => alliance?.close());

/** A write at the org's gateway once every peer has the last one (on real Fabric the others commit a little later). */
async function post(org: OrgName, route: string, body?: unknown): Promise<Response> {
  await everyPeerHasWritten(network());
  const response = await alliance.gateway(org).call(alliance.key(org), 'POST', route, { body });
  if (response.status < 300) await settled(network(), org);
  return response;
}

async function expectStatus(response: Response, status: number): Promise<Record<string, unknown>> {
  const text = await response.text();
  expect({ status: response.status, text }).toMatchObject({ status });
  return JSON.parse(text) as Record<string, unknown>;
}

/** The carrier packs and ships the parcel to the platform; the platform records order, payment and declaration, the carrier the waybill. */
async function recordAll(set: DocumentSet, declaration = set.declaration): Promise<void> {
  const captured = await post('Logistics', '/capture', { '@context': CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-04-02T12:00:00Z', epcisBody: { eventList: [packing(set), shipping(set)] } });
  expect(captured.status).toBe(202);
  expect((await endedJob(alliance.gateway('Logistics'), alliance.key('Logistics'), captured.headers.get('location')!)).success).toBe(true);
  await settled(network(), 'Logistics');
  await expectStatus(await post('Platform', '/customs/orders', set.order), 201);
  await expectStatus(await post('Platform', '/customs/payments', set.payment), 201);
  await expectStatus(await post('Logistics', '/customs/waybills', set.waybill), 201);
  await expectStatus(await post('Platform', '/customs/declarations', declaration), 201);
}

/** An arriving or receiving event of the parcel at the org's gateway, at the event time. */
const arrival = (org: OrgName, set: DocumentSet, bizStep: string, eventTime: string) =>
  record(network(), alliance.gateway(org), alliance.key(org), objectEvent({ epcList: [set.sscc], bizStep }, new Date(eventTime)));

/** The firm's own report from its gateway once the gateway's credit facts hold every block its peer has. */
async function reportOf(org: OrgName, query = ''): Promise<CreditReport> {
  const height = (await chainHeight(network(), org)) - 1;
  return eventually(`${org}'s credit facts at block ${height}`, async () => {
    const response = await alliance.gateway(org).call(alliance.key(org), 'GET', `/credit/report${query}`);
    if (response.status !== 200) throw new Error(`GET /credit/report: ${response.status} ${await response.text()}`);
    const report = await jsonOf<CreditReport>(response);
    return report.heights.alliance >= height ? report : undefined;
  });
}
const component = (report: CreditReport, kind: string) => report.score.components.find((c) => c.kind === kind)!;
/** Each promise of the kind as id, outcome and evidence ids (waybill numbers, declaration ids, event ids). */
const promisesOf = (report: CreditReport, kind: string) =>
  Object.fromEntries(component(report, kind).promises.map((p) => [p.id, { outcome: p.outcome, ...p.evidence, txIds: p.evidence.txIds.length }]));

describe("the carrier's deliveries and the platform's declarations", () => {
  test('no promise before the documents: no score', async () => {
    expect((await reportOf('Logistics')).score.points).toBeNull();
    expect((await reportOf('Platform')).score.points).toBeNull();
  });

  test('waybills past promisedDeliveryBy with no arrival are broken, one promised far ahead is pending; the declarations count once checked', async () => {
    await recordAll(KEPT);
    await recordAll(LATE);
    await recordAll(MISSED, { ...MISSED.declaration, currency: 'USD' });
    const logistics = await reportOf('Logistics');
    expect(component(logistics, 'delivery')).toMatchObject({ kept: 0, broken: 2, pending: 1, weightedShare: 0 });
    expect(promisesOf(logistics, 'delivery')).toEqual({
      'WB-CR-KEPT': { outcome: 'broken', waybillNumbers: ['WB-CR-KEPT'], txIds: 1 },
      'WB-CR-LATE': { outcome: 'broken', waybillNumbers: ['WB-CR-LATE'], txIds: 1 },
      'WB-CR-MISSED': { outcome: 'pending', waybillNumbers: ['WB-CR-MISSED'], txIds: 1 },
    });
    expect(component(logistics, 'delivery').promises.find((p) => p.id === 'WB-CR-KEPT')).toMatchObject({ dueAt: DUE, settledAt: DUE });
    expect(logistics.score.points).toBe(0);
    // Declared, not checked: no verdict, no promise.
    const platform = await reportOf('Platform');
    expect(component(platform, 'declaration')).toMatchObject({ kept: 0, broken: 0, pending: 0, weightedShare: null });
    expect(platform.score.points).toBeNull();
  });

  test("customs' verdicts: matched and cleared kept, mismatched broken", async () => {
    for (const set of [KEPT, LATE]) expect(await expectStatus(await post('Customs', `/customs/declarations/${set.declaration.declarationId as string}/check`), 200)).toMatchObject({ status: 'matched' });
    expect(await expectStatus(await post('Customs', '/customs/declarations/DEC-CR-MISSED/check'), 200)).toMatchObject({ status: 'mismatched', mismatches: [{ kind: 'currency' }] });
    const checked = await reportOf('Platform');
    expect(component(checked, 'declaration')).toMatchObject({ kept: 2, broken: 1, weightedShare: 0.6667 });
    expect(checked.score.points).toBe(667);
    for (const set of [KEPT, LATE]) expect(await expectStatus(await post('Customs', `/customs/declarations/${set.declaration.declarationId as string}/clear`), 200)).toMatchObject({ status: 'cleared' });
    const cleared = await reportOf('Platform');
    expect(promisesOf(cleared, 'declaration')).toEqual({
      'DEC-CR-KEPT': { outcome: 'kept', declarationIds: ['DEC-CR-KEPT'], txIds: 2 },
      'DEC-CR-LATE': { outcome: 'kept', declarationIds: ['DEC-CR-LATE'], txIds: 2 },
      'DEC-CR-MISSED': { outcome: 'broken', declarationIds: ['DEC-CR-MISSED'], txIds: 1 },
    });
    expect(cleared.score.points).toBe(667);
    // The platform carries nothing: the carrier's promises are not in its report.
    expect(component(cleared, 'delivery').promises).toEqual([]);
  });

  test("the platform's receipt before promisedDeliveryBy keeps a delivery, after it breaks one; the carrier's own arrival keeps none", async () => {
    receipts.kept = await arrival('Platform', KEPT, 'receiving', '2026-04-08T09:00:00.000Z');
    receipts.late = await arrival('Platform', LATE, 'receiving', '2026-04-09T09:00:00.000Z');
    receipts.own = await arrival('Logistics', MISSED, 'arriving', '2026-04-05T09:00:00.000Z');
    const logistics = await reportOf('Logistics');
    expect(component(logistics, 'delivery')).toMatchObject({ kept: 1, broken: 1, pending: 1, weightedShare: 0.5 });
    expect(promisesOf(logistics, 'delivery')).toEqual({
      'WB-CR-KEPT': { outcome: 'kept', waybillNumbers: ['WB-CR-KEPT'], eventIds: [receipts.kept], txIds: 2 },
      'WB-CR-LATE': { outcome: 'broken', waybillNumbers: ['WB-CR-LATE'], eventIds: [receipts.late], txIds: 2 },
      'WB-CR-MISSED': { outcome: 'pending', waybillNumbers: ['WB-CR-MISSED'], txIds: 1 },
    });
    expect(component(logistics, 'delivery').promises.find((p) => p.id === 'WB-CR-LATE')).toMatchObject({ dueAt: DUE, settledAt: '2026-04-09T09:00:00.000Z' });
    expect(logistics.score.points).toBe(500);
  });
});

describe('reproducibility and disputes', () => {
  let logistics: CreditReport;
  let platform: CreditReport;
  let at: string;

  test("both reports at the carrier's heights equal those of read models rebuilt from block 0 up to exactly them", async () => {
    logistics = await reportOf('Logistics');
    at = `?at=alliance:${logistics.heights.alliance},public:${logistics.heights.public}`;
    platform = await eventually("the platform's credit facts at the carrier's heights", async () => {
      const response = await alliance.gateway('Platform').call(alliance.key('Platform'), 'GET', `/credit/report${at}`);
      return response.status === 200 ? jsonOf<CreditReport>(response) : undefined;
    });
    expect(platform.heights).toEqual(logistics.heights);
    const options = gatewayOptionsFor(network(), 'Manufacturer', tempDir('credit-customs-rebuild-'));
    await rebuildReadModel(options, pino({ level: 'silent' }), logistics.heights);
    const db = openDatabase(options.dataDir);
    try {
      const reports = new CreditReports(new CreditFactStore(db));
      expect(JSON.parse(JSON.stringify([reports.report('LogisticsMSP'), reports.report('PlatformMSP')]))).toEqual([logistics, platform]);
    } finally {
      db.close();
    }
  });

  test("another firm cannot dispute the carrier's waybill or the platform's declaration; the carrier's upheld dispute leaves its late delivery out", async () => {
    await expectProblem(await post('Platform', '/credit/disputes', { kind: 'delivery', evidenceId: 'WB-CR-LATE', reason: 'not our parcel' }), 403, 'CREDIT_NOT_AUTHORISED');
    await expectProblem(await post('Logistics', '/credit/disputes', { kind: 'declaration', evidenceId: 'DEC-CR-MISSED', reason: 'not our declaration' }), 403, 'CREDIT_NOT_AUTHORISED');
    const opened = await post('Logistics', '/credit/disputes', { kind: 'delivery', evidenceId: 'WB-CR-LATE', reason: 'the consignee asked to hold the parcel a day' });
    const dispute = await expectStatus(opened, 201);
    expect(await expectStatus(await post('Regulator', `/credit/disputes/${dispute.id as string}/ruling`, { decision: 'upheld', reason: "the consignee's request is on file" }), 200)).toMatchObject({ status: 'upheld' });
    const ruled = await reportOf('Logistics');
    expect(ruled.score.excluded).toEqual(['WB-CR-LATE']);
    expect(component(ruled, 'delivery')).toMatchObject({ kept: 1, broken: 0, pending: 1 });
    expect(ruled.score.points).toBe(1000);
    // The reports at the earlier heights are unchanged.
    expect(await jsonOf(await alliance.gateway('Logistics').call(alliance.key('Logistics'), 'GET', `/credit/report${at}`))).toEqual(logistics);
    expect(await jsonOf(await alliance.gateway('Platform').call(alliance.key('Platform'), 'GET', `/credit/report${at}`))).toEqual(platform);
  });
});
