import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { NetworkDescription } from '../description';
import type { ConnectionInfo } from '../devnet/connection-info';
import { gatewayLayout, writeGatewayConfigs, type OrgGatewayConfig } from './configs';
import { SupervisedGateway } from './supervisor';

export { gatewayLayout, relistGatewayUsers, writeGatewayConfigs, type OrgGatewayConfig } from './configs';

/** What gateways.json tells the CLI and clients: which network process runs them, and where each listens. */
export interface GatewaysReady {
  readonly pid: number;
  readonly gateways: readonly { readonly org: string; readonly url: string }[];
}

export interface OrgGateways {
  readonly gateways: readonly OrgGatewayConfig[];
  stop(): Promise<void>;
}

/** Starts the REST gateway of every org the description gives one, supervised by the calling network process. */
export async function startOrgGateways(description: NetworkDescription, info: ConnectionInfo, dataDir: string, logsDir: string, log: (message: string) => void): Promise<OrgGateways> {
  const configs = writeGatewayConfigs(description, info, dataDir);
  const entry = path.join(path.dirname(require.resolve('@crossborder-trace/gateway/package.json')), 'dist', 'cli', 'main.js');
  const supervised = configs.map((config) => new SupervisedGateway(config, { entry, logsDir, log }));
  const stop = async () => {
    await Promise.all(supervised.map((g) => g.stop()));
  };
  try {
    for (const gateway of supervised) {
      await gateway.start();
      log(`gateway of ${gateway.config.org} serves ${gateway.config.url}`);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { gateways: configs, stop };
}

/** Records which gateways serve (none when the network runs without them), for the CLI that waits for it. */
export function writeGatewaysReady(dataDir: string, gateways: OrgGateways | undefined): void {
  const ready: GatewaysReady = { pid: process.pid, gateways: (gateways?.gateways ?? []).map(({ org, url }) => ({ org, url })) };
  const file = gatewayLayout.ready(dataDir);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(ready, null, 2));
  renameSync(`${file}.tmp`, file);
}
