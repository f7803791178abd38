import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chaincodeTlsCrypto, ensureChaincodeTls } from '../../crypto';
import type { ChaincodeDescription } from '../../description';
import { ChaincodeError } from './api';
import { chaincodeServerEnv, ChaincodeServerProcess, DEFAULT_CHAINCODE_LOG_LEVEL } from './launcher';

// The launcher with a stand-in fabric-shim in the package's node_modules: its cli logs how it was started and
// stays up (ignoring SIGTERM for package stubborn_1), so the process handling is checked without a real chaincode.

jest.setTimeout(20_000);

// The SIGTERM handler is in place before the first line, which the tests wait for before signalling.
const FAKE_CLI = `
if (process.argv.includes('stubborn_1:abcd')) process.on('SIGTERM', () => console.log('SIGTERM ignored'));
console.log(JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd() }));
setInterval(() => undefined, 1000);
`;

let dir: string;
let chaincode: ChaincodeDescription;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'launcher-'));
  const shim = path.join(dir, 'node_modules', 'fabric-shim');
  mkdirSync(shim, { recursive: true });
  writeFileSync(path.join(shim, 'package.json'), JSON.stringify({ name: 'fabric-shim', version: '2.5.8' }));
  writeFileSync(path.join(shim, 'cli.js'), FAKE_CLI);
  chaincode = { name: 'cc', label: 'cc_1', path: dir, endpoint: { host: '127.0.0.1', port: 9999 }, definitions: [] };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition(); await new Promise((resolve) => setTimeout(resolve, 20))) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
  }
}

/** Running: signalable and not a zombie (an orphan that exited may wait a while for init to reap it). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return true;
  }
}

const logOf = (file: string) => readFileSync(file, 'utf8');

test("runs the package's fabric-shim cli as a server from the package folder, logging to the file", async () => {
  const logFile = path.join(dir, 'logs', 'server.log');
  const server = new ChaincodeServerProcess({ chaincode, packageId: 'cc_1:abcd', logFile });
  server.start();
  await until(() => logOf(logFile).includes('argv'));
  expect(JSON.parse(logOf(logFile))).toEqual({
    argv: ['server', '--chaincode-address', '127.0.0.1:9999', '--chaincode-id', 'cc_1:abcd'],
    cwd: dir,
  });
  await server.stop();
  expect(() => server.start()).toThrow(ChaincodeError);
});

test("given the crypto material, passes fabric-shim the chaincode's TLS certificate and key, and its clients' CA", async () => {
  const cryptoRoot = path.join(dir, 'crypto');
  const tls = chaincodeTlsCrypto(cryptoRoot).server('cc');
  const options = { chaincode, packageId: 'cc_1:abcd', logFile: path.join(dir, 'logs', 'tls.log'), cryptoRoot };
  expect(() => new ChaincodeServerProcess(options).start()).toThrow(
    new ChaincodeError(`no TLS material for chaincode server cc: ${tls.certPath}, ${tls.keyPath}, ${tls.caPath} missing`),
  );
  await ensureChaincodeTls(cryptoRoot, [chaincode]);
  const server = new ChaincodeServerProcess(options);
  server.start();
  await until(() => logOf(options.logFile).includes('argv'));
  expect(JSON.parse(logOf(options.logFile)).argv).toEqual([
    'server',
    '--chaincode-address',
    '127.0.0.1:9999',
    '--chaincode-id',
    'cc_1:abcd',
    '--chaincode-tls-cert-file',
    tls.certPath,
    '--chaincode-tls-key-file',
    tls.keyPath,
    '--chaincode-tls-client-cacert-file',
    tls.caPath,
  ]);
  await server.stop();
});

test('restarts a server that dies, with a note in the log', async () => {
  const logFile = path.join(dir, 'logs', 'restart.log');
  const server = new ChaincodeServerProcess({ chaincode, packageId: 'cc_1:abcd', logFile });
  server.start();
  const first = server.pid!;
  process.kill(first, 'SIGKILL');
  await until(() => server.pid !== undefined && server.pid !== first);
  expect(logOf(logFile)).toContain('[devnet] chaincode server exited (signal SIGKILL); restarting in 500 ms');
  await server.stop();
});

test('stop() sends SIGTERM, then SIGKILL once the grace period is over', async () => {
  const logFile = path.join(dir, 'logs', 'stubborn.log');
  const server = new ChaincodeServerProcess({ chaincode, packageId: 'stubborn_1:abcd', logFile, stopGraceMs: 300 });
  server.start();
  const pid = server.pid!;
  await until(() => logOf(logFile).includes('argv'));
  await server.stop();
  expect(logOf(logFile)).toContain('SIGTERM ignored');
  expect(server.pid).toBeUndefined();
  expect(alive(pid)).toBe(false);
  expect(logOf(logFile)).not.toContain('restarting');
});

test('the server ends with the process that started it, even when that process is killed', async () => {
  // A stand-in devnet: the built launcher (npm test builds before it runs jest), loaded by a script that starts a
  // server, prints its pid and dies.
  const launcher = path.resolve(__dirname, '..', '..', '..', 'dist', 'devnet', 'chaincode', 'launcher.js');
  const options = { chaincode, packageId: 'cc_1:abcd', logFile: path.join(dir, 'logs', 'orphan.log') };
  writeFileSync(
    path.join(dir, 'parent.js'),
    `const { ChaincodeServerProcess } = require(${JSON.stringify(launcher)});
     const server = new ChaincodeServerProcess(${JSON.stringify(options)});
     server.start();
     console.log(server.pid);
     setTimeout(() => process.kill(process.pid, 'SIGKILL'), 300);`,
  );
  const parent = spawn(process.execPath, [path.join(dir, 'parent.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  parent.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  await new Promise((resolve) => parent.once('exit', resolve));
  const serverPid = Number(stdout.trim());
  expect(serverPid).toBeGreaterThan(0);
  await until(() => !alive(serverPid));
});

describe('chaincodeServerEnv', () => {
  it('runs the server at a quiet log level unless the environment names one', () => {
    expect(DEFAULT_CHAINCODE_LOG_LEVEL).toBe('WARNING');
    expect(chaincodeServerEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin', CORE_CHAINCODE_LOGGING_LEVEL: 'WARNING' });
    expect(chaincodeServerEnv({ CORE_CHAINCODE_LOGGING_LEVEL: 'DEBUG' }).CORE_CHAINCODE_LOGGING_LEVEL).toBe('DEBUG');
    expect(chaincodeServerEnv({ CORE_CHAINCODE_LOGGING_LEVEL: '' }).CORE_CHAINCODE_LOGGING_LEVEL).toBe('WARNING');
  });
});
