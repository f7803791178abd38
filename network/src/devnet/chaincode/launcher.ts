import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import type { ChaincodeDescription } from '../../description';
import { ChaincodeError } from './api';

/** Restart delays of a server that keeps dying: doubling from the first to the last. */
const INITIAL_RESTART_DELAY_MS = 500;
const MAX_RESTART_DELAY_MS = 10_000;
/** A server that ran this long was healthy: its next restart starts from the first delay again. */
const STABLE_RUN_MS = 30_000;
const DEFAULT_STOP_GRACE_MS = 5_000;
/**
 * Preloaded into the server: it exits when its IPC channel to the devnet closes, which happens however the devnet
 * ends (even SIGKILL). An orphaned server would keep its port, and the next devnet would talk to stale code.
 */
const EXIT_WITH_PARENT = "data:text/javascript,process.on('disconnect',()=>process.exit(0))";

export interface ChaincodeServerProcessOptions {
  readonly chaincode: ChaincodeDescription;
  /** label:hash; the server registers with it. */
  readonly packageId: string;
  /** The server's stdout and stderr are appended here. */
  readonly logFile: string;
  /** Between SIGTERM and SIGKILL on stop(). */
  readonly stopGraceMs?: number;
}

/**
 * A chaincode package's server, run as the ccaas builder's operator would run it: `fabric-chaincode-node server`
 * from the package's folder, listening where the chaincode description says. Restarted with backoff when it dies;
 * stopped only through its own process handle, and gone with the devnet's process.
 */
export class ChaincodeServerProcess {
  readonly #options: ChaincodeServerProcessOptions;
  #cli?: string;
  #child?: ChildProcess;
  #exited?: Promise<void>;
  #startedAt = 0;
  #shortRuns = 0;
  #restartTimer?: NodeJS.Timeout;
  #stopped = false;

  constructor(options: ChaincodeServerProcessOptions) {
    this.#options = options;
  }

  /** The running server's process id; undefined while it is down. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  start(): void {
    if (this.#stopped) throw new ChaincodeError(`chaincode server ${this.#options.packageId} was stopped`);
    if (this.#cli) return;
    try {
      // The package's own fabric-shim, as `npm start` in its folder would find it.
      this.#cli = require.resolve('fabric-shim/cli', { paths: [this.#options.chaincode.path] });
    } catch (err) {
      throw new ChaincodeError(`cannot find fabric-shim's cli from ${this.#options.chaincode.path}: ${(err as Error).message}`);
    }
    this.#spawn(this.#cli);
  }

  /** SIGTERM, then SIGKILL after the grace period; resolves once the process has exited. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#restartTimer);
    const child = this.#child;
    if (!child) return;
    const exited = this.#exited;
    child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), this.#options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS);
    await exited;
    clearTimeout(kill);
  }

  #spawn(cli: string): void {
    const { chaincode, packageId, logFile } = this.#options;
    mkdirSync(path.dirname(logFile), { recursive: true });
    const log = openSync(logFile, 'a');
    let child: ChildProcess;
    try {
      const address = `${chaincode.endpoint.host}:${chaincode.endpoint.port}`;
      child = spawn(process.execPath, ['--import', EXIT_WITH_PARENT, cli, 'server', '--chaincode-address', address, '--chaincode-id', packageId], {
        cwd: chaincode.path,
        stdio: ['ignore', log, log, 'ipc'],
      });
    } finally {
      closeSync(log); // the child holds its own copy
    }
    this.#child = child;
    this.#startedAt = Date.now();
    this.#exited = new Promise((resolve) => {
      let settled = false;
      const ended = (why: string) => {
        if (settled) return;
        settled = true;
        this.#onExit(why, cli);
        resolve();
      };
      child.once('exit', (code, signal) => ended(signal ? `signal ${signal}` : `code ${code}`));
      child.once('error', (err) => ended(err.message));
    });
  }

  #onExit(why: string, cli: string): void {
    this.#child = undefined;
    if (this.#stopped) return;
    if (Date.now() - this.#startedAt >= STABLE_RUN_MS) this.#shortRuns = 0;
    const delay = Math.min(INITIAL_RESTART_DELAY_MS * 2 ** this.#shortRuns, MAX_RESTART_DELAY_MS);
    this.#shortRuns++;
    appendFileSync(this.#options.logFile, `[devnet] chaincode server exited (${why}); restarting in ${delay} ms\n`);
    this.#restartTimer = setTimeout(() => this.#spawn(cli), delay);
  }
}
