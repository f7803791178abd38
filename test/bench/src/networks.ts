// The networks the benchmark measures, each started on a folder and ports of its own from test/network/network.yaml:
// the devnet always; real Fabric too when FABRIC_BIN names official binaries, so both are measured in one run on
// the same machine under the same workload.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataLayout, startDevnet, type ConnectionInfo } from '@crossborder-trace/network';
import { FabricSupervisorProcess, locateFabricBinaries } from '@crossborder-trace/network/dist/fabric';
import { benchTempDir } from './ending';

export interface BenchNetwork {
  /** "devnet", "Fabric 3.1.5"... */
  readonly label: string;
  readonly info: ConnectionInfo;
  /** The network's own process: the devnet, or the supervisor of Fabric's nodes. */
  readonly pid: number;
  /** Resident memory of the network's process and every process under it (nodes, chaincode servers). */
  rssMiB(): number;
  stop(): Promise<void>;
}

export type NetworkKind = 'devnet' | 'fabric';

/**
 * How long the devnet may take to start: its chaincode servers start after it, and the peers' reconnection backoff
 * grows while they are not up yet, which on a busy machine takes longer than the client's default minute.
 */
const DEVNET_READY_WITHIN_MS = 180_000;

/** The tests' network (test/network/network.yaml): the project's, with the conformance chaincode the workload drives. */
const DESCRIPTION = path.resolve(__dirname, '..', '..', 'network', 'network.yaml');

export async function startBenchNetwork(kind: NetworkKind, fabricBin: string | undefined, portOffset: number): Promise<BenchNetwork> {
  let started: { signal(signal: NodeJS.Signals): Promise<unknown> } | undefined;
  const { dir: dataDir, remove } = benchTempDir(`${kind}-bench-`, () => started?.signal('SIGTERM'));
  try {
    const binaries = kind === 'fabric' ? locateFabricBinaries(fabricBin ?? '') : undefined;
    const process = binaries
      ? await FabricSupervisorProcess.start({ fabricBin: binaries.binDir, dataDir, portOffset, description: DESCRIPTION })
      : await startDevnet({ dataDir, portOffset, description: DESCRIPTION }, DEVNET_READY_WITHIN_MS);
    started = process;
    const info = JSON.parse(readFileSync(dataLayout.connectionInfo(dataDir), 'utf8')) as ConnectionInfo;
    return {
      label: binaries ? `Fabric ${fabricVersion(binaries.path('peer'))}` : 'devnet',
      info,
      pid: process.pid!,
      rssMiB: () => treeRssMiB(process.pid!),
      // SIGTERM, then the folder goes, even when the network does not stop cleanly.
      stop: remove,
    };
  } catch (err) {
    await remove();
    throw err;
  }
}

/** The release a peer binary reports (`peer version` prints " Version: 3.1.5"). */
function fabricVersion(peer: string): string {
  return /Version:\s*(\S+)/.exec(execFileSync(peer, ['version'], { encoding: 'utf8' }))?.[1] ?? '(unknown version)';
}

/** VmRSS of pid and all its descendants, from /proc. */
export function treeRssMiB(root: number): number {
  return treePids(root).reduce((kb, pid) => kb + statusKb(pid, 'VmRSS'), 0) / 1024;
}

/** pid and all its descendants, from /proc. */
export function treePids(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = parentOf(Number(entry));
    if (ppid !== undefined) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const pids: number[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    pids.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return pids;
}

/** Clock ticks a second, the unit of /proc/<pid>/stat's CPU times: USER_HZ, which Linux fixes at 100. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user and system) each process has used so far, in ms, from /proc: 0 for one that has gone. Taken at the
 * start and the end of a phase, the differences are what the phase cost each process.
 */
export function cpuMs(pid: number | 'self'): number {
  const fields = statFields(pid);
  // utime and stime: the 14th and 15th fields of the line.
  return fields ? ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND : 0;
}

/** The peak resident size of a process (VmHWM): since it started, or since its peak was last reset. */
export function peakRssMiB(pid: number | 'self'): number {
  return statusKb(pid, 'VmHWM') / 1024;
}

/**
 * Starts a process's peak resident size afresh from its current size (writing 5 to /proc/<pid>/clear_refs), so
 * that a later peak is of what ran since. Answers whether it could (a process of another user cannot be reset).
 */
export function resetPeakRss(pid: number | 'self'): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

function parentOf(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields && Number(fields[1]);
}

/** The fields of /proc/<pid>/stat from the 3rd (state) on; undefined for a process that has gone. */
function statFields(pid: number | 'self'): string[] | undefined {
  try {
    // The command name (field 2) is in parentheses and may hold spaces: the fields after its ')' are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function statusKb(pid: number | 'self', field: 'VmRSS' | 'VmHWM'): number {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
