// scripts/bootstrap.mjs on a project of its own making: a network workspace that needs a chaincode, and a project
// it does not need. It says what it builds, builds only what the command needs, rebuilds what a change made stale,
// and waits for the command it hands over to when Ctrl-C reaches both.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadNetworkDescription } from '@crossborder-trace/network';
import { tempDir } from '../support/temp-dirs';

const ROOT = path.resolve(__dirname, '..', '..');
const TIMEOUT_MS = 120_000;

let project: string;

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
  writeFileSync(path.join(project, file), text);
}

function tsProject(dir: string, references: readonly string[]): void {
  write(
    `${dir}/tsconfig.json`,
    JSON.stringify({
      extends: path.relative(dir, 'tsconfig.base.json'),
      compilerOptions: { rootDir: 'src', outDir: 'dist', types: ['node'] },
      include: ['src'],
      references: references.map((ref) => ({ path: path.relative(dir, ref) })),
    }),
  );
}

/** The CLI stand-in: prints its arguments; `wait` waits for SIGINT, then says it cleaned up and exits as the CLI does. */
const CLI = `const args = process.argv.slice(2);
console.log('cli: ' + args.join(' '));
if (args[0] === 'wait') {
  process.on('SIGINT', () => { console.log('cli: SIGINT, cleaning up'); setTimeout(() => process.exit(130), 300); });
  setInterval(() => undefined, 1000);
  console.log('cli: waiting');
}
`;

beforeAll(() => {
  project = tempDir('bootstrap-');
  for (const file of ['bootstrap.mjs', 'bootstrap-build.mjs', 'bootstrap-steps.mjs', 'bootstrap-browser.mjs']) cpSync(path.join(ROOT, 'scripts', file), path.join(project, 'scripts', file));
  // The project's own compiler settings, where the build's bookkeeping is kept among them.
  cpSync(path.join(ROOT, 'tsconfig.base.json'), path.join(project, 'tsconfig.base.json'));
  write('package.json', JSON.stringify({ name: 'made-up', version: '1.0.0' }));
  write('package-lock.json', JSON.stringify({ lockfileVersion: 3, packages: {} }));
  // Installed already (the marker is newer than the lockfile): the test is about building.
  write('node_modules/.package-lock.json', '{}');
  mkdirSync(path.join(project, 'node_modules', '@types'), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules', 'typescript'), path.join(project, 'node_modules', 'typescript'));
  symlinkSync(path.join(ROOT, 'node_modules', '@types', 'node'), path.join(project, 'node_modules', '@types', 'node'));
  tsProject('chaincode/cc', []);
  write('chaincode/cc/src/index.ts', 'export const version = 1;\n');
  tsProject('network', ['chaincode/cc']);
  write('network/src/cli/main.ts', CLI);
  write('network/network.yaml', 'peerOrgs: []\nchaincodes:\n  # the one it deploys\n  - name: cc\n    path: chaincode/cc\n    port: 1\n');
  tsProject('unneeded', []);
  write('unneeded/src/index.ts', 'export const unused = true;\n');
  write('tsconfig.json', JSON.stringify({ files: [], references: [{ path: 'chaincode/cc' }, { path: 'network' }, { path: 'unneeded' }] }));
});

function bootstrap(...args: string[]): { code: number | null; output: string } {
  try {
    return { code: 0, output: execFileSync(process.execPath, [path.join(project, 'scripts', 'bootstrap.mjs'), ...args], { encoding: 'utf8' }) };
  } catch (err) {
    const failed = err as { status: number | null; stdout: string };
    return { code: failed.status, output: failed.stdout };
  }
}

it('builds only what the network command needs, a line per project, then hands over', () => {
  const { code, output } = bootstrap('network', 'status');
  expect(code).toBe(0);
  expect(output).toMatch(/building TypeScript: network, chaincode\/cc \(tsc -b/);
  expect(output).toMatch(/\] building chaincode\/cc \(not built yet\)\n.*\] building network \(not built yet\)\n/);
  expect(output).toMatch(/built 2 projects \(\d+\.\d s\)/);
  expect(output).toMatch(/cli: status\n/);
  expect(existsSync(path.join(project, 'chaincode', 'cc', 'dist', 'index.js'))).toBe(true);
  expect(existsSync(path.join(project, 'unneeded', 'dist'))).toBe(false);
}, TIMEOUT_MS);

it('builds nothing when nothing changed, and rebuilds what a changed source made stale', () => {
  const again = bootstrap('start');
  expect(again.output).toMatch(/up to date: chaincode\/cc, network\n.*nothing to build/);
  expect(again.output).not.toMatch(/\] building /);
  expect(again.output).toMatch(/cli: up\n/);

  write('chaincode/cc/src/index.ts', 'export const version = 2;\n');
  const changed = bootstrap('start');
  expect(changed.output).toMatch(/\] building chaincode\/cc \(chaincode\/cc\/src\/index\.ts changed\)/);
  expect(readFileSync(path.join(project, 'chaincode', 'cc', 'dist', 'index.js'), 'utf8')).toContain('version = 2');

  // Removing a build's output (dist/) makes it stale too: what tsc -b keeps of a build lives in dist/ with it.
  rmSync(path.join(project, 'chaincode', 'cc', 'dist'), { recursive: true });
  const removed = bootstrap('start');
  expect(removed.output).toMatch(/\] building chaincode\/cc \(not built yet\)/);
  expect(existsSync(path.join(project, 'chaincode', 'cc', 'dist', 'index.js'))).toBe(true);
}, TIMEOUT_MS);

it('stops at a compile error, showing it', () => {
  write('chaincode/cc/src/index.ts', 'export const version: number = "three";\n');
  const { code, output } = bootstrap('network', 'status');
  expect(code).not.toBe(0);
  expect(output).toMatch(/chaincode\/cc\/src\/index\.ts\(1,14\): error TS2322/);
  expect(output).not.toMatch(/cli: /);
  write('chaincode/cc/src/index.ts', 'export const version = 3;\n');
}, TIMEOUT_MS);

it('waits for the command it handed over to when Ctrl-C reaches both, and ends with its exit code', async () => {
  const child = spawn(process.execPath, [path.join(project, 'scripts', 'bootstrap.mjs'), 'network', 'wait'], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const waiting = new Promise<void>((resolve) =>
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('cli: waiting')) resolve();
    }),
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await waiting;
  process.kill(-child.pid!, 'SIGINT');
  expect(await exited).toBe(130);
  expect(output).toContain('cli: SIGINT, cleaning up');
}, TIMEOUT_MS);

it("reads the chaincodes network/network.yaml deploys as the description's loader does", () => {
  const script = `import('./scripts/bootstrap-build.mjs').then((m) => console.log(JSON.stringify(m.chaincodePaths('network/network.yaml'))))`;
  const scanned = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[];
  const loaded = loadNetworkDescription().chaincodes.map((cc) => path.relative(ROOT, cc.path));
  expect(scanned).toEqual(loaded);
  expect(scanned.length).toBeGreaterThan(0);
});
