// A gateway killed with SIGKILL in the middle of capture jobs loses and doubles nothing: run as its own process
// (node gateway/dist/cli/main.js serve --config <file>), killed while twenty captures are under way, started again
// on the same data folder (and killed again while it resumes them), every accepted job ends, and every event of
// every document is on the ledger at most once: exactly once, under the ids its job reports, where the job was
// accepted.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ApiKeyStore, openDatabase } from '@crossborder-trace/gateway';
import Database from 'better-sqlite3';
import { useTestNetwork } from '../support/suite';
import { tempDir } from '../support/temp-dirs';
import { gatewayOptionsFor, orgGateway, type OrgGateway } from './gateways';
import { endedJob, epcisDocument, ledgerIdsOf, registrationOf, type CaptureJob } from './rest';

jest.setTimeout(300_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

const MAIN = path.resolve(__dirname, '..', '..', 'gateway', 'dist', 'cli', 'main.js');
const GTIN = '09506000134352';

interface Child {
  readonly process: ChildProcess;
  readonly gateway: OrgGateway;
}

let configFile: string;
let dataDir: string;
let logFile: string;
let running: Child | undefined;

/** Starts the gateway process and answers once it listens (its log names its URL). */
async function serve(): Promise<Child> {
  const child = spawn(process.execPath, [MAIN, 'serve', '--config', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8');
    child.stderr!.setEncoding('utf8');
    // Each process's log goes beside its data folder, for a failure to be read (KEEP_TEST_DIRS=1 keeps the folder).
    child.stderr!.on('data', (text: string) => {
      output += text;
      appendFileSync(logFile, text);
    });
    child.stdout!.on('data', (text: string) => {
      output += text;
      appendFileSync(logFile, text);
      const listening = /"msg":"gateway listening"/.test(text) && /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(text);
      if (listening) resolve(listening[1]);
    });
    child.once('exit', (code, signal) => reject(new Error(`the gateway exited before listening (${code ?? signal}):\n${output}`)));
  });
  const options = gatewayOptionsFor(network(), 'Manufacturer', dataDir);
  running = { process: child, gateway: orgGateway('Manufacturer', url, options, async () => undefined) };
  return running;
}

async function kill(child: Child): Promise<void> {
  const exited = once(child.process, 'exit');
  child.process.kill('SIGKILL');
  const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
  expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
  running = undefined;
}

function keyOf(user: string): string {
  const db = openDatabase(dataDir);
  try {
    return new ApiKeyStore(db).issue(user).key;
  } finally {
    db.close();
  }
}

/** The gateway's store, read as it stands (never migrated: the running gateway owns it). */
function readStore<T>(read: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'gateway.db'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The capture jobs the gateway's store holds and the state of each. */
function storedJobs(): { id: string; state: string }[] {
  return readStore((db) => db.prepare("SELECT id, state FROM jobs WHERE kind = 'capture' ORDER BY created_at").all() as { id: string; state: string }[]);
}

beforeAll(() => {
  const folder = tempDir('gateway-crash-');
  dataDir = path.join(folder, 'data');
  configFile = path.join(folder, 'Manufacturer.json');
  logFile = path.join(folder, 'gateway.log');
  // The fields npm start writes for an org, with this suite's network.
  writeFileSync(configFile, JSON.stringify(gatewayOptionsFor(network(), 'Manufacturer', dataDir), null, 2));
});

afterAll(async () => {
  if (running) await kill(running);
});

const DOCUMENTS = 20;
const EVENTS_PER_DOCUMENT = 3;
const epcOf = (doc: number, event: number) => `https://id.gs1.org/01/${GTIN}/21/K${doc}-${event}`;

function documentOf(doc: number): Record<string, unknown> {
  return epcisDocument(
    ...Array.from({ length: EVENTS_PER_DOCUMENT }, (_, event) => ({
      type: 'ObjectEvent',
      eventTime: `2026-02-01T08:${String(doc).padStart(2, '0')}:${String(event).padStart(2, '0')}Z`,
      eventTimeZoneOffset: '+01:00',
      action: 'ADD',
      epcList: [epcOf(doc, event)],
      bizStep: 'commissioning',
      disposition: 'active',
    })),
  );
}

/** How many units of the stored capture jobs are in each state (pending, endorsed, committed, refused). */
function unitStates(): Record<string, number> {
  const rows = readStore((db) => db.prepare("SELECT u.state AS state, COUNT(*) AS n FROM jobs j JOIN job_units u ON u.job_id = j.id WHERE j.kind = 'capture' GROUP BY u.state").all() as { state: string; n: number }[]);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/**
 * Kills the gateway once its store shows the moment the test waits for, or once nothing is left running. A gateway
 * whose jobs stop moving (a job left running with nothing to carry it on) fails here, or by jest's timeout.
 */
async function killWhen(child: Child, moment: (units: Record<string, number>) => boolean): Promise<void> {
  for (let i = 0; i < 100_000; i++) {
    if (moment(unitStates()) || (storedJobs().length > 0 && storedJobs().every((j) => j.state !== 'running'))) {
      await kill(child);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`the gateway's jobs made no progress: ${JSON.stringify(unitStates())}`);
}

test('SIGKILL in the middle of capture jobs, and again while they resume: every accepted job ends, every event is recorded once', async () => {
  // Keys are issued into the store before the gateway first opens it, as the key command does.
  const adminKey = keyOf('Admin');
  const key = keyOf('User1');
  let child = await serve();
  expect((await child.gateway.call(adminKey, 'POST', '/enterprises', { body: registrationOf('Manufacturer') })).status).toBe(201);

  // Twenty captures at once; the gateway is killed once a few were accepted and a transaction is on its way.
  const accepted = new Map<number, string>();
  const requests = Array.from({ length: DOCUMENTS }, async (_, doc) => {
    try {
      const response = await child.gateway.call(key, 'POST', '/capture', { body: documentOf(doc) });
      expect(response.status).toBe(202);
      accepted.set(doc, response.headers.get('location')!);
    } catch (err) {
      // The process died under this request: whether its job was stored is for the store to say. (fetch's
      // TypeError is of another realm than the suite's.)
      if ((err as Error).message !== 'fetch failed') throw err;
    }
  });
  // (A transaction recorded as endorsed is sent or about to be, and not yet seen committed.)
  await killWhen(child, (units) => accepted.size >= 3 && (units.endorsed ?? 0) > 0);
  await Promise.all(requests);
  expect(accepted.size).toBeGreaterThanOrEqual(3);

  // Started again, and killed again while it takes up what the first process left running: once it has committed
  // more, with a transaction on its way.
  const committed = unitStates().committed ?? 0;
  child = await serve();
  await killWhen(child, (units) => (units.endorsed ?? 0) > 0 && (units.committed ?? 0) > committed);
  child = await serve();

  // Every accepted job ends, and ends well: its events were valid and new.
  const jobs = new Map<number, CaptureJob>();
  for (const [doc, location] of accepted) {
    const job = await endedJob(child.gateway, key, location);
    expect(job).toMatchObject({ success: true, errors: [] });
    expect(job.eventIDs).toHaveLength(EVENTS_PER_DOCUMENT);
    jobs.set(doc, job);
  }
  // Jobs stored for requests whose answer was lost end too.
  for (const { id } of storedJobs()) await endedJob(child.gateway, key, `/capture/${id}`);
  expect(storedJobs().filter((j) => j.state === 'running')).toEqual([]);

  // The ledger: each event of an accepted document once, under the id its job reports; no event twice.
  for (let doc = 0; doc < DOCUMENTS; doc++) {
    for (let event = 0; event < EVENTS_PER_DOCUMENT; event++) {
      const ids = await ledgerIdsOf(network(), epcOf(doc, event));
      const job = jobs.get(doc);
      if (job) expect(ids).toEqual([job.eventIDs[event]]);
      else expect(ids.length).toBeLessThanOrEqual(1);
    }
  }
  // A document whose answer was lost is recorded whole or not at all (rollback: one transaction).
  for (let doc = 0; doc < DOCUMENTS; doc++) {
    const counts = await Promise.all(Array.from({ length: EVENTS_PER_DOCUMENT }, async (_, event) => (await ledgerIdsOf(network(), epcOf(doc, event))).length));
    expect(new Set(counts).size).toBe(1);
  }
  // What the store holds is what the ledger holds: a capture job succeeded for each document recorded.
  const recordedDocuments = (await Promise.all(Array.from({ length: DOCUMENTS }, async (_, doc) => (await ledgerIdsOf(network(), epcOf(doc, 0))).length))).reduce((a, b) => a + b, 0);
  expect(storedJobs().filter((j) => j.state === 'success')).toHaveLength(recordedDocuments);
});
