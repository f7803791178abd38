// `npm run network -- ...` as a user runs it, minus the bootstrap: the compiled CLI on a data folder and ports of the
// test's own. FABRIC_BIN passes through, so the same test drives the devnet or real Fabric.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const CLI = path.resolve(__dirname, '..', '..', 'network', 'dist', 'cli', 'main.js');

export interface CliRun {
  readonly child: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  readonly exited: Promise<number | null>;
}

/**
 * Starts the CLI as a terminal starts a command: in a process group of its own (a job), so signalling the group is
 * what Ctrl-C does.
 */
export function startCli(args: readonly string[], options: { dataDir: string; portOffset: number }): CliRun {
  const child = spawn(process.execPath, [CLI, ...args, '--data-dir', options.dataDir, '--port-offset', String(options.portOffset)], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** Runs the CLI to its end. */
export async function runCli(args: readonly string[], options: { dataDir: string; portOffset: number }): Promise<{ code: number | null; output: string }> {
  const run = startCli(args, options);
  const code = await run.exited;
  return { code, output: run.output() };
}

/**
 * Every process on this machine whose command line or environment names the folder: the network's own process,
 * and what it started (chaincode servers get their TLS files from it, Fabric nodes their FABRIC_CFG_PATH). Linux only.
 */
export function processesUsing(dir: string): Array<{ pid: number; command: string }> {
  const found: Array<{ pid: number; command: string }> = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const command = readProc(pid, 'cmdline');
    if (command === undefined || isZombie(pid)) continue;
    if (command.includes(dir) || (readProc(pid, 'environ') ?? '').includes(dir)) found.push({ pid, command: command.replaceAll('\0', ' ') });
  }
  return found;
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined; // gone meanwhile, or not ours to read
  }
}

/** A zombie has ended; only its parent's bookkeeping is left. */
function isZombie(pid: number): boolean {
  const stat = readProc(pid, 'stat') ?? '';
  return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}
