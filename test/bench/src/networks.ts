// The networks the benchmark measures, each started on a folder and ports of its own from test/network/network.yaml:
// the devnet always; real Fabric too when FABRIC_BIN names official binaries, so both are measured in one run on
// the same machine under the same workload.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dataLayout, startDevnet, type ConnectionInfo } from '@crossborder-trace/network';
import { FabricSupervisorProcess, locateFabricBinaries } from '@crossborder-trace/network/dist/fabric';

export interface BenchNetwork {
  /** "devnet", "Fabric 3.1.5"... */
  readonly label: string;
  readonly info: ConnectionInfo;
  /** Resident memory of the network's process and every process under it (nodes, chaincode servers). */
  rssMiB(): number;
  stop(): Promise<void>;
}

export type NetworkKind = 'devnet' | 'fabric';

/** The tests' network (test/network/network.yaml): the project's, with the conformance chaincode the workload drives. */
const DESCRIPTION = path.resolve(__dirname, '..', '..', 'network', 'network.yaml');

export async function startBenchNetwork(kind: NetworkKind, fabricBin: string | undefined, portOffset: number): Promise<BenchNetwork> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `${kind}-bench-`));
  try {
    const binaries = kind === 'fabric' ? locateFabricBinaries(fabricBin ?? '') : undefined;
    const process = binaries
      ? await FabricSupervisorProcess.start({ fabricBin: binaries.binDir, dataDir, portOffset, description: DESCRIPTION })
      : await startDevnet({ dataDir, portOffset, description: DESCRIPTION });
    const info = JSON.parse(readFileSync(dataLayout.connectionInfo(dataDir), 'utf8')) as ConnectionInfo;
    return {
      label: binaries ? `Fabric ${fabricVersion(binaries.path('peer'))}` : 'devnet',
      info,
      rssMiB: () => treeRssMiB(process.pid!),
      stop: async () => {
        await process.signal('SIGTERM');
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** The release a peer binary reports (`peer version` prints " Version: 3.1.5"). */
function fabricVersion(peer: string): string {
  return /Version:\s*(\S+)/.exec(execFileSync(peer, ['version'], { encoding: 'utf8' }))?.[1] ?? '(unknown version)';
}

/** VmRSS of pid and all its descendants, from /proc. */
export function treeRssMiB(root: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = parentOf(Number(entry));
    if (ppid !== undefined) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  let kb = 0;
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    kb += rssKb(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return kb / 1024;
}

function parentOf(pid: number): number | undefined {
  try {
    // The command name (field 2) is in parentheses and may hold spaces: the fields after its ')' are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
