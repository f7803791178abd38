// Chaincode lifecycle on real Fabric: a ccaas package per chaincode installed on every peer, the definition
// approved by every member org and committed on each channel with its collections config. A changed package
// (rebuilt code) is approved and committed at the next sequence.
import type { ChaincodeDefinitionDescription, ChaincodeDescription, ChannelDescription, PeerOrgDescription } from '../description';
import { chaincodeVersion, readDeploymentsFile, writeDeploymentsFile, type Deployment } from '../devnet/lifecycle/deployments';
import { writeCcaasPackage, type CcaasPackage } from './ccaas-package';
import { runCommand } from './commands';
import { address, ordererArgs, peerAdminEnv, peerCrypto, type FabricContext } from './context';
import { FabricNetworkError } from './errors';
import { fabricLayout } from './layout';

export type { Deployment };

const RETRIES = 10;
const RETRY_DELAY_MS = 2_000;

export function packageChaincodes(ctx: FabricContext): Map<string, CcaasPackage> {
  const { dataDir } = ctx;
  return new Map(ctx.description.chaincodes.map((cc) => [cc.name, writeCcaasPackage(cc, fabricLayout.crypto(dataDir), fabricLayout.packages(dataDir))]));
}

/** Installs each package on every peer that does not have it yet. */
export async function installChaincodes(ctx: FabricContext, packages: ReadonlyMap<string, CcaasPackage>): Promise<void> {
  await Promise.all(
    ctx.description.peerOrgs.map(async (org) => {
      const installed = await installedPackageIds(ctx, org);
      for (const pkg of packages.values()) {
        if (installed.has(pkg.packageId)) continue;
        const { stderr, stdout } = await runCommand(ctx.binaries.path('peer'), ['lifecycle', 'chaincode', 'install', pkg.file], {
          env: peerAdminEnv(ctx, org),
        });
        if (!`${stdout}${stderr}`.includes(pkg.packageId)) {
          throw new FabricNetworkError(`${org.peer.hostname} installed ${pkg.file} under another package id than ${pkg.packageId}:\n${stderr}`);
        }
        ctx.log(`${org.peer.hostname}: installed ${pkg.packageId}`);
      }
    }),
  );
}

async function installedPackageIds(ctx: FabricContext, org: PeerOrgDescription): Promise<Set<string>> {
  const { stdout } = await runCommand(ctx.binaries.path('peer'), ['lifecycle', 'chaincode', 'queryinstalled', '-O', 'json'], {
    env: peerAdminEnv(ctx, org),
  });
  const parsed = JSON.parse(stdout || '{}') as { installed_chaincodes?: Array<{ package_id: string }> };
  return new Set((parsed.installed_chaincodes ?? []).map((c) => c.package_id));
}

/** Approves and commits every definition whose committed package differs from the current one. */
export async function deployDefinitions(ctx: FabricContext, packages: ReadonlyMap<string, CcaasPackage>): Promise<Deployment[]> {
  const previous = readDeployments(ctx.dataDir);
  // One definition at a time (each org approving in parallel): a burst of lifecycle transactions on two cores
  // makes the peer CLI miss its own commit event ("timed out waiting for txid on all peers").
  const deployments: Deployment[] = [];
  for (const cc of ctx.description.chaincodes) {
    const pkg = packages.get(cc.name)!;
    for (const def of cc.definitions) {
      const channel = ctx.description.channels.find((c) => c.name === def.channel)!;
      deployments.push(await deployDefinition(ctx, cc, def, channel, pkg, previous));
    }
  }
  writeDeployments(ctx.dataDir, deployments);
  return deployments;
}

async function deployDefinition(
  ctx: FabricContext,
  cc: ChaincodeDescription,
  def: ChaincodeDefinitionDescription,
  channel: ChannelDescription,
  pkg: CcaasPackage,
  previous: readonly Deployment[],
): Promise<Deployment> {
  const committed = await committedSequence(ctx, channel, cc.name);
  const before = previous.find((d) => d.channel === channel.name && d.name === cc.name);
  if (committed !== undefined && before && before.sequence === committed && before.packageId === pkg.packageId) {
    return before;
  }
  const deployment: Deployment = {
    channel: channel.name,
    name: cc.name,
    version: chaincodeVersion(cc),
    sequence: (committed ?? 0) + 1,
    packageId: pkg.packageId,
  };
  const definitionArgs = [
    '--channelID',
    channel.name,
    '--name',
    cc.name,
    '--version',
    deployment.version,
    '--sequence',
    String(deployment.sequence),
    ...policyArgs(def),
  ];
  const readiness = await commitReadiness(ctx, channel.orgs[0], definitionArgs);
  await Promise.all(
    channel.orgs
      .filter((org) => readiness[org.mspId] !== true)
      .map((org) =>
        retrying(async () => {
          try {
            await runCommand(
              ctx.binaries.path('peer'),
              ['lifecycle', 'chaincode', 'approveformyorg', ...ordererArgs(ctx), ...definitionArgs, '--package-id', pkg.packageId],
              { env: peerAdminEnv(ctx, org) },
            );
          } catch (err) {
            // An earlier attempt whose commit event was missed may have approved after all: Fabric then refuses the
            // same approval again ("attempted to redefine uncommitted sequence (N) ... with unchanged content").
            if (/redefine uncommitted sequence \(\d+\) .* with unchanged content/.test((err as Error).message)) return;
            throw err;
          }
        }),
      ),
  );
  const peers = channel.orgs.flatMap((org) => ['--peerAddresses', address(org.peer.endpoint), '--tlsRootCertFiles', peerCrypto(ctx, org).tlsCaCertPath]);
  await retrying(async () => {
    try {
      await runCommand(ctx.binaries.path('peer'), ['lifecycle', 'chaincode', 'commit', ...ordererArgs(ctx), ...definitionArgs, ...peers], {
        env: peerAdminEnv(ctx, channel.orgs[0]),
      });
    } catch (err) {
      // An earlier attempt whose commit event was missed may have committed after all.
      if ((await committedSequence(ctx, channel, cc.name)) === deployment.sequence) return;
      throw err;
    }
  });
  ctx.log(`chaincode ${cc.name} on ${channel.name}: committed sequence ${deployment.sequence} (${pkg.packageId})`);
  return deployment;
}

/** --signature-policy or --channel-config-policy, and --collections-config, as the definition says. */
export function policyArgs(def: ChaincodeDefinitionDescription): string[] {
  const args: string[] = [];
  if (def.endorsementPolicy) {
    const isReference = def.endorsementPolicy.startsWith('/');
    args.push(isReference ? '--channel-config-policy' : '--signature-policy', def.endorsementPolicy);
  }
  if (def.collectionsPath) args.push('--collections-config', def.collectionsPath);
  return args;
}

async function committedSequence(ctx: FabricContext, channel: ChannelDescription, name: string): Promise<number | undefined> {
  try {
    const { stdout } = await runCommand(
      ctx.binaries.path('peer'),
      ['lifecycle', 'chaincode', 'querycommitted', '--channelID', channel.name, '--name', name, '-O', 'json'],
      { env: peerAdminEnv(ctx, channel.orgs[0]) },
    );
    return (JSON.parse(stdout) as { sequence: number }).sequence;
  } catch (err) {
    if (/namespace \S+ is not defined/.test((err as Error).message)) return undefined;
    throw err;
  }
}

async function commitReadiness(ctx: FabricContext, org: PeerOrgDescription, definitionArgs: string[]): Promise<Record<string, boolean>> {
  const { stdout } = await runCommand(
    ctx.binaries.path('peer'),
    ['lifecycle', 'chaincode', 'checkcommitreadiness', ...definitionArgs, '-O', 'json'],
    { env: peerAdminEnv(ctx, org) },
  );
  return (JSON.parse(stdout) as { approvals?: Record<string, boolean> }).approvals ?? {};
}

/** The orderer may still be electing its Raft leader right after start: retry what goes through it. */
async function retrying<T>(action: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (err) {
      // A missed commit event is retried; an approval that went through after all is recognised by the caller.
      const transient = /SERVICE_UNAVAILABLE|no Raft leader|connection refused|deadline exceeded|timed out waiting for txid/i.test((err as Error).message);
      if (!transient || attempt >= RETRIES) throw err;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    }
  }
}

export function readDeployments(dataDir: string): Deployment[] {
  return readDeploymentsFile(fabricLayout.deployments(dataDir));
}

function writeDeployments(dataDir: string, deployments: readonly Deployment[]): void {
  writeDeploymentsFile(fabricLayout.deployments(dataDir), deployments);
}
