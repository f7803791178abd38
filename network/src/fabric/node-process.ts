// One Fabric node (orderer or peer) as a native process: FABRIC_CFG_PATH names its own config folder, its
// output goes to its own log file, and it is ready when its operations endpoint answers /healthz.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import type { Endpoint } from '../description';
import { baseEnv } from './commands';
import { FabricNetworkError } from './errors';

export interface NodeProcessOptions {
  readonly name: string;
  readonly executable: string;
  readonly args: readonly string[];
  readonly configDir: string;
  readonly logFile: string;
  readonly operations: Endpoint;
  /** Endpoints that must accept connections too: operations answers before the gRPC listeners are up. */
  readonly listens: readonly Endpoint[];
  /** Called when the process ends without being asked to. */
  readonly onUnexpectedExit?: (why: string) => void;
}

export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

const STOP_GRACE_MS = 15_000;

export class FabricNodeProcess {
  readonly #child: ChildProcess;
  readonly #exited: Promise<ExitStatus>;
  #exit?: ExitStatus;
  #stopping = false;

  private constructor(readonly options: NodeProcessOptions) {
    mkdirSync(path.dirname(options.logFile), { recursive: true });
    const log = openSync(options.logFile, 'a');
    try {
      this.#child = spawn(options.executable, [...options.args], {
        env: { ...baseEnv(), FABRIC_CFG_PATH: options.configDir },
        stdio: ['ignore', log, log],
      });
    } finally {
      closeSync(log);
    }
    this.#exited = new Promise((resolve) => {
      const done = (status: ExitStatus, why: string) => {
        if (this.#exit) return;
        this.#exit = status;
        appendFileSync(options.logFile, `\n[network] ${options.name} exited (${why})\n`);
        if (!this.#stopping) options.onUnexpectedExit?.(why);
        resolve(status);
      };
      this.#child.once('exit', (code, signal) => done({ code, signal }, signal ? `signal ${signal}` : `code ${code}`));
      this.#child.once('error', (err) => done({ code: null, signal: null }, err.message));
    });
  }

  /**
   * Starts the process and waits for /healthz and its listeners; kills it and rejects with its log's end when it
   * fails. onSpawned sees the process at once, so a caller can stop it even if a sibling's start fails first.
   */
  static async start(options: NodeProcessOptions, onSpawned: (node: FabricNodeProcess) => void, readyTimeoutMs = 60_000): Promise<FabricNodeProcess> {
    const node = new FabricNodeProcess(options);
    onSpawned(node);
    const deadline = Date.now() + readyTimeoutMs;
    while (Date.now() < deadline) {
      if (node.#exit) throw new FabricNetworkError(`${options.name} exited while starting; ${options.logFile} ends:\n${logTail(options.logFile)}`);
      if ((await healthy(options.operations)) && (await Promise.all(options.listens.map(accepting))).every(Boolean)) return node;
      await sleep(250);
    }
    await node.stop();
    throw new FabricNetworkError(`${options.name} not ready after ${readyTimeoutMs} ms; ${options.logFile} ends:\n${logTail(options.logFile)}`);
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get running(): boolean {
    return this.#exit === undefined;
  }

  get exited(): Promise<ExitStatus> {
    return this.#exited;
  }

  /** SIGTERM, SIGKILL after the grace period; resolves with how it ended. */
  async stop(graceMs = STOP_GRACE_MS): Promise<ExitStatus> {
    this.#stopping = true;
    if (this.#exit) return this.#exit;
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs);
    const status = await this.#exited;
    clearTimeout(timer);
    return status;
  }
}

/** GET /healthz on an operations endpoint: 200 means the node and its checkers are fine. */
export async function healthy(endpoint: Endpoint): Promise<boolean> {
  return (await operationsGet(endpoint, '/healthz'))?.status === 200;
}

/** A GET on an operations endpoint; undefined when it does not answer. */
export function operationsGet(endpoint: Endpoint, urlPath: string, timeoutMs = 2_000): Promise<{ status: number; body: string } | undefined> {
  return new Promise((resolve) => {
    const req = request({ host: endpoint.host, port: endpoint.port, path: urlPath, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve(undefined));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

/** The channels whose Raft leader this orderer is, from its Prometheus gauge consensus_etcdraft_is_leader. */
export async function raftLeadership(operations: Endpoint): Promise<Set<string>> {
  const metrics = await operationsGet(operations, '/metrics');
  const leading = new Set<string>();
  for (const match of metrics?.body.matchAll(/^consensus_etcdraft_is_leader\{channel="([^"]+)"\} 1$/gm) ?? []) leading.add(match[1]);
  return leading;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether a TCP connection to the endpoint succeeds. */
export function accepting(endpoint: Endpoint, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: endpoint.host, port: endpoint.port, timeout: timeoutMs });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/** A log's error lines and last lines, without terminal colours: why a node did not come up. */
export function logTail(file: string, lines = 15): string {
  try {
    const all = readFileSync(file, 'utf8').replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '').trimEnd().split('\n');
    const errors = all.filter((line) => /panic|FATA|ERRO|\bError\b|address already in use/.test(line)).slice(-10);
    return [...errors, '...', ...all.slice(-lines)].join('\n');
  } catch {
    return '(no log)';
  }
}
