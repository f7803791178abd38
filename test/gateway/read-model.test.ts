// The alliance read model: what each org's gateway keeps of the channel, fed by blocks with the org's private data.
// Live equals rebuilt (npm run gateway -- read-model rebuild, run as a command on a fresh store), the model holds
// every event of the ledger and the detail of exactly the events the org may read, and a gateway process killed
// with SIGKILL while it applies blocks resumes where its last committed block left it: nothing skipped, nothing
// twice.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { StatusCode } from '@hyperledger/fabric-gateway';
import { openDatabase, ReadModelStore } from '@crossborder-trace/gateway';
import { traceContracts } from '../alliance/alliance';
import { ORGS, type OrgName } from '../support/orgs';
import { useTestNetwork } from '../support/suite';
import { tempDir } from '../support/temp-dirs';
import { submitAndWait } from '../support/transactions';
import { gatewayOptionsFor } from './gateways';
import { caughtUp, checkpointOf, objectEvent, record, settled } from './read-model';
import { chainHeight, epcisDocument, ledgerEvents, startAlliance, type Alliance } from './rest';

jest.setTimeout(300_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

const MAIN = path.resolve(__dirname, '..', '..', 'gateway', 'dist', 'cli', 'main.js');
const TEA = 'https://id.gs1.org/01/09506000134352/21';
const PLATFORM_PARTY = 'https://id.gs1.org/417/6901234000016';
const CARRIER_PARTY = 'https://id.gs1.org/417/4055555000001';
/** Items taken through the journey: enough blocks that a catch-up takes many block transactions. */
const ITEMS = 12;

let alliance: Alliance;

beforeAll(async () => {
  alliance = await startAlliance(network());
  const as = (org: OrgName, event: Record<string, unknown>) => record(network(), alliance.gateway(org), alliance.key(org), event);
  const product = { gtin: '09506000134352', name: 'Green tea', category: 'food', origin: 'DE', expectedSteps: ['accepting'], limits: { storageTemperature: { min: 0, max: 25 } } };
  expect((await alliance.gateway('Manufacturer').call(alliance.key('Manufacturer'), 'POST', '/products', { body: product })).status).toBe(201);
  for (const org of ORGS) await settled(network(), org);
  for (let i = 1; i <= ITEMS; i++) {
    const epc = `${TEA}/RM${i}`;
    const reading = { sensorElementList: [{ sensorReport: [{ type: 'Temperature', value: i % 3 === 0 ? 31 : 18, uom: 'CEL' }] }] };
    await as('Manufacturer', objectEvent({ action: 'ADD', epcList: [epc], bizStep: 'commissioning', disposition: 'active', ...reading }));
    await as('Manufacturer', objectEvent({ epcList: [epc], bizStep: 'shipping', destinationList: [{ type: 'possessing_party', destination: CARRIER_PARTY }] }));
    await as('Logistics', objectEvent({ epcList: [epc], bizStep: 'receiving' }));
    await as('Logistics', objectEvent({ epcList: [epc], bizStep: 'transporting', ...reading }));
    await as('Logistics', objectEvent({ epcList: [epc], bizStep: 'shipping', destinationList: [{ type: 'possessing_party', destination: PLATFORM_PARTY }] }));
    if (i % 2 === 0) await as('Customs', objectEvent({ epcList: [epc], bizStep: i % 4 === 0 ? 'holding' : 'accepting' }));
    await as('Platform', objectEvent({ epcList: [epc], bizStep: 'receiving' }));
    await as('Platform', objectEvent({ epcList: [epc], bizStep: 'retail_selling', disposition: 'retail_sold' }));
  }
});
afterAll(() => alliance?.close());

function dumpOf(dataDir: string): Record<string, unknown[]> {
  const db = openDatabase(dataDir);
  try {
    return new ReadModelStore(db).dump();
  } finally {
    db.close();
  }
}

/** The org's gateway configuration on a fresh data folder, written to a file as npm start writes one. */
function configFor(org: OrgName): { file: string; dataDir: string } {
  const dir = tempDir(`read-model-${org}-`);
  const dataDir = path.join(dir, 'store');
  const file = path.join(dir, `${org}.json`);
  writeFileSync(file, JSON.stringify(gatewayOptionsFor(network(), org, dataDir)));
  return { file, dataDir };
}

/** Rebuilt dumps by org, for the crash test to compare with. */
const rebuilt = new Map<OrgName, Record<string, unknown[]>>();

describe.each(['Regulator', 'Manufacturer', 'Logistics', 'Platform'] as const)("%s's read model", (org) => {
  test('live equals rebuilt by the read-model rebuild command', async () => {
    const live = alliance.gateway(org);
    const checkpoint = await caughtUp(network(), live);
    const { file, dataDir } = configFor(org);
    const { stdout } = await promisify(execFile)(process.execPath, [MAIN, 'read-model', 'rebuild', '--config', file]);
    expect(stdout).toMatch(new RegExp(`^${org}'s read model rebuilt: ${checkpoint + 1n} blocks, \\d+ alerts`));
    const dump = dumpOf(dataDir);
    expect(dump).toEqual(dumpOf(live.options.dataDir));
    expect(dump.rm_alerts.length).toBeGreaterThan(0);
    rebuilt.set(org, dump);
  });

  test("every event of the ledger, and the detail of exactly those the org's level lets it read", async () => {
    const dump = rebuilt.get(org) ?? fail('not rebuilt');
    const ledger = await ledgerEvents(network(), {});
    expect((dump.rm_events as { id: string }[]).map((e) => e.id).sort()).toEqual(ledger.map((e) => e.id as string).sort());
    // The regulator reads every collection, a manufacturer or a carrier only its own, a platform also the carriers'
    // transport data (which its peer was not asked to endorse: it came by dissemination or reconciliation).
    const readable = (e: Record<string, unknown>) => org === 'Regulator' || e.recordedBy === `${org}MSP` || (org === 'Platform' && e.level === 'transport');
    const expected = ledger.filter(readable).map((e) => e.id as string);
    expect((dump.rm_event_details as { id: string }[]).map((d) => d.id).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(0);
  });
});

describe('a gateway killed while it applies blocks', () => {
  let child: ChildProcess | undefined;
  afterAll(() => child?.kill('SIGKILL'));

  /** Starts `serve` on the store; answers once its read model has committed past `after`. */
  async function serveUntilPast(file: string, dataDir: string, after: bigint | undefined): Promise<ChildProcess> {
    const started = spawn(process.execPath, [MAIN, 'serve', '--config', file], { stdio: 'ignore' });
    child = started;
    for (;;) {
      const checkpoint = checkpointOf(dataDir);
      if (checkpoint !== undefined && (after === undefined || checkpoint > after)) return started;
      if (started.exitCode !== null) throw new Error(`the gateway exited (${started.exitCode})`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async function kill(process: ChildProcess): Promise<void> {
    const exited = once(process, 'exit');
    process.kill('SIGKILL');
    expect((await exited)[1]).toBe('SIGKILL');
  }

  test('resumes from its last committed block, three times over, and ends equal to the rebuilt model', async () => {
    const top = BigInt(await chainHeight(network(), 'Regulator')) - 1n;
    let store = configFor('Regulator');
    let checkpoints: bigint[] = [];
    // A start that gets through every block between two looks at its store was not killed midway: that store is
    // left, and the three kills are tried again on a fresh one.
    for (let attempt = 0; checkpoints.length < 3 && attempt < 15; attempt++) {
      const previous = checkpoints[checkpoints.length - 1];
      await kill(await serveUntilPast(store.file, store.dataDir, previous));
      const checkpoint = checkpointOf(store.dataDir) ?? fail('no checkpoint');
      // It went on from where the last start's committed blocks ended, never back.
      expect(checkpoint).toBeGreaterThan(previous ?? -1n);
      if (checkpoint < top) {
        checkpoints.push(checkpoint);
      } else {
        store = configFor('Regulator');
        checkpoints = [];
      }
    }
    expect(checkpoints).toHaveLength(3);

    const last = await serveUntilPast(store.file, store.dataDir, top - 1n);
    const dump = dumpOf(store.dataDir);
    await kill(last);
    expect(dump).toEqual(rebuilt.get('Regulator'));
  });
});

test("an invalidated transaction (TRANSACTIONS_FILTER) adds nothing; the model goes on past its block", async () => {
  const epc = `${TEA}/FORGED-1`;
  const document = epcisDocument(objectEvent({ action: 'ADD', epcList: [epc], bizStep: 'commissioning' }));
  const forged = await submitAndWait(traceContracts(network(), 'Manufacturer').event, 'capture', {
    transientData: { epcis: Buffer.from(JSON.stringify(document)), salt: randomBytes(16) },
    // The recorder alone: the collection's endorsement policy (recorder and regulator) fails at commit.
    endorsingOrganizations: ['ManufacturerMSP'],
  });
  expect(forged.status.code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
  const [id] = (JSON.parse(Buffer.from(forged.result).toString('utf8')) as { ids: string[] }).ids;
  const regulator = alliance.gateway('Regulator');
  expect(await caughtUp(network(), regulator)).toBeGreaterThanOrEqual(forged.status.blockNumber);
  const dump = dumpOf(regulator.options.dataDir);
  expect((dump.rm_events as { id: string }[]).map((e) => e.id)).not.toContain(id);
  expect((dump.rm_event_details as { id: string }[]).map((e) => e.id)).not.toContain(id);
  expect((dump.rm_items as { epc: string }[]).map((i) => i.epc)).not.toContain(epc);
});
