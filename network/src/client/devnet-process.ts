// One devnet process in the foreground (test suites, the benchmark): `node network/dist/devnet/main.js up ...`,
// started, awaited until it prints its ready line on stdout, signalled. Its last output lines are kept so a
// failure can show what the devnet said.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** The built entry point, whether this module runs from dist/client or (under ts-jest) from src/client. */
export const DEVNET_MAIN = path.resolve(__dirname, '..', '..', 'dist', 'devnet', 'main.js');
const READY_LINE = 'devnet ready';
const KEPT_LINES = 400;

export interface DevnetArguments {
  /** The devnet entry point; tests of this module substitute small scripts that play the devnet's part. */
  readonly main?: string;
  readonly dataDir: string;
  readonly portOffset: number;
  readonly blockPerTx?: boolean;
  /** Another network description than network/network.yaml. */
  readonly description?: string;
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export class DevnetProcess {
  readonly #child: ChildProcess;
  readonly #lines: string[] = [];
  readonly #exited: Promise<Exit>;
  readonly #ready: Promise<void>;
  #exit?: Exit;

  private constructor(args: DevnetArguments) {
    const argv = [args.main ?? DEVNET_MAIN, 'up', '--data-dir', args.dataDir, '--port-offset', String(args.portOffset)];
    if (args.blockPerTx) argv.push('--block-per-tx');
    if (args.description) argv.push('--description', args.description);
    this.#child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let markReady: () => void = () => undefined;
    this.#ready = new Promise((resolve) => (markReady = resolve));
    // Both pipes are read for the whole life of the process: an unread pipe fills up and stalls the devnet.
    this.#follow(this.#child.stdout, (line) => line.includes(READY_LINE) && markReady());
    this.#follow(this.#child.stderr, () => undefined);
    this.#exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => resolve((this.#exit = { code, signal })));
      this.#child.once('error', (err) => {
        this.#keep(`spawn failed: ${err.message}`);
        resolve((this.#exit = { code: null, signal: null }));
      });
    });
  }

  /** Resolves once the devnet printed its ready line; otherwise kills it and rejects with its output. */
  static async start(args: DevnetArguments, readyTimeoutMs = 60_000): Promise<DevnetProcess> {
    const main = args.main ?? DEVNET_MAIN;
    if (!existsSync(main)) throw new Error(`${main} does not exist: build the workspaces first (npx tsc -b)`);
    const devnet = new DevnetProcess(args);
    let timer: NodeJS.Timeout | undefined;
    const failure = await Promise.race([
      devnet.#ready.then(() => undefined),
      devnet.#exited.then((exit) => `devnet exited before it was ready (code ${exit.code}, signal ${exit.signal})`),
      new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`devnet not ready after ${readyTimeoutMs} ms`), readyTimeoutMs))),
    ]);
    clearTimeout(timer);
    if (failure === undefined) return devnet;
    await devnet.signal('SIGKILL');
    throw new Error(`${failure}\n--- devnet output (last ${KEPT_LINES} lines) ---\n${devnet.output}`);
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get output(): string {
    return this.#lines.join('\n');
  }

  get running(): boolean {
    return this.#exit === undefined;
  }

  /** Sends the signal and waits for the exit; SIGKILLs and rejects when the process outlives timeoutMs. */
  async signal(signal: NodeJS.Signals, timeoutMs = 30_000): Promise<Exit> {
    if (this.#exit) return this.#exit;
    this.#child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      this.#exited,
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (outcome !== 'timeout') return outcome;
    this.#child.kill('SIGKILL');
    await this.#exited;
    throw new Error(`devnet (pid ${this.pid}) ignored ${signal} for ${timeoutMs} ms and was killed\n${this.output}`);
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
