#!/usr/bin/env node
// Entry point of `npm start`, `npm test`, `npm run network` and `npm run bench` on a fresh clone: it must
// run before anything is installed, so it uses Node's standard library only. It installs what is missing
// (npm ci from the lockfile), builds the TypeScript once it is stale, then hands over to the compiled CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [command = 'start', ...rest] = process.argv.slice(2);

function step(message) {
  console.log(`\u25b6 ${message}`);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`\u2716 ${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

/** The network CLI reports its own outcome; its exit code (e.g. 3 from status: not running) passes through. */
function handOver(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

function ensureInstalled() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  step('installing dependencies from package-lock.json (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
}

function ensureBuilt() {
  step('building TypeScript (tsc -b)');
  run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']);
}

function cli(args) {
  handOver(process.execPath, [path.join(root, 'network', 'dist', 'cli', 'main.js'), ...args]);
}

const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
// The first line says which network this run uses: real Fabric when FABRIC_BIN names official binaries.
// The benchmark measures the devnet always, and real Fabric beside it.
const fabricBin = process.env.FABRIC_BIN;
const fabric = `real Hyperledger Fabric (FABRIC_BIN=${fabricBin})`;
const networks = !fabricBin ? 'the devnet' : command === 'bench' ? `the devnet and ${fabric}` : fabric;
console.log(`${packageJson.name} ${packageJson.version} on ${networks}`);
ensureInstalled();
ensureBuilt();

switch (command) {
  case 'start':
    cli(['up', ...rest]);
    break;
  case 'network':
    cli(rest);
    break;
  case 'bench':
    run(process.execPath, [path.join(root, 'test', 'bench', 'dist', 'bench.js'), ...rest]);
    break;
  case 'test':
    step('lint (eslint)');
    run(process.execPath, [path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.']);
    step('tests (jest)');
    run(process.execPath, [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', ...rest]);
    break;
  default:
    console.error(`unknown command ${command}: use start, test, network or bench`);
    process.exit(2);
}
