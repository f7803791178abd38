// One org's REST gateway for the benchmark, run as `npm start` runs it: its own process
// (`node gateway/dist/cli/main.js serve --config <file>`), so that its memory is its own and can be read from /proc.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ConnectionInfo } from '@crossborder-trace/network';
import type { GatewayOptionsInput } from '@crossborder-trace/gateway';
import { benchTempDir } from './ending';
import { peakRssMiB } from './networks';

const CLI = path.resolve(__dirname, '..', '..', '..', 'gateway', 'dist', 'cli', 'main.js');
const READY_WITHIN_MS = 30_000;
const STOP_WITHIN_MS = 10_000;

export interface BenchGateway {
  readonly url: string;
  readonly pid: number;
  /** An API key of the user the gateway acts as. */
  readonly key: string;
  /** The gateway process's peak resident size so far (VmHWM). */
  peakRssMiB(): number;
  stop(): Promise<void>;
}

/**
 * Starts the org's gateway on the network, for its user, on 127.0.0.1 (a port the system picks: a fixed one may be
 * held by another program's connection), with a store of its own; issues the user an API key with the gateway's own
 * CLI, as an org admin would. The rate limit is lifted: the benchmark measures throughput, not the limiter.
 */
export async function startBenchGateway(info: ConnectionInfo, orgName: string, userName: string): Promise<BenchGateway> {
  const org = info.orgs.find((o) => o.name === orgName);
  const user = org?.users.find((u) => u.name === userName);
  if (!org || !user) throw new Error(`the network has no user ${userName} of ${orgName}`);
  let child: ChildProcess | undefined;
  const { dir, remove } = benchTempDir('gateway-bench-', () => child && stopChild(child));
  const config = path.join(dir, 'gateway.json');
  const options: GatewayOptionsInput = {
    org: org.name,
    mspId: org.mspId,
    peer: org.peer,
    users: [{ name: user.name, certPath: user.certPath, keyPath: user.keyPath }],
    host: '127.0.0.1',
    port: 0,
    dataDir: path.join(dir, 'data'),
    rateLimitPerMinute: 10_000_000,
    commitWaitMs: 60_000,
  };
  writeFileSync(config, JSON.stringify(options, null, 2));
  const logFile = path.join(dir, 'gateway.log');
  try {
    const issued = execFileSync(process.execPath, [CLI, 'key', 'add', '--config', config, '--user', user.name], { encoding: 'utf8' });
    const key = issued.trim().split('\n').pop() ?? '';
    const log = openSync(logFile, 'a');
    try {
      child = spawn(process.execPath, [CLI, 'serve', '--config', config], { stdio: ['ignore', log, log] });
    } finally {
      closeSync(log);
    }
    const url = await ready(child, logFile);
    const pid = child.pid!;
    return { url, pid, key, peakRssMiB: () => peakRssMiB(pid), stop: remove };
  } catch (err) {
    await remove();
    throw err;
  }
}

/**
 * The gateway's URL once it answers /health/ready (its peer answers), from the line its log gives when it listens;
 * or a failure with the end of its log.
 */
async function ready(child: ChildProcess, logFile: string): Promise<string> {
  const deadline = Date.now() + READY_WITHIN_MS;
  let url: string | undefined;
  while (Date.now() < deadline && child.exitCode === null) {
    url ??= listeningUrl(readFileSync(logFile, 'utf8'));
    if (url) {
      try {
        const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(5_000) });
        if (response.ok) return url;
      } catch {
        // Its peer may not answer yet.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const tail = readFileSync(logFile, 'utf8').trim().split('\n').slice(-10).join('\n');
  throw new Error(`the gateway did not become ready${child.exitCode !== null ? ` (it exited with ${child.exitCode})` : ''}:\n${tail}`);
}

/** The url of the gateway's "gateway listening" log line (pino JSON), if it has written it. */
function listeningUrl(log: string): string | undefined {
  for (const line of log.split('\n')) {
    if (!line.includes('gateway listening')) continue;
    try {
      const { url } = JSON.parse(line) as { url?: unknown };
      if (typeof url === 'string') return url;
    } catch {
      // Not a log record.
    }
  }
  return undefined;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_WITHIN_MS);
  await exited;
  clearTimeout(timer);
}
