import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConnectionInfo } from '../devnet/connection-info';
import { dataLayout } from '../devnet/layout';

export interface DevnetProcessOptions {
  readonly dataDir: string;
  readonly portOffset: number;
  readonly blockPerTx?: boolean;
  readonly description?: string;
  readonly readyTimeoutMs?: number;
}

/** A devnet running as a child process in the foreground (tests, benchmarks): started, stopped, killed. */
export class DevnetProcess {
  #child?: ChildProcess;
  #output = '';

  constructor(readonly options: DevnetProcessOptions) {}

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** What the process printed (for failure messages). */
  get output(): string {
    return this.#output;
  }

  async start(): Promise<ConnectionInfo> {
    const { dataDir, portOffset, blockPerTx, description, readyTimeoutMs = 90_000 } = this.options;
    const args = [path.resolve(__dirname, '..', 'devnet', 'main.js'), 'up', '--data-dir', dataDir, '--port-offset', String(portOffset)];
    if (blockPerTx) args.push('--block-per-tx');
    if (description) args.push('--description', description);
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    this.#output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`devnet not ready after ${readyTimeoutMs} ms`)), readyTimeoutMs);
      const fail = (err: Error) => {
        clearTimeout(timer);
        reject(new Error(`${err.message}\n--- devnet output ---\n${this.#output}`));
      };
      const onData = (chunk: Buffer) => {
        this.#output += chunk.toString();
        if (this.#output.includes('devnet ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code, signal) => fail(new Error(`devnet exited during start (${code ?? signal})`)));
    });
    return JSON.parse(readFileSync(dataLayout.connectionInfo(dataDir), 'utf8')) as ConnectionInfo;
  }

  /** SIGTERM (graceful) or SIGKILL (crash); resolves when the process has exited. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM', timeoutMs = 30_000): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}
