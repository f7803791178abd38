import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConnectionInfo } from '../devnet/connection-info';
import { readPids } from '../fabric';
import { gatewayLayout, type GatewaysReady } from '../gateways';
import { connectionFile } from './paths';
import type { NetworkRuntime } from './runtime';
import { isAlive } from '../process-alive';
import { stopProcessGroup } from './process-group';

/** The recorded pid, if that process still runs. */
export function runningPid(runtime: NetworkRuntime): number | undefined {
  const file = runtime.pidFile;
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

export function readGatewaysReady(dataDir: string): GatewaysReady | undefined {
  const file = gatewayLayout.ready(dataDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as GatewaysReady) : undefined;
}

export function readConnectionInfo(dataDir: string): ConnectionInfo | undefined {
  const file = connectionFile(dataDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ConnectionInfo) : undefined;
}

/** Start-up stopped by a signal to the CLI (Ctrl-C): the half-started network has been stopped. */
export class StartInterrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`start-up interrupted (${signal})`);
  }
}

export interface StartOptions {
  readonly timeoutMs?: number;
  /** Aborted (its reason a signal name) when start-up is to be given up. */
  readonly interrupt?: AbortSignal;
}

/**
 * Starts the network's foreground process detached, its output appended to the runtime's log, echoes its
 * progress lines, and resolves with its connection info once it is ready. It is then left running on its own.
 * If start-up fails, times out or is interrupted, nothing of it is left running: the process and everything it
 * started are stopped (see process-group.ts) before this rejects.
 */
export async function startDetached(runtime: NetworkRuntime, extraArgs: readonly string[], options: StartOptions = {}): Promise<ConnectionInfo> {
  const { timeoutMs = 300_000, interrupt } = options;
  const { dataDir, logFile: log } = runtime;
  mkdirSync(path.dirname(log), { recursive: true });
  rmSync(connectionFile(dataDir), { force: true });
  const logStart = existsSync(log) ? statSync(log).size : 0;
  const fd = openSync(log, 'a');
  const child = spawn(process.execPath, [runtime.entry, 'up', '--data-dir', dataDir, ...runtime.entryArgs, ...extraArgs], {
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${runtime.name}`);
  writeFileSync(runtime.pidFile, `${pid}\n`);
  child.unref();

  let shown = logStart;
  const giveUp = async (error: Error): Promise<never> => {
    await stopProcessGroup(pid);
    rmSync(runtime.pidFile, { force: true });
    rmSync(connectionFile(dataDir), { force: true });
    echoNewLines(log, shown);
    throw error;
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (interrupt?.aborted) return giveUp(new StartInterrupted(interrupt.reason as NodeJS.Signals));
    shown = echoNewLines(log, shown);
    const info = readConnectionInfo(dataDir);
    // Ready once it serves and so do the gateways it runs (ready.json comes last, even when there are none).
    if (info && info.pid === pid && readGatewaysReady(dataDir)?.pid === pid) return info;
    if (!isAlive(pid)) return giveUp(new Error(`${runtime.name} exited during start-up; see ${log}`));
    await sleep(200);
  }
  return giveUp(new Error(`${runtime.name} was not ready after ${timeoutMs / 1000} s, and has been stopped; see ${log}`));
}

function echoNewLines(file: string, from: number): number {
  if (!existsSync(file)) return from;
  const text = readFileSync(file);
  if (text.length <= from) return from;
  const end = text.lastIndexOf(0x0a) + 1;
  if (end <= from) return from;
  for (const line of text.subarray(from, end).toString('utf8').split('\n')) {
    if (line) console.log(`  ${summariseLogLine(line)}`);
  }
  return end;
}

/** Log lines are JSON (pino); show their message. */
function summariseLogLine(line: string): string {
  try {
    const entry = JSON.parse(line) as { msg?: string };
    return entry.msg ?? line;
  } catch {
    return line;
  }
}

/**
 * SIGTERM by recorded pid, then SIGKILL if it has not stopped within the grace period; then whatever is left of
 * its process group. For real Fabric, any process of the network still alive afterwards (pids.json) is killed too.
 */
export async function stopByPid(runtime: NetworkRuntime, graceMs = 30_000): Promise<'stopped' | 'not running'> {
  const pid = runningPid(runtime);
  const leftovers = () =>
    runtime.kind === 'fabric' ? Object.values(readPids(runtime.dataDir)).filter((p) => isAlive(p) && isFabricNodeOf(p, runtime.dataDir)) : [];
  if (pid === undefined) {
    rmSync(runtime.pidFile, { force: true });
    const orphans = leftovers();
    for (const orphan of orphans) process.kill(orphan, 'SIGTERM');
    return orphans.length > 0 ? 'stopped' : 'not running';
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  // Only a group whose leader we saw alive: a stale pid file's number may lead someone else's group by now.
  await stopProcessGroup(pid, 5_000);
  for (const orphan of leftovers()) process.kill(orphan, 'SIGKILL');
  rmSync(runtime.pidFile, { force: true });
  return 'stopped';
}

/** Whether the process is an orderer or peer of this data folder (its FABRIC_CFG_PATH lies inside it), not a recycled pid. */
function isFabricNodeOf(pid: number, dataDir: string): boolean {
  try {
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    return environ.some((entry) => entry.startsWith(`FABRIC_CFG_PATH=${dataDir}${path.sep}`));
  } catch {
    return false;
  }
}
