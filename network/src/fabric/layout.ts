import path from 'node:path';
import { dataLayout } from '../devnet/layout';

/**
 * A real-Fabric network's data folder. Crypto material, connection.json, the deployments record and the logs sit
 * where the devnet keeps them, so clients and tests read either kind of network the same way; the rest is Fabric's.
 */
export const fabricLayout = {
  crypto: dataLayout.crypto,
  connectionInfo: dataLayout.connectionInfo,
  deployments: dataLayout.deployments,
  logs: dataLayout.logs,
  /** configtx.yaml, and one FABRIC_CFG_PATH folder per process (core.yaml or orderer.yaml). */
  config: (dataDir: string) => path.join(dataDir, 'config'),
  nodeConfig: (dataDir: string, hostname: string) => path.join(dataDir, 'config', hostname),
  /** Channel genesis blocks made by configtxgen. */
  channelBlock: (dataDir: string, channel: string) => path.join(dataDir, 'channel-artifacts', `${channel}.block`),
  /** The file ledger, WAL and snapshots of one orderer or peer. */
  production: (dataDir: string, hostname: string) => path.join(dataDir, 'production', hostname),
  packages: (dataDir: string) => path.join(dataDir, 'chaincode-packages'),
  log: (dataDir: string, name: string) => path.join(dataDir, 'logs', `${name}.log`),
  /** Name -> pid of every process the network runs (the supervisor, Fabric nodes, chaincode servers). */
  pids: (dataDir: string) => path.join(dataDir, 'pids.json'),
};
