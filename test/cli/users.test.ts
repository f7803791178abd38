// Users issued with `npm run network -- user add` are where clients look for identities: connection.json lists them
// with their role attributes, certificate and key, whether they were added before the network started, while it
// runs, or before a restart; the start-up report shows them. On the devnet, and on real Fabric with FABRIC_BIN.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readConnectionInfo, type ConnectionInfo } from '../support/connection-info';
import { connectGateway, identityFromFiles } from '../support/gateway';
import { runCli } from '../support/network-cli';
import { allocatePortOffset, type PortOffset } from '../support/port-offset';
import { tempDir } from '../support/temp-dirs';

const LIFECYCLE_TIMEOUT_MS = 300_000;

let ports: PortOffset;
let dataDir: string;
const where = () => ({ dataDir, portOffset: ports.offset });
const connectionInfo = (): ConnectionInfo => readConnectionInfo(path.join(dataDir, 'connection.json'));
const usersOf = (org: string) => connectionInfo().orgs.find((o) => o.name === org)!.users;

beforeAll(() => {
  ports = allocatePortOffset(__filename);
  dataDir = tempDir('cli-users-');
});

afterAll(async () => {
  await runCli(['down'], where());
  ports.release();
}, LIFECYCLE_TIMEOUT_MS);

async function cli(...args: string[]): Promise<string> {
  const { code, output } = await runCli(args, where());
  if (code !== 0) throw new Error(`network ${args.join(' ')} exited ${code}:\n${output}`);
  return output;
}

it('lists a user added before the first start, in connection.json and in the start-up report', async () => {
  expect(await cli('user', 'add', '--org', 'Customs', '--name', 'Inspector7', '--attr', 'role=customs')).toMatch(/connection\.json lists it once/);
  const up = await cli('up');
  expect(up).toMatch(/identities in \S+customs\.trace\.local\/users\/ /);
  expect(up).toMatch(/ Admin +org admin, no role attribute/);
  expect(up).toMatch(/ Inspector7 +role=customs\n/);
  const users = usersOf('Customs');
  expect(users.map((u) => [u.name, u.attrs])).toEqual([
    ['User1', { role: 'customs' }],
    ['Inspector7', { role: 'customs' }],
  ]);
  for (const user of users) expect(existsSync(user.certPath) && existsSync(user.keyPath)).toBe(true);
}, LIFECYCLE_TIMEOUT_MS);

it('lists a user added while the network runs at once, and the network accepts it as listed', async () => {
  expect(await cli('user', 'add', '--org', 'Regulator', '--name', 'Auditor', '--attr', 'role=regulator')).toMatch(/listed with its attributes, certificate and key in /);
  const auditor = usersOf('Regulator').find((u) => u.name === 'Auditor');
  expect(auditor?.attrs).toEqual({ role: 'regulator' });
  // A client that knows only connection.json signs as the new user, and the chaincode answers it.
  const regulator = connectionInfo().orgs.find((o) => o.name === 'Regulator')!;
  const connection = connectGateway(regulator.peer, identityFromFiles(regulator.mspId, auditor!));
  try {
    const charter = connection.gateway.getNetwork('alliance').getContract('trace', 'charter');
    expect(JSON.parse(Buffer.from(await charter.evaluateTransaction('get')).toString('utf8'))).toHaveProperty('regulator', 'RegulatorMSP');
  } finally {
    connection.close();
  }
}, LIFECYCLE_TIMEOUT_MS);

it('keeps every added user listed after a restart, with one added while it was stopped', async () => {
  await cli('down');
  await cli('user', 'add', '--org', 'Manufacturer', '--name', 'Packer', '--attr', 'role=manufacturer');
  await cli('up');
  expect(usersOf('Customs').map((u) => u.name)).toEqual(['User1', 'Inspector7']);
  expect(usersOf('Regulator').map((u) => u.name)).toEqual(['User1', 'Auditor']);
  expect(usersOf('Manufacturer').find((u) => u.name === 'Packer')?.attrs).toEqual({ role: 'manufacturer' });
}, LIFECYCLE_TIMEOUT_MS);

it('is what the README says of identities', () => {
  const readme = readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Identities: who does what'), readme.indexOf('\n## ', readme.indexOf('### Identities: who does what')));
  expect(section).toMatch(/`Admin@<domain>` \(`orgs\[\]\.admin`\) \| NodeOU `admin`, \*\*no\*\* `role` attribute/);
  expect(section).toMatch(/`orgs\[\]\.users\[\]` with\n?\s*`name`, `attrs`, `certPath` and `keyPath`/);
  expect(section).toMatch(/listed in\s+`connection\.json` at once when the network runs/);
});
