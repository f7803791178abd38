// The org's peer lost in the middle of writes, and commits later than a request waits, over HTTP against a gateway
// whose ledger port wraps the real one and fails on cue (faulty-ledger.ts): a capture job waits while the peer is
// away and ends once it is back, each event recorded once (a transaction that committed unheard of is found by its
// id, not sent again); a write answered synchronously is 503 with Retry-After while the peer is away, and leaves
// nothing to run; a POST /events whose commit comes after its wait answers 202 with its job, which ends success,
// and a GET of the job that prefers to wait (Prefer: wait) is answered when it ends.
import { FabricGatewayPort, startGateway, type GatewayOptions } from '@crossborder-trace/gateway';
import pino from 'pino';
import { useTestNetwork } from '../support/suite';
import { tempDir } from '../support/temp-dirs';
import { FaultyLedger } from './faulty-ledger';
import { gatewayOptionsFor, orgGateway, type OrgGateway } from './gateways';
import { CONTEXT, endedJob, epcisDocument, expectProblem, jsonOf, ledgerIdsOf, startAlliance, type Alliance, type CaptureJob } from './rest';

jest.setTimeout(300_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

const GTIN = '09506000134352';
const epcOf = (serial: string) => `https://id.gs1.org/01/${GTIN}/21/${serial}`;
let minute = 0;
function commissioning(serial: string): Record<string, unknown> {
  minute += 1;
  return { type: 'ObjectEvent', eventTime: `2026-02-01T09:${String(minute).padStart(2, '0')}:00Z`, eventTimeZoneOffset: '+01:00', action: 'ADD', epcList: [epcOf(serial)], bizStep: 'commissioning', disposition: 'active' };
}

interface FaultyGateway {
  readonly gateway: OrgGateway;
  readonly ledger: FaultyLedger;
  readonly key: string;
}

/** The manufacturer's gateway, as npm start runs it, on its own store, over a port that fails on cue. */
async function startFaultyGateway(overrides: Partial<Pick<GatewayOptions, 'commitWaitMs'>> = {}): Promise<FaultyGateway> {
  const options = { ...gatewayOptionsFor(network(), 'Manufacturer', tempDir('gateway-faulty-')), ...overrides };
  const ledger = new FaultyLedger(new FabricGatewayPort(options));
  const running = await startGateway(options, { log: pino({ level: process.env.GATEWAY_LOG ?? 'silent' }), ledger });
  const gateway = orgGateway('Manufacturer', running.url, options, () => running.close());
  opened.push(gateway);
  return { gateway, ledger, key: gateway.key('User1') };
}

let alliance: Alliance;
const opened: OrgGateway[] = [];
beforeAll(async () => {
  // The enterprises registered through their own gateways; the regulator reads the ledger to check it.
  alliance = await startAlliance(network(), ['Manufacturer', 'Regulator']);
});
afterAll(async () => {
  for (const gateway of opened) await gateway.close();
  await alliance?.close();
});

/** What the alliance's readers see of an item through a gateway that was never faulty: its trace's event ids. */
async function tracedIds(serial: string): Promise<string[]> {
  const response = await alliance.gateway('Regulator').call(alliance.key('Regulator'), 'GET', `/items/${encodeURIComponent(epcOf(serial))}/trace`);
  expect(response.status).toBe(200);
  return (await jsonOf<{ events: { id: string }[] }>(response)).events.map((e) => e.id);
}

test('the peer lost mid-job: the capture jobs wait while it is away and end success with each event once; POST /events meanwhile is 503 with Retry-After', async () => {
  const { gateway, ledger, key } = await startFaultyGateway();

  // A's transaction reaches the ledger and commits, then the peer is lost before the gateway hears of it.
  ledger.loseNextCommit = true;
  const a = await gateway.call(key, 'POST', '/capture', { body: epcisDocument(commissioning('A1'), commissioning('A2')) });
  expect(a.status).toBe(202);
  const locationA = a.headers.get('location')!;
  // The job looks its transaction up by id, again and again while the peer is away, and runs on.
  await ledger.refusals('committed', 2);
  expect(await jsonOf(await gateway.call(key, 'GET', locationA))).toMatchObject({ running: true, errors: [], eventIDs: [] });

  // B is accepted while the peer is away: nothing of it can be endorsed yet, and it waits too.
  const b = await gateway.call(key, 'POST', '/capture', { body: epcisDocument(commissioning('B1')) });
  expect(b.status).toBe(202);
  const locationB = b.headers.get('location')!;
  await ledger.refusals('endorse', 2);
  expect(await jsonOf(await gateway.call(key, 'GET', locationB))).toMatchObject({ running: true, errors: [] });

  // POST /events answers synchronously: 503 with Retry-After, its job withdrawn, nothing sent.
  const event = { '@context': CONTEXT, ...commissioning('E1') };
  const refused = await gateway.call(key, 'POST', '/events', { body: event, headers: { 'Idempotency-Key': 'peer-lost-E1' } });
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  await expectProblem(refused, 503, 'LEDGER_UNAVAILABLE', 'epcisException:ImplementationException');
  expect(ledger.submitted).toHaveLength(1);

  // The peer is back.
  ledger.down = false;
  const jobA = await endedJob(gateway, key, locationA);
  const jobB = await endedJob(gateway, key, locationB);
  expect(jobA).toMatchObject({ success: true, errors: [] });
  expect(jobB).toMatchObject({ success: true, errors: [] });
  expect(jobA.eventIDs).toHaveLength(2);
  expect(jobB.eventIDs).toHaveLength(1);
  // A's transaction was found on the ledger by its id, never sent again; B's was sent once it could be endorsed.
  expect(ledger.submitted).toHaveLength(2);
  const recorded = { A1: jobA.eventIDs[0], A2: jobA.eventIDs[1], B1: jobB.eventIDs[0] };
  for (const [serial, id] of Object.entries(recorded)) {
    expect({ serial, ledger: await ledgerIdsOf(network(), epcOf(serial)), trace: await tracedIds(serial) }).toEqual({ serial, ledger: [id], trace: [id] });
  }

  // The refused event was recorded nowhere; sent again with its key once the peer is back, it is recorded once.
  expect(await ledgerIdsOf(network(), epcOf('E1'))).toEqual([]);
  const retried = await gateway.call(key, 'POST', '/events', { body: event, headers: { 'Idempotency-Key': 'peer-lost-E1' } });
  expect(retried.status).toBe(201);
  const { eventID } = await jsonOf<{ eventID: string }>(retried);
  expect(await ledgerIdsOf(network(), epcOf('E1'))).toEqual([eventID]);
  expect(await tracedIds('E1')).toEqual([eventID]);

  // The caller's jobs: none left running; the withdrawn one failed with LEDGER_UNAVAILABLE, the others succeeded.
  const jobs = await jsonOf<CaptureJob[]>(await gateway.call(key, 'GET', '/capture?perPage=100'));
  expect(jobs.map((j) => ({ running: j.running, success: j.success, codes: j.errors.map((e) => e.code) }))).toEqual([
    { running: false, success: true, codes: [] },
    { running: false, success: false, codes: ['LEDGER_UNAVAILABLE'] },
    { running: false, success: true, codes: [] },
    { running: false, success: true, codes: [] },
  ]);
});

test('a commit later than the wait: POST /events answers 202 with its job, which ends success once the commit arrives, the event recorded once', async () => {
  // The shortest wait the options allow; the port keeps each commit's status back until it is released.
  const { gateway, ledger, key } = await startFaultyGateway({ commitWaitMs: 1_000 });
  ledger.holdCommits();
  const held = ledger.commitHeld();
  const response = await gateway.call(key, 'POST', '/events', { body: { '@context': CONTEXT, ...commissioning('L1') } });
  expect(response.status).toBe(202);
  const location = response.headers.get('location')!;
  expect(location).toMatch(/^\/capture\/[0-9a-f-]{36}$/);
  const captureID = location.slice('/capture/'.length);
  expect(await jsonOf(response)).toMatchObject({ captureID, running: true, errors: [] });

  // The transaction has committed; the gateway has not heard of it yet.
  await held;
  expect(await jsonOf(await gateway.call(key, 'GET', location))).toMatchObject({ running: true, eventIDs: [] });
  // A caller that prefers to wait is held until the job ends (Prefer: wait, RFC 7240)...
  let heldAnswered = false;
  const heldGet = gateway.call(key, 'GET', location, { headers: { Prefer: 'respond-async, wait=30' } }).finally(() => (heldAnswered = true));
  // ...and, when the job runs on past its wait, answered as the job stands (here on /jobs, after one second).
  const probe = await gateway.call(key, 'GET', `/jobs/${captureID}`, { headers: { Prefer: 'wait=1' } });
  expect(probe.headers.get('preference-applied')).toBe('wait=1');
  expect(probe.headers.get('vary')).toMatch(/\bPrefer\b/);
  expect(await jsonOf(probe)).toMatchObject({ id: captureID, state: 'running' });
  expect(heldAnswered).toBe(false);
  ledger.release();
  const answered = await heldGet;
  expect(answered.headers.get('preference-applied')).toBe('wait=30');
  expect(await jsonOf(answered)).toMatchObject({ captureID, running: false, success: true, errors: [] });

  const job = await endedJob(gateway, key, location);
  expect(job).toMatchObject({ captureID, success: true, errors: [] });
  expect(job.eventIDs).toHaveLength(1);
  expect(await jsonOf(await gateway.call(key, 'GET', `/jobs/${captureID}`))).toMatchObject({ id: captureID, kind: 'capture', state: 'success', transactions: [{ state: 'committed' }] });
  expect(ledger.submitted).toHaveLength(1);
  expect(await ledgerIdsOf(network(), epcOf('L1'))).toEqual(job.eventIDs);
  expect(await tracedIds('L1')).toEqual(job.eventIDs);
  const read = await gateway.call(key, 'GET', `/events/${encodeURIComponent(job.eventIDs[0])}`);
  expect(read.status).toBe(200);
  expect(await jsonOf(read)).toMatchObject({ eventID: job.eventIDs[0], epcList: [epcOf('L1')] });
});
