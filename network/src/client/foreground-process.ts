// A network's process run in the foreground by the suites and the benchmark: spawned, awaited until it prints
// its ready line, signalled. Both pipes are read for its whole life (an unread pipe fills up and stalls it), and
// its last lines are kept so that a failure can show what it said.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

const KEPT_LINES = 400;

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ForegroundOptions {
  /** For messages: "devnet", "the Fabric network". */
  readonly label: string;
  readonly script: string;
  readonly args: readonly string[];
  readonly readyLine: string;
  /** An IPC channel, so that the process notices its parent's end. */
  readonly ipc?: boolean;
}

export class ForegroundProcess {
  readonly #child: ChildProcess;
  readonly #label: string;
  readonly #lines: string[] = [];
  readonly #exited: Promise<Exit>;
  readonly #ready: Promise<void>;
  #exit?: Exit;

  private constructor(options: ForegroundOptions) {
    this.#label = options.label;
    const stdio = options.ipc ? (['ignore', 'pipe', 'pipe', 'ipc'] as const) : (['ignore', 'pipe', 'pipe'] as const);
    this.#child = spawn(process.execPath, [options.script, ...options.args], { stdio: [...stdio] });
    let markReady: () => void = () => undefined;
    this.#ready = new Promise((resolve) => (markReady = resolve));
    this.#follow(this.#child.stdout, (line) => line.includes(options.readyLine) && markReady());
    this.#follow(this.#child.stderr, () => undefined);
    this.#exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => resolve((this.#exit = { code, signal })));
      this.#child.once('error', (err) => {
        this.#keep(`spawn failed: ${err.message}`);
        resolve((this.#exit = { code: null, signal: null }));
      });
    });
  }

  /** Resolves once the ready line was printed; otherwise ends the process with abort and rejects with its output. */
  static async start(options: ForegroundOptions, readyTimeoutMs: number, abort: (started: ForegroundProcess) => Promise<unknown>): Promise<ForegroundProcess> {
    if (!existsSync(options.script)) throw new Error(`${options.script} does not exist: build the workspaces first (npx tsc -b)`);
    const started = new ForegroundProcess(options);
    let timer: NodeJS.Timeout | undefined;
    const failure = await Promise.race([
      started.#ready.then(() => undefined),
      started.#exited.then((exit) => `${options.label} exited before it was ready (code ${exit.code}, signal ${exit.signal})`),
      new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`${options.label} not ready after ${readyTimeoutMs} ms`), readyTimeoutMs))),
    ]);
    clearTimeout(timer);
    if (failure === undefined) return started;
    await abort(started).catch(() => undefined);
    throw new Error(`${failure}\n--- ${options.label} output (last ${KEPT_LINES} lines) ---\n${started.output}`);
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

  /** Resolves when the process has ended. */
  exited(): Promise<Exit> {
    return this.#exited;
  }

  /**
   * Sends the signal and waits for the exit. A process that outlives timeoutMs is ended by onIgnored (SIGKILL by
   * default) and the call rejects.
   */
  async signal(signal: NodeJS.Signals, timeoutMs = 30_000, onIgnored: () => Promise<unknown> = () => this.#kill()): Promise<Exit> {
    if (this.#exit) return this.#exit;
    this.#child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([this.#exited, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)))]);
    clearTimeout(timer);
    if (outcome !== 'timeout') return outcome;
    await onIgnored();
    throw new Error(`${this.#label} (pid ${this.pid}) ignored ${signal} for ${timeoutMs} ms and was killed\n${this.output}`);
  }

  async #kill(): Promise<void> {
    this.#child.kill('SIGKILL');
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
