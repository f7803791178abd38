// Credit reports over HTTP on a devnet: a firm's score moves as its promises are kept and broken (inspections of
// its GTINs, a complaint answered in time); the report at stated heights is the report computed by rebuilding the
// read models from block 0 up to exactly those heights; a bank reads a firm's report through the regulator's
// gateway only while the firm's authorisation is in force, and nothing else there; a dispute upheld by the
// regulator leaves its item out of later reports.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CreditFactStore, CreditReports, openDatabase, rebuildReadModel, startGateway, type CreditReport } from '@crossborder-trace/gateway';
import pino from 'pino';
import { useTestNetwork } from '../support/suite';
import type { OrgName } from '../support/orgs';
import { tempDir } from '../support/temp-dirs';
import { gatewayOptionsFor, orgGateway, type OrgGateway } from './gateways';
import { eventually, item, journeyToPlatform, registerPlatform, screeningOf, sell, startPlatform } from './public-channel';
import { objectEvent, record, settled } from './read-model';
import { chainHeight, expectProblem, jsonOf, registrationOf, startAlliance, type Alliance } from './rest';

jest.setTimeout(300_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

const A1 = item('CR-A1');
const B1 = item('CR-B1');
const ALICE = 'alice@shop.example';

let alliance: Alliance;
let platform: OrgGateway;
let platformKey: string;
let regulator: OrgGateway;
let regulatorKey: string;
let bankKey: string;
let ids: Record<string, string>;

/** The regulator's gateway holding a bank's user: a certificate of the regulator's CA with role=financier. */
async function startRegulator(): Promise<OrgGateway> {
  const bank = await network().issueUser('Regulator', 'BankA1', { role: 'financier', financier: 'bank-a' });
  const dir = tempDir('gateway-Regulator-');
  writeFileSync(path.join(dir, 'bank.pem'), bank.certificatePem);
  writeFileSync(path.join(dir, 'bank.key'), bank.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const base = gatewayOptionsFor(network(), 'Regulator', path.join(dir, 'store'));
  const options = { ...base, users: [...base.users, { name: 'BankA1', certPath: path.join(dir, 'bank.pem'), keyPath: path.join(dir, 'bank.key') }] };
  const running = await startGateway(options, { log: pino({ level: process.env.GATEWAY_LOG ?? 'silent' }) });
  const gateway = orgGateway('Regulator', running.url, options, () => running.close());
  expect((await gateway.call(gateway.key('Admin'), 'POST', '/enterprises', { body: registrationOf('Regulator') })).status).toBe(201);
  return gateway;
}

/** The firm's own report from its gateway once the gateway's credit facts hold every block its peer has. */
async function reportOf(org: OrgName, gateway: OrgGateway, key: string, query = ''): Promise<CreditReport> {
  const alliance = (await chainHeight(network(), org)) - 1;
  return eventually(`${org}'s credit facts at block ${alliance}`, async () => {
    const response = await gateway.call(key, 'GET', `/credit/report${query}`);
    if (response.status !== 200) throw new Error(`GET /credit/report: ${response.status} ${await response.text()}`);
    const report = await jsonOf<CreditReport>(response);
    return report.heights.alliance >= alliance ? report : undefined;
  });
}
const manufacturer = () => reportOf('Manufacturer', alliance.gateway('Manufacturer'), alliance.key('Manufacturer'));
const component = (report: CreditReport, kind: string) => report.score.components.find((c) => c.kind === kind)!;

beforeAll(async () => {
  alliance = await startAlliance(network(), ['Manufacturer', 'Logistics', 'Customs']);
  regulator = await startRegulator();
  regulatorKey = regulator.key('User1');
  bankKey = regulator.key('BankA1');
  platform = await startPlatform(network());
  platformKey = await registerPlatform(platform);
  ids = await journeyToPlatform(network(), alliance, { gateway: platform, key: platformKey }, [A1]);
  expect((await sell(network(), platform, platformKey, { item: A1, consumer: ALICE })).status).toBe(201);
  await eventually('A1 published', async () => ((await screeningOf(platform, platformKey, A1))?.state === 'done' ? true : undefined));
});

afterAll(async () => {
  await platform?.close();
  await regulator?.close();
  await alliance?.close();
});

describe("a firm's score", () => {
  test('moves as inspections of its GTINs are kept and broken', async () => {
    const first = await manufacturer();
    expect(first.label).toBe('A data report derived from ledger facts, not a licensed credit rating');
    expect(component(first, 'conformance')).toMatchObject({ kept: 1, broken: 0, weightedShare: 1 });
    expect(component(first, 'conformance').promises[0].evidence.eventIds).toEqual([ids.inspected]);
    expect(first.score.points).toBe(1000);
    const by = (fields: Record<string, unknown>) => record(network(), alliance.gateway('Manufacturer'), alliance.key('Manufacturer'), objectEvent(fields));
    await by({ action: 'ADD', epcList: [B1], bizStep: 'commissioning', disposition: 'active' });
    ids.failed = await by({ epcList: [B1], bizStep: 'inspecting', disposition: 'non_conformant' });
    const second = await manufacturer();
    expect(component(second, 'conformance')).toMatchObject({ kept: 1, broken: 1, weightedShare: 0.5 });
    expect(second.score.points).toBe(500);
    // The platform's report holds none of the manufacturer's promises.
    const platformReport = await reportOf('Platform', platform, platformKey);
    expect(platformReport.score.points).toBeNull();
  });

  test('a complaint is pending until answered, then kept when answered in time', async () => {
    const filed = await platform.call(platformKey, 'POST', '/complaints', { body: { item: A1, eventId: ids.inspected, category: 'quality', description: 'Stale.', consumer: ALICE } });
    expect(filed.status).toBe(201);
    const complaintId = (await jsonOf<{ id: string }>(filed)).id;
    await settled(network(), 'Platform');
    const pending = await eventually('the complaint in the credit facts', async () => {
      const report = await manufacturer();
      return component(report, 'complaintAnswer').pending === 1 ? report : undefined;
    });
    expect(pending.score.points).toBe(500);
    expect((await alliance.gateway('Manufacturer').call(alliance.key('Manufacturer'), 'POST', `/complaints/${complaintId}/answer`, { body: { text: 'Lot retested: within limits.' } })).status).toBe(200);
    const answered = await eventually('the answer in the credit facts', async () => {
      const report = await manufacturer();
      return component(report, 'complaintAnswer').kept === 1 ? report : undefined;
    });
    expect(component(answered, 'complaintAnswer').promises[0].evidence.complaintIds).toEqual([complaintId]);
    // conformance 0.35 at a share of 0.5, complaints 0.2 at 1: (0.35 * 0.5 + 0.2) / 0.55 of 1000
    expect(answered.score.points).toBe(Math.round((1000 * (0.35 * 0.5 + 0.2)) / 0.55));
  });
});

describe('reproducibility', () => {
  test('the report at its heights equals the report of read models rebuilt from block 0 up to exactly those heights', async () => {
    const before = await manufacturer();
    // More facts after those heights change the live report, not the one at the heights.
    await record(network(), alliance.gateway('Manufacturer'), alliance.key('Manufacturer'), objectEvent({ epcList: [B1], bizStep: 'inspecting', disposition: 'conformant' }));
    const after = await manufacturer();
    expect(after.heights.alliance).toBeGreaterThan(before.heights.alliance);
    expect(component(after, 'conformance').kept).toBe(2);
    const at = `?at=alliance:${before.heights.alliance},public:${before.heights.public}`;
    expect(await jsonOf(await alliance.gateway('Manufacturer').call(alliance.key('Manufacturer'), 'GET', `/credit/report${at}`))).toEqual(before);
    const options = gatewayOptionsFor(network(), 'Customs', tempDir('credit-rebuild-'));
    await rebuildReadModel(options, pino({ level: 'silent' }), before.heights);
    const db = openDatabase(options.dataDir);
    try {
      const reports = new CreditReports(new CreditFactStore(db));
      expect(reports.heights()).toEqual(before.heights);
      expect(JSON.parse(JSON.stringify(reports.report('ManufacturerMSP')))).toEqual(before);
    } finally {
      db.close();
    }
    await expectProblem(await alliance.gateway('Manufacturer').call(alliance.key('Manufacturer'), 'GET', '/credit/report?at=alliance:999999'), 409, 'HEIGHT_NOT_REACHED');
    await expectProblem(await alliance.gateway('Manufacturer').call(alliance.key('Manufacturer'), 'GET', '/credit/report?at=yesterday'), 400, 'QUERY_PARAMETER');
  });
});

describe('financiers', () => {
  const bankReads = (mspId: string) => regulator.call(bankKey, 'GET', `/credit/reports/${mspId}`);

  test('an unauthorised bank is refused, an authorised one reads, and after the revocation it is refused again', async () => {
    expect((await regulator.call(regulatorKey, 'POST', '/credit/financiers', { body: { id: 'bank-a', name: 'Bank A', licenceNumber: 'DE-BAFIN-0001' } })).status).toBe(201);
    await expectProblem(await alliance.gateway('Manufacturer').call(alliance.key('Manufacturer'), 'POST', '/credit/financiers', { body: { id: 'bank-b', name: 'B', licenceNumber: 'X' } }), 403, 'CREDIT_NOT_AUTHORISED');
    const none = await expectProblem(await bankReads('ManufacturerMSP'), 403, 'FINANCIER_NOT_AUTHORISED');
    expect(none).toMatchObject({ authorisation: 'none' });
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString();
    expect((await alliance.gateway('Manufacturer').call(alliance.key('Manufacturer'), 'POST', '/credit/authorisations', { body: { financierId: 'bank-a', until } })).status).toBe(201);
    const read = await bankReads('ManufacturerMSP');
    expect(read.status).toBe(200);
    expect(await jsonOf(read)).toMatchObject({ label: 'A data report derived from ledger facts, not a licensed credit rating', enterprise: { mspId: 'ManufacturerMSP' } });
    // Another firm's report: it authorised nobody.
    expect(await expectProblem(await bankReads('PlatformMSP'), 403, 'FINANCIER_NOT_AUTHORISED')).toMatchObject({ authorisation: 'none' });
    // The bank's user reaches nothing else of the regulator's gateway.
    await expectProblem(await regulator.call(bankKey, 'GET', '/alerts'), 403, 'FINANCIER_READS_REPORTS_ONLY');
    await expectProblem(await regulator.call(bankKey, 'GET', '/credit/report'), 403, 'FINANCIER_READS_REPORTS_ONLY');
    expect((await alliance.gateway('Manufacturer').call(alliance.key('Manufacturer'), 'DELETE', '/credit/authorisations/bank-a')).status).toBe(200);
    expect(await expectProblem(await bankReads('ManufacturerMSP'), 403, 'FINANCIER_NOT_AUTHORISED')).toMatchObject({ authorisation: 'revoked' });
  });

  test("the regulator reads any firm's report; a firm reads only its own", async () => {
    expect((await regulator.call(regulatorKey, 'GET', '/credit/reports/ManufacturerMSP')).status).toBe(200);
    expect((await platform.call(platformKey, 'GET', '/credit/reports/PlatformMSP')).status).toBe(200);
    await expectProblem(await platform.call(platformKey, 'GET', '/credit/reports/ManufacturerMSP'), 403, 'CREDIT_REPORT_DENIED');
  });
});

describe('disputes', () => {
  test("the firm disputes its failed inspection; once the regulator upholds it, later reports leave it out and show the ruling", async () => {
    const firm = alliance.gateway('Manufacturer');
    await expectProblem(await platform.call(platformKey, 'POST', '/credit/disputes', { body: { kind: 'conformance', evidenceId: ids.failed, reason: 'not ours' } }), 403, 'CREDIT_NOT_AUTHORISED');
    const opened = await firm.call(alliance.key('Manufacturer'), 'POST', '/credit/disputes', { body: { kind: 'conformance', evidenceId: ids.failed, reason: 'the sample was taken from a crushed case' } });
    expect(opened.status).toBe(201);
    const dispute = await jsonOf<{ id: string }>(opened);
    const open = await manufacturer();
    expect(open.disputes).toMatchObject([{ id: dispute.id, status: 'open' }]);
    expect(component(open, 'conformance').broken).toBe(1);
    await expectProblem(await firm.call(alliance.key('Manufacturer'), 'POST', `/credit/disputes/${dispute.id}/ruling`, { body: { decision: 'upheld', reason: 'mine' } }), 403, 'CREDIT_NOT_AUTHORISED');
    expect((await regulator.call(regulatorKey, 'POST', `/credit/disputes/${dispute.id}/ruling`, { body: { decision: 'upheld', reason: 'the lab report shows transit damage' } })).status).toBe(200);
    const ruled = await manufacturer();
    expect(ruled.disputes).toMatchObject([{ id: dispute.id, status: 'upheld', ruling: { decision: 'upheld', by: 'RegulatorMSP' } }]);
    expect(ruled.score.excluded).toEqual([ids.failed]);
    expect(component(ruled, 'conformance')).toMatchObject({ kept: 2, broken: 0 });
    expect(ruled.score.points).toBe(1000);
    // The report before the ruling is unchanged at its heights.
    expect(await jsonOf(await firm.call(alliance.key('Manufacturer'), 'GET', `/credit/report?at=alliance:${open.heights.alliance},public:${open.heights.public}`))).toEqual(open);
  });
});
