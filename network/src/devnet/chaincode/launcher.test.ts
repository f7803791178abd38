import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ChaincodeError } from './api';
import { ChaincodeServerProcess } from './launcher';
import { freePort, writeTestChaincode } from './test-fixtures';

jest.setTimeout(20_000);

let dir: string;

beforeAll(() => {
  dir = writeTestChaincode();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition(); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('runs fabric-shim\'s server from the package folder, logs to the file, restarts it when it dies, stops it', async () => {
  const logFile = path.join(dir, 'logs', 'server.log');
  const server = new ChaincodeServerProcess({
    chaincode: { name: 'cc', label: 'cc_1', path: dir, endpoint: { host: '127.0.0.1', port: await freePort() }, definitions: [] },
    packageId: 'cc_1:abcd',
    logFile,
    stopGraceMs: 2000,
  });
  server.start();
  const first = server.pid!;
  expect(alive(first)).toBe(true);
  await until(() => readFileSync(logFile, 'utf8').includes('Bootstrap process completed'));

  process.kill(first, 'SIGKILL');
  await until(() => server.pid !== undefined && server.pid !== first);
  expect(readFileSync(logFile, 'utf8')).toContain('[devnet] chaincode server exited (signal SIGKILL); restarting in 500 ms');

  const second = server.pid!;
  await server.stop();
  expect(server.pid).toBeUndefined();
  expect(alive(second)).toBe(false);
  expect(() => server.start()).toThrow(ChaincodeError);
});

test('the server ends with the process that started it, even when that process is killed', async () => {
  // A stand-in devnet: the launcher, transpiled beside a script that starts a server, prints its pid and dies.
  for (const name of ['launcher', 'api']) {
    const source = readFileSync(path.join(__dirname, `${name}.ts`), 'utf8');
    const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
    writeFileSync(path.join(dir, `${name}.js`), ts.transpileModule(source, { compilerOptions: options }).outputText);
  }
  const chaincode = { name: 'cc', label: 'cc_1', path: dir, endpoint: { host: '127.0.0.1', port: await freePort() }, definitions: [] };
  const options = { chaincode, packageId: 'cc_1:abcd', logFile: path.join(dir, 'logs', 'orphan.log') };
  writeFileSync(
    path.join(dir, 'parent.js'),
    `const { ChaincodeServerProcess } = require('./launcher');
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
  await until(() => !alive(serverPid), 5_000);
});
