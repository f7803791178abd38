// `npm start` (the CLI's `up`) returns once the network is ready and leaves it running in the background; Ctrl-C
// while it starts stops the half-started network and everything it started. On the devnet, and on real Fabric
// when FABRIC_BIN is set. The README must say what the commands do.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { processesUsing, runCli, startCli } from '../support/network-cli';
import { allocatePortOffset, type PortOffset } from '../support/port-offset';
import { tempDir } from '../support/temp-dirs';

const LIFECYCLE_TIMEOUT_MS = 300_000;
const README = readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');

let ports: PortOffset;
let dataDir: string;
const where = () => ({ dataDir, portOffset: ports.offset });

beforeEach(() => {
  ports = allocatePortOffset(__filename);
  dataDir = tempDir('cli-start-');
});

afterEach(async () => {
  // Whatever a failed test left running goes too.
  await runCli(['down'], where());
  ports.release();
}, LIFECYCLE_TIMEOUT_MS);

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(50);
}

it('stops the half-started network and every process it started on Ctrl-C during start-up, and says so', async () => {
  const run = startCli(['up'], where());
  let exited = false;
  void run.exited.then(() => (exited = true));
  // Mid-start: the network's process runs and has started another (a chaincode server, an orderer or peer).
  await until(() => exited || processesUsing(dataDir).filter((p) => p.pid !== run.child.pid).length >= 2);
  expect(run.output()).not.toMatch(/runs in the background/);
  // What a terminal does on Ctrl-C: SIGINT to the command's whole process group.
  process.kill(-run.child.pid!, 'SIGINT');

  expect(await run.exited).toBe(130);
  expect(run.output()).toMatch(/SIGINT: start-up interrupted; stopping the (devnet|Fabric network) and every process it started/);
  expect(run.output()).toMatch(/stopped; nothing of it is left running/);
  expect(processesUsing(dataDir)).toEqual([]);
  const status = await runCli(['status'], where());
  expect(status.output).toMatch(/not running/);
}, LIFECYCLE_TIMEOUT_MS);

it('returns once the network is ready, leaves it running in the background, and says how to see and stop it', async () => {
  const up = await runCli(['up'], where());
  expect(up.code).toBe(0);
  const note = /(?:devnet|Fabric network) runs in the background \(pid (\d+)\)[^\n]*\n {2}status: (.*)\n {2}logs: +(.*)\n {2}stop: +(\S+ \S+ \S+ \S+ \S+)/.exec(up.output);
  expect(note).not.toBeNull();
  const [, pid, status, logs, stop] = note!;
  expect(processesUsing(dataDir).map((p) => p.pid)).toContain(Number(pid));
  expect(status).toBe(`npm run network -- status --data-dir ${dataDir} --port-offset ${ports.offset}`);
  expect(logs.startsWith(path.join(dataDir, 'logs'))).toBe(true);
  // The commands it names are the README's.
  expect(stop).toBe('npm run network -- down');
  expect(README).toContain('npm run network -- down');
  expect(README).toContain('npm run network -- status');

  expect((await runCli(['status'], where())).code).toBe(0);
  const down = await runCli(['down'], where());
  expect(down.output).toMatch(/: stopped/);
  expect(processesUsing(dataDir)).toEqual([]);
}, LIFECYCLE_TIMEOUT_MS);

describe('the README', () => {
  const startSection = README.slice(README.indexOf('## What `npm start` gives you'), README.indexOf('\n## ', README.indexOf('## What `npm start` gives you') + 1));

  it('says npm start returns, leaving the network in the background, and how to see, stop and interrupt it', () => {
    expect(startSection).toMatch(/returns once the network is ready/);
    expect(startSection).toMatch(/runs in the background/);
    expect(startSection).toMatch(/Ctrl-C[^.]*stops the half-started network/);
    for (const command of ['status', 'down']) expect(startSection).toContain(`npm run network -- ${command}`);
  });

  it('nowhere says npm start stays in the foreground', () => {
    expect(README).not.toMatch(/npm start[^.\n]*(keeps|stays|runs)[^.\n]*foreground/i);
  });
});
