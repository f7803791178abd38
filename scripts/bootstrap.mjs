#!/usr/bin/env node
// Entry point of `npm start`, `npm test`, `npm run network`, `npm run gateway` and `npm run bench` on a fresh clone: it must
// run before anything is installed, so it uses Node's standard library only. It installs what is missing
// (npm ci from the lockfile), builds what the command needs once it is stale, then hands over: to the compiled
// network CLI, the benchmark, or eslint and jest. Each step says what it does and how long it took.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBrowser } from './bootstrap-browser.mjs';
import { build } from './bootstrap-build.mjs';
import { elapsed, must, run, step } from './bootstrap-steps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [command = 'start', ...rest] = process.argv.slice(2);
const COMMANDS = ['start', 'network', 'gateway', 'bench', 'test'];

async function ensureInstalled() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  const entries = Object.entries(JSON.parse(readFileSync(lock, 'utf8')).packages ?? {});
  const packages = entries.filter(([key, entry]) => key.includes('node_modules/') && !entry.link).length;
  step(`installing ${packages} packages from package-lock.json (npm ci; a minute or two on a fresh machine)`);
  const since = Date.now();
  await must('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, heartbeat: 'still installing' });
  console.log(`\u2714 installed (${elapsed(since)})`);
}

/** The network CLI reports its own outcome; its exit code (e.g. 3 from status: not running) passes through. */
async function handOver(script, args) {
  process.exit(await run(process.execPath, [path.join(root, script), ...args], { cwd: root }));
}

async function main() {
  if (!COMMANDS.includes(command)) {
    console.error(`unknown command ${command}: use ${COMMANDS.join(', ')}`);
    process.exit(2);
  }
  const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  // The first line says which network this run uses: real Fabric when FABRIC_BIN names official binaries.
  // The benchmark measures the devnet always, and real Fabric beside it.
  const fabricBin = process.env.FABRIC_BIN;
  const fabric = `real Hyperledger Fabric (FABRIC_BIN=${fabricBin})`;
  const networks = !fabricBin ? 'the devnet' : command === 'bench' ? `the devnet and ${fabric}` : fabric;
  console.log(`${packageJson.name} ${packageJson.version} on ${networks}`);
  await ensureInstalled();
  await build(root, command);
  console.log(`\u2714 installed and built what ${command} needs (${elapsed()} in all)`);

  switch (command) {
    case 'start':
      return handOver(path.join('network', 'dist', 'cli', 'main.js'), ['up', ...rest]);
    case 'network':
      return handOver(path.join('network', 'dist', 'cli', 'main.js'), rest);
    case 'gateway':
      return handOver(path.join('gateway', 'dist', 'cli', 'main.js'), rest);
    case 'bench':
      return handOver(path.join('test', 'bench', 'dist', 'bench.js'), rest);
    case 'test':
      // jest compiles each file on its own without checking types: the suites and unit tests are checked here.
      step('type-check the tests (tsc -p tsconfig.test.json)');
      await must(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json'], { cwd: root });
      step('lint (eslint)');
      await must(process.execPath, [path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.'], { cwd: root });
      await ensureBrowser();
      step('tests (jest)');
      return handOver(path.join('node_modules', 'jest', 'bin', 'jest.js'), ['--ci', ...rest]);
  }
}

await main();
