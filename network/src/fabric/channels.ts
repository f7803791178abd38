// Channels without a system channel: a genesis block per channel from configtxgen, the orderer joined through
// its channel participation API (osnadmin), every member peer joined with `peer channel join`. Anchor peers are
// part of each org's definition in the genesis block, so gossip reaches across orgs from the first block.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ChannelDescription } from '../description';
import { runCommand } from './commands';
import { configtxFile } from './config-files';
import { osnadminArgs, peerAdminEnv, type FabricContext } from './context';
import { profileName } from './configtx';
import { FabricNetworkError } from './errors';
import { fabricLayout } from './layout';

export async function createGenesisBlocks(ctx: FabricContext): Promise<void> {
  for (const channel of ctx.description.channels) {
    const block = fabricLayout.channelBlock(ctx.dataDir, channel.name);
    if (existsSync(block)) continue;
    mkdirSync(path.dirname(block), { recursive: true });
    await runCommand(ctx.binaries.path('configtxgen'), [
      '-configPath',
      path.dirname(configtxFile(ctx.dataDir)),
      '-profile',
      profileName(channel.name),
      '-channelID',
      channel.name,
      '-outputBlock',
      block,
    ]);
    ctx.log(`channel ${channel.name}: genesis block written by configtxgen`);
  }
}

/** The channels the orderer serves, from `osnadmin channel list`. */
export async function ordererChannels(ctx: FabricContext): Promise<string[]> {
  const { stdout } = await runCommand(ctx.binaries.path('osnadmin'), ['channel', 'list', ...osnadminArgs(ctx)]);
  const body = stdout.slice(stdout.indexOf('{'));
  const parsed = JSON.parse(body) as { channels?: Array<{ name: string }> | null };
  return (parsed.channels ?? []).map((c) => c.name);
}

export async function joinOrderer(ctx: FabricContext): Promise<void> {
  const joined = new Set(await ordererChannels(ctx));
  for (const channel of ctx.description.channels) {
    if (joined.has(channel.name)) continue;
    const { stdout } = await runCommand(ctx.binaries.path('osnadmin'), [
      'channel',
      'join',
      '--channelID',
      channel.name,
      '--config-block',
      fabricLayout.channelBlock(ctx.dataDir, channel.name),
      ...osnadminArgs(ctx),
    ]);
    if (!/Status: 201/.test(stdout)) throw new FabricNetworkError(`osnadmin channel join ${channel.name}: ${stdout.trim()}`);
    ctx.log(`orderer joined ${channel.name}`);
  }
}

/** The channels a peer has joined, from `peer channel list` as the org's admin. */
export async function peerChannels(ctx: FabricContext, org: ChannelDescription['orgs'][number]): Promise<string[]> {
  const { stdout } = await runCommand(ctx.binaries.path('peer'), ['channel', 'list'], { env: peerAdminEnv(ctx, org) });
  const lines = stdout.split('\n').map((line) => line.trim());
  const start = lines.findIndex((line) => line.startsWith('Channels peers has joined'));
  return lines.slice(start + 1).filter((line) => line.length > 0);
}

export async function joinPeers(ctx: FabricContext): Promise<void> {
  await Promise.all(
    ctx.description.peerOrgs.map(async (org) => {
      const joined = new Set(await peerChannels(ctx, org));
      for (const channel of ctx.description.channels) {
        if (joined.has(channel.name) || !channel.orgs.some((member) => member.mspId === org.mspId)) continue;
        await runCommand(ctx.binaries.path('peer'), ['channel', 'join', '-b', fabricLayout.channelBlock(ctx.dataDir, channel.name)], {
          env: peerAdminEnv(ctx, org),
        });
        ctx.log(`${org.peer.hostname} joined ${channel.name}`);
      }
    }),
  );
}
