// A handle on the real-Fabric network's foreground process (fabric/main.js) for the suites and the benchmark:
// started and awaited until it prints its ready line, signalled, and, for crash tests, killed together with every
// process it started (pids.json), as a host losing power would end them all.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ForegroundProcess, type Exit } from '../client/foreground-process';
import { FabricNetworkError } from './errors';
import { fabricLayout } from './layout';
import { sleep } from './node-process';
import { isAlive } from '../process-alive';

export const FABRIC_MAIN = path.resolve(__dirname, '..', '..', 'dist', 'fabric', 'main.js');
const STOP_TIMEOUT_MS = 60_000;

export interface FabricNetworkArguments {
  readonly fabricBin: string;
  readonly dataDir: string;
  readonly portOffset: number;
  readonly blockPerTx?: boolean;
  readonly description?: string;
}

export class FabricSupervisorProcess {
  private constructor(
    readonly args: FabricNetworkArguments,
    private readonly supervisor: ForegroundProcess,
  ) {}

  static async start(args: FabricNetworkArguments, readyTimeoutMs = 180_000): Promise<FabricSupervisorProcess> {
    const argv = ['up', '--fabric-bin', args.fabricBin, '--data-dir', args.dataDir, '--port-offset', String(args.portOffset)];
    if (args.blockPerTx) argv.push('--block-per-tx');
    if (args.description) argv.push('--description', args.description);
    const options = { label: 'the Fabric network', script: FABRIC_MAIN, args: argv, readyLine: 'fabric network ready', ipc: true };
    try {
      const supervisor = await ForegroundProcess.start(options, readyTimeoutMs, (started) =>
        started.signal('SIGTERM', STOP_TIMEOUT_MS, () => killNetwork(args.dataDir, started, 'SIGKILL')),
      );
      return new FabricSupervisorProcess(args, supervisor);
    } catch (err) {
      throw new FabricNetworkError((err as Error).message);
    }
  }

  get pid(): number | undefined {
    return this.supervisor.pid;
  }

  get running(): boolean {
    return this.supervisor.running;
  }

  get output(): string {
    return this.supervisor.output;
  }

  /** Signals the supervisor and waits for its exit; SIGKILLs everything and rejects after timeoutMs. */
  signal(signal: NodeJS.Signals, timeoutMs = STOP_TIMEOUT_MS): Promise<Exit> {
    return this.supervisor.signal(signal, timeoutMs, () => this.killAll('SIGKILL'));
  }

  /** Sends the signal to the supervisor and every process in pids.json at once; waits until all have ended. */
  killAll(signal: NodeJS.Signals, timeoutMs = 30_000): Promise<void> {
    return killNetwork(this.args.dataDir, this.supervisor, signal, timeoutMs);
  }
}

async function killNetwork(dataDir: string, supervisor: ForegroundProcess, signal: NodeJS.Signals, timeoutMs = 30_000): Promise<void> {
  const pids = new Set(Object.values(readPids(dataDir)));
  if (supervisor.pid !== undefined && supervisor.running) pids.add(supervisor.pid);
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      pids.delete(pid);
    }
  }
  const deadline = Date.now() + timeoutMs;
  while ([...pids].some(isAlive)) {
    if (Date.now() > deadline) throw new FabricNetworkError(`processes still alive ${timeoutMs} ms after ${signal}: ${[...pids].filter(isAlive).join(', ')}`);
    await sleep(100);
  }
  await supervisor.exited();
}

export function readPids(dataDir: string): Record<string, number> {
  try {
    return JSON.parse(readFileSync(fabricLayout.pids(dataDir), 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

