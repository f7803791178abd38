import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RestartBackoff } from '../restart-backoff';
import type { OrgGatewayConfig } from './configs';

/** How long a gateway has to answer /health/live after it starts, and to stop after SIGTERM. */
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

export interface GatewaySupervisorOptions {
  /** The gateway package's CLI (gateway/dist/cli/main.js). */
  readonly entry: string;
  readonly logsDir: string;
  readonly log: (message: string) => void;
}

/**
 * One org's gateway kept running as the network's own nodes are: a child process with its own log, started again
 * with backoff when it ends unasked. Its jobs survive a restart (they are in its store), so a crash loses nothing.
 */
export class SupervisedGateway {
  readonly #backoff = new RestartBackoff();
  #child?: ChildProcess;
  #stopped = false;
  #restartTimer?: NodeJS.Timeout;

  constructor(
    readonly config: OrgGatewayConfig,
    private readonly options: GatewaySupervisorOptions,
  ) {}

  get pid(): number | undefined {
    return this.#child?.exitCode === null ? this.#child.pid : undefined;
  }

  /** Starts the gateway and waits until it answers; rejects if it exits or stays silent. */
  async start(): Promise<void> {
    this.#backoff.started();
    const logFile = path.join(this.options.logsDir, `gateway-${this.config.org}.log`);
    const fd = openSync(logFile, 'a');
    const child = spawn(process.execPath, [this.options.entry, 'serve', '--config', this.config.file], { stdio: ['ignore', fd, fd] });
    closeSync(fd);
    this.#child = child;
    let exited: string | undefined;
    child.once('exit', (code, signal) => {
      exited = signal ?? `exit ${code}`;
      if (this.#child === child) this.#ended(exited);
    });
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (exited !== undefined) throw new Error(`the ${this.config.org} gateway exited while starting (${exited}); see ${logFile}`);
      if (await answers(`${this.config.url}/health/live`)) return;
      await sleep(200);
    }
    throw new Error(`the ${this.config.org} gateway did not answer within ${START_TIMEOUT_MS / 1000} s; see ${logFile}`);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#restartTimer);
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exit = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exit;
    clearTimeout(timer);
  }

  #ended(why: string): void {
    if (this.#stopped) return;
    const delay = this.#backoff.nextDelayMs();
    this.options.log(`gateway of ${this.config.org} exited unexpectedly (${why}); restarting in ${delay} ms`);
    this.#restartTimer = setTimeout(() => {
      this.start().then(
        () => this.options.log(`gateway of ${this.config.org} restarted (pid ${this.pid})`),
        (err: Error) => this.options.log(`gateway of ${this.config.org} did not come back: ${err.message}`),
      );
    }, delay);
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}
