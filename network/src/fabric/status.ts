// Health of a real-Fabric network: which of its recorded processes run, and whether each peer has joined its
// channels and sees each chaincode committed there (asked through the peer CLI as the org's admin).
import type { NetworkDescription } from '../description';
import type { FabricBinaries } from './binaries';
import { peerChannels } from './channels';
import { runCommand } from './commands';
import { fabricContext, peerAdminEnv } from './context';
import { readPids } from './supervisor-process';
import { isAlive } from '../process-alive';

export interface ProcessState {
  readonly name: string;
  readonly pid: number;
  readonly running: boolean;
}

export interface PeerState {
  readonly peer: string;
  /** Per expected channel: joined or not, and the expected chaincodes found committed there. */
  readonly channels: ReadonlyArray<{ readonly channel: string; readonly joined: boolean; readonly chaincodes: ReadonlyArray<{ name: string; committed: boolean }> }>;
  readonly error?: string;
}

export function processStates(dataDir: string): ProcessState[] {
  return Object.entries(readPids(dataDir)).map(([name, pid]) => ({ name, pid, running: isAlive(pid) }));
}

export async function peerStates(description: NetworkDescription, binaries: FabricBinaries, dataDir: string): Promise<PeerState[]> {
  const ctx = fabricContext(description, binaries, dataDir, () => undefined);
  return Promise.all(
    description.peerOrgs.map(async (org): Promise<PeerState> => {
      try {
        const joined = new Set(await peerChannels(ctx, org));
        const channels = await Promise.all(
          description.channels
            .filter((channel) => channel.orgs.some((member) => member.mspId === org.mspId))
            .map(async (channel) => {
              const expected = description.chaincodes.filter((cc) => cc.definitions.some((d) => d.channel === channel.name)).map((cc) => cc.name);
              let committed = new Set<string>();
              if (joined.has(channel.name)) {
                const { stdout } = await runCommand(
                  binaries.path('peer'),
                  ['lifecycle', 'chaincode', 'querycommitted', '--channelID', channel.name, '-O', 'json'],
                  { env: peerAdminEnv(ctx, org) },
                );
                const parsed = JSON.parse(stdout || '{}') as { chaincode_definitions?: Array<{ name: string }> };
                committed = new Set((parsed.chaincode_definitions ?? []).map((d) => d.name));
              }
              return { channel: channel.name, joined: joined.has(channel.name), chaincodes: expected.map((name) => ({ name, committed: committed.has(name) })) };
            }),
        );
        return { peer: org.peer.hostname, channels };
      } catch (err) {
        return { peer: org.peer.hostname, channels: [], error: (err as Error).message.split('\n').slice(-1)[0] };
      }
    }),
  );
}

