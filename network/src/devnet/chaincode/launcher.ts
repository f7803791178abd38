import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { chaincodeTlsCrypto } from '../../crypto/layout';
import type { ChaincodeDescription } from '../../description';
import { ChaincodeError } from './api';
import { RestartBackoff } from '../../restart-backoff';

const DEFAULT_STOP_GRACE_MS = 5_000;
/**
 * Preloaded into the server: it exits when its IPC channel to the devnet closes, which happens however the devnet
 * ends (even SIGKILL). An orphaned server would keep its port, and the next devnet would talk to stale code.
 */
const EXIT_WITH_PARENT = "data:text/javascript,process.on('disconnect',()=>process.exit(0))";
/**
 * fabric-shim's log level when the environment names none (fabric-shim 2.5 reads CORE_CHAINCODE_LOGGING_LEVEL,
 * as a peer-launched chaincode gets it from core.yaml): warnings and errors. At its own default, INFO, the shim
 * writes a line for every transaction.
 */
export const DEFAULT_CHAINCODE_LOG_LEVEL = 'WARNING';

/** The server's environment: this process's, with the chaincode log level defaulted. */
export function chaincodeServerEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, CORE_CHAINCODE_LOGGING_LEVEL: env.CORE_CHAINCODE_LOGGING_LEVEL || DEFAULT_CHAINCODE_LOG_LEVEL };
}

export interface ChaincodeServerProcessOptions {
  readonly chaincode: ChaincodeDescription;
  /** label:hash; the server registers with it. */
  readonly packageId: string;
  /** The server's stdout and stderr are appended here. */
  readonly logFile: string;
  /**
   * Where the crypto material is: the server then listens with TLS under its chaincode's server certificate and
   * admits only clients certified by the chaincode TLS CA (the peers). Plaintext without it.
   */
  readonly cryptoRoot?: string;
  /** Between SIGTERM and SIGKILL on stop(). */
  readonly stopGraceMs?: number;
}

/**
 * A chaincode package's server, run as the ccaas builder's operator would run it: `fabric-chaincode-node server`
 * from the package's folder, listening where the chaincode description says (with TLS, given the crypto material).
 * Restarted with backoff when it dies; stopped only through its own process handle, and gone with the devnet's
 * process.
 */
export class ChaincodeServerProcess {
  readonly #options: ChaincodeServerProcessOptions;
  /** fabric-shim's cli and its arguments, once started. */
  #command?: readonly string[];
  #child?: ChildProcess;
  #exited?: Promise<void>;
  readonly #backoff = new RestartBackoff();
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
    if (this.#command) return;
    const { chaincode, packageId } = this.#options;
    const args = ['server', '--chaincode-address', `${chaincode.endpoint.host}:${chaincode.endpoint.port}`, '--chaincode-id', packageId, ...this.#tlsArgs()];
    let cli: string;
    try {
      // The package's own fabric-shim, as `npm start` in its folder would find it.
      cli = require.resolve('fabric-shim/cli', { paths: [chaincode.path] });
    } catch (err) {
      throw new ChaincodeError(`cannot find fabric-shim's cli from ${chaincode.path}: ${(err as Error).message}`);
    }
    this.#command = [cli, ...args];
    this.#spawn(this.#command);
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

  /** fabric-shim's server options for TLS; checked here, as a server missing its files would only die and restart. */
  #tlsArgs(): string[] {
    const { cryptoRoot, chaincode } = this.#options;
    if (cryptoRoot === undefined) return [];
    const tls = chaincodeTlsCrypto(cryptoRoot).server(chaincode.name);
    const missing = [tls.certPath, tls.keyPath, tls.caPath].filter((file) => !existsSync(file));
    if (missing.length > 0) throw new ChaincodeError(`no TLS material for chaincode server ${chaincode.name}: ${missing.join(', ')} missing`);
    // The client CA is the chaincode TLS CA (tls/ca.crt): given it, fabric-shim requires a client certificate.
    return ['--chaincode-tls-cert-file', tls.certPath, '--chaincode-tls-key-file', tls.keyPath, '--chaincode-tls-client-cacert-file', tls.caPath];
  }

  #spawn(command: readonly string[]): void {
    const { chaincode, logFile } = this.#options;
    mkdirSync(path.dirname(logFile), { recursive: true });
    const log = openSync(logFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, ['--import', EXIT_WITH_PARENT, ...command], {
        cwd: chaincode.path,
        env: chaincodeServerEnv(),
        stdio: ['ignore', log, log, 'ipc'],
      });
    } finally {
      closeSync(log); // the child holds its own copy
    }
    this.#child = child;
    this.#backoff.started();
    this.#exited = new Promise((resolve) => {
      let settled = false;
      const ended = (why: string) => {
        if (settled) return;
        settled = true;
        this.#onExit(why, command);
        resolve();
      };
      child.once('exit', (code, signal) => ended(signal ? `signal ${signal}` : `code ${code}`));
      child.once('error', (err) => ended(err.message));
    });
  }

  #onExit(why: string, command: readonly string[]): void {
    this.#child = undefined;
    if (this.#stopped) return;
    const delay = this.#backoff.nextDelayMs();
    appendFileSync(this.#options.logFile, `[devnet] chaincode server exited (${why}); restarting in ${delay} ms\n`);
    this.#restartTimer = setTimeout(() => this.#spawn(command), delay);
  }
}
