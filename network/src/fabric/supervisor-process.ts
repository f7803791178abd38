// A handle on the real-Fabric network's foreground process (fabric/main.js) for the suites and the benchmark:
// started and awaited until it prints its ready line, signalled, and, for crash tests, killed together with every
// process it started (pids.json), as a host losing power would end them all.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { FabricNetworkError } from './errors';
import { fabricLayout } from './layout';
import { sleep } from './node-process';

export const FABRIC_MAIN = path.resolve(__dirname, '..', '..', 'dist', 'fabric', 'main.js');
const READY_LINE = 'fabric network ready';
const KEPT_LINES = 400;

export interface FabricNetworkArguments {
  readonly fabricBin: string;
  readonly dataDir: string;
  readonly portOffset: number;
  readonly blockPerTx?: boolean;
  readonly description?: string;
}

export interface SupervisorExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export class FabricSupervisorProcess {
  readonly #child: ChildProcess;
  readonly #lines: string[] = [];
  readonly #exited: Promise<SupervisorExit>;
  readonly #ready: Promise<void>;
  #exit?: SupervisorExit;

  private constructor(readonly args: FabricNetworkArguments) {
    const argv = [FABRIC_MAIN, 'up', '--fabric-bin', args.fabricBin, '--data-dir', args.dataDir, '--port-offset', String(args.portOffset)];
    if (args.blockPerTx) argv.push('--block-per-tx');
    if (args.description) argv.push('--description', args.description);
    this.#child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let markReady: () => void = () => undefined;
    this.#ready = new Promise((resolve) => (markReady = resolve));
    this.#follow(this.#child.stdout, (line) => line.endsWith(READY_LINE) && markReady());
    this.#follow(this.#child.stderr, () => undefined);
    this.#exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => resolve((this.#exit = { code, signal })));
      this.#child.once('error', (err) => {
        this.#keep(`spawn failed: ${err.message}`);
        resolve((this.#exit = { code: null, signal: null }));
      });
    });
  }

  static async start(args: FabricNetworkArguments, readyTimeoutMs = 180_000): Promise<FabricSupervisorProcess> {
    if (!existsSync(FABRIC_MAIN)) throw new FabricNetworkError(`${FABRIC_MAIN} does not exist: build the workspaces first (npx tsc -b)`);
    const network = new FabricSupervisorProcess(args);
    let timer: NodeJS.Timeout | undefined;
    const failure = await Promise.race([
      network.#ready.then(() => undefined),
      network.#exited.then((exit) => `the Fabric network exited before it was ready (code ${exit.code}, signal ${exit.signal})`),
      new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`the Fabric network was not ready after ${readyTimeoutMs} ms`), readyTimeoutMs))),
    ]);
    clearTimeout(timer);
    if (failure === undefined) return network;
    await network.signal('SIGTERM').catch(() => undefined);
    throw new FabricNetworkError(`${failure}\n--- output (last ${KEPT_LINES} lines) ---\n${network.output}`);
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get running(): boolean {
    return this.#exit === undefined;
  }

  get output(): string {
    return this.#lines.join('\n');
  }

  /** Signals the supervisor and waits for its exit; SIGKILLs everything and rejects after timeoutMs. */
  async signal(signal: NodeJS.Signals, timeoutMs = 60_000): Promise<SupervisorExit> {
    if (this.#exit) return this.#exit;
    this.#child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      this.#exited,
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (outcome !== 'timeout') return outcome;
    await this.killAll('SIGKILL');
    throw new FabricNetworkError(`the Fabric network (pid ${this.pid}) ignored ${signal} for ${timeoutMs} ms and was killed\n${this.output}`);
  }

  /** Sends the signal to the supervisor and every process in pids.json at once; waits until all have ended. */
  async killAll(signal: NodeJS.Signals, timeoutMs = 30_000): Promise<void> {
    const pids = new Set(Object.values(readPids(this.args.dataDir)));
    if (this.pid !== undefined && this.running) pids.add(this.pid);
    for (const pid of pids) {
      try {
        process.kill(pid, signal);
      } catch {
        pids.delete(pid);
      }
    }
    const deadline = Date.now() + timeoutMs;
    while ([...pids].some(alive)) {
      if (Date.now() > deadline) throw new FabricNetworkError(`processes still alive ${timeoutMs} ms after ${signal}: ${[...pids].filter(alive).join(', ')}`);
      await sleep(100);
    }
    await this.#exited;
  }

  #follow(stream: Readable | null, onLine: (line: string) => void): void {
    if (!stream) return;
    createInterface({ input: stream }).on('line', (line) => {
      this.#keep(line);
      onLine(line);
    });
  }

  #keep(line: string): void {
    this.#lines.push(line);
    if (this.#lines.length > KEPT_LINES) this.#lines.shift();
  }
}

export function readPids(dataDir: string): Record<string, number> {
  try {
    return JSON.parse(readFileSync(fabricLayout.pids(dataDir), 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
