// `npm start` runs each org's REST gateway beside the network, supervised by the network process: the report says
// where each serves and how to get a key; a gateway that dies is started again; a user added while the network
// runs can be given a key and acts at once; `down` stops the gateways with the network. Devnet and real Fabric.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { processesUsing, runCli } from '../support/network-cli';
import { allocatePortOffset, type PortOffset } from '../support/port-offset';
import { tempDir } from '../support/temp-dirs';

const LIFECYCLE_TIMEOUT_MS = 300_000;
const GATEWAY_CLI = path.resolve(__dirname, '..', '..', 'gateway', 'dist', 'cli', 'main.js');
const ORGS = ['Manufacturer', 'Platform', 'Logistics', 'Customs', 'Regulator'];

let ports: PortOffset;
let dataDir: string;
const where = () => ({ dataDir, portOffset: ports.offset });

beforeAll(() => {
  ports = allocatePortOffset(__filename);
  dataDir = tempDir('cli-gateways-');
});

afterAll(async () => {
  await runCli(['down'], where());
  ports.release();
}, LIFECYCLE_TIMEOUT_MS);

const configOf = (org: string) => path.join(dataDir, 'gateways', `${org}.json`);
const keyFor = (org: string, user: string) => execFileSync(process.execPath, [GATEWAY_CLI, 'key', 'add', '--config', configOf(org), '--user', user], { encoding: 'utf8' }).trim().split('\n').at(-1)!;

async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(200);
  }
}

const status = (url: string, key?: string) =>
  fetch(url, { headers: key ? { authorization: `Bearer ${key}` } : {}, signal: AbortSignal.timeout(10_000) }).then(
    (r) => r.status,
    () => 0,
  );

it('starts a gateway per org, restarts one that dies, takes on a new user, and stops them with the network', async () => {
  const up = await runCli(['up'], where());
  expect(up.code).toBe(0);
  const urls = new Map([...up.output.matchAll(/^ {2}(\w+) +(http:\/\/127\.0\.0\.1:\d+) +API docs \2\/docs$/gm)].map((m) => [m[1], m[2]]));
  expect([...urls.keys()]).toEqual(ORGS);
  expect(up.output).toContain(`npm run gateway -- key add --config ${path.join(dataDir, 'gateways')}/<Org>.json --user <User1|Admin>`);
  for (const url of urls.values()) expect(await status(`${url}/health/ready`)).toBe(200);

  // A key issued by the org's admin works at once; the gateway acts as that user.
  const customs = urls.get('Customs')!;
  const key = keyFor('Customs', 'User1');
  expect(await status(`${customs}/charter`, key)).toBe(200);
  expect(await status(`${customs}/charter`)).toBe(401);

  // Killed outright, the gateway is started again by the network process, and its keys still hold.
  const [gateway] = processesUsing(dataDir).filter((p) => p.command.includes(configOf('Customs')));
  expect(gateway).toBeDefined();
  process.kill(gateway.pid, 'SIGKILL');
  await until(async () => (processesUsing(dataDir).some((p) => p.command.includes(configOf('Customs')) && p.pid !== gateway.pid) ? true : undefined));
  await until(async () => ((await status(`${customs}/charter`, key)) === 200 ? true : undefined));

  // A user added while the network runs is in the gateway's configuration and acts as soon as it has a key.
  const added = await runCli(['user', 'add', '--org', 'Customs', '--name', 'Inspector7', '--attr', 'role=customs'], where());
  expect(added.code).toBe(0);
  expect((JSON.parse(readFileSync(configOf('Customs'), 'utf8')) as { users: { name: string }[] }).users.map((u) => u.name)).toContain('Inspector7');
  const inspector = keyFor('Customs', 'Inspector7');
  await until(async () => ((await status(`${customs}/charter`, inspector)) === 200 ? true : undefined));

  const down = await runCli(['down'], where());
  expect(down.output).toMatch(/: stopped/);
  expect(processesUsing(dataDir)).toEqual([]);
  for (const url of urls.values()) expect(await status(`${url}/health/live`)).toBe(0);
}, LIFECYCLE_TIMEOUT_MS);
