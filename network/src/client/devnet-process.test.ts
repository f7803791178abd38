// The process control the suites rely on, checked with small node scripts that play the devnet's part.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDevnet, type DevnetProcess } from './devnet-process';

const args = { dataDir: '/nonexistent', portOffset: 0, blockPerTx: true };
let dir: string;
const started: DevnetProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'devnet-process-test-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A failed assertion must not leave a script running past the test.
afterEach(async () => {
  await Promise.all(started.splice(0).map((devnet) => devnet.signal('SIGKILL')));
});

async function start(main: string, readyTimeoutMs?: number): Promise<DevnetProcess> {
  const devnet = await startDevnet({ ...args, main }, readyTimeoutMs);
  started.push(devnet);
  return devnet;
}

function script(name: string, body: string): string {
  const file = path.join(dir, `${name}.js`);
  writeFileSync(file, `${body}\nsetInterval(() => undefined, 1000);\n`);
  return file;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}


test('start resolves once stdout carries the ready line; SIGTERM then ends it with its exit code', async () => {
  const main = script(
    'ready',
    `console.log('starting with ' + process.argv.slice(2).join(' '));
     setTimeout(() => console.log('{"level":30,"msg":"devnet ready"}'), 200);
     process.on('SIGTERM', () => process.exit(0));`,
  );
  const devnet = await start(main);
  expect(devnet.running).toBe(true);
  expect(devnet.output).toContain('starting with up --data-dir /nonexistent --port-offset 0 --block-per-tx');
  expect(await devnet.signal('SIGTERM')).toEqual({ code: 0, signal: null });
  expect(devnet.running).toBe(false);
});

test('a ready line on stderr does not count: the contract is stdout', async () => {
  const main = script('stderr-ready', `console.error('devnet ready'); process.on('SIGTERM', () => process.exit(0));`);
  await expect(start(main, 1_000)).rejects.toThrow(/devnet not ready after 1000 ms[\s\S]*devnet ready/);
});

test('an exit before the ready line rejects with the exit code and what the process printed', async () => {
  const main = script('crash', `console.error('cannot bind 127.0.0.1:7051'); process.exit(3);`);
  await expect(start(main)).rejects.toThrow(/exited before it was ready \(code 3[\s\S]*cannot bind/);
});

test('no ready line within the timeout: the process is killed and the error shows its output', async () => {
  const main = script('silent', `console.log('pid=' + process.pid);`);
  const error: Error = await start(main, 1_000).then(
    () => new Error('started'),
    (err: Error) => err,
  );
  expect(error.message).toMatch(/devnet not ready after 1000 ms/);
  const pid = Number(/pid=(\d+)/.exec(error.message)?.[1]);
  expect(pid).toBeGreaterThan(0);
  expect(alive(pid)).toBe(false);
});

test('a process that ignores SIGTERM is killed after the timeout and the call rejects', async () => {
  const main = script('stubborn', `process.on('SIGTERM', () => undefined); console.log('devnet ready');`);
  const devnet = await start(main);
  await expect(devnet.signal('SIGTERM', 500)).rejects.toThrow(/ignored SIGTERM for 500 ms/);
  expect(devnet.running).toBe(false);
  expect(alive(devnet.pid ?? -1)).toBe(false);
});

test('SIGKILL ends the process whatever it does with signals', async () => {
  const main = script('killable', `process.on('SIGTERM', () => undefined); console.log('devnet ready');`);
  const devnet = await start(main);
  expect(await devnet.signal('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
});

test('a missing entry point is reported with the build hint', async () => {
  await expect(start(path.join(dir, 'absent.js'))).rejects.toThrow(/npx tsc -b/);
});
