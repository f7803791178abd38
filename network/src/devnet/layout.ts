import path from 'node:path';

/** The devnet's data folder layout. */
export const dataLayout = {
  crypto: (dataDir: string) => path.join(dataDir, 'organizations'),
  ledger: (dataDir: string, channel: string) => path.join(dataDir, 'ledgers', channel),
  logs: (dataDir: string) => path.join(dataDir, 'logs'),
  connectionInfo: (dataDir: string) => path.join(dataDir, 'connection.json'),
  /** The committed chaincode definitions (sequence, package id per channel): what a redeploy compares against. */
  deployments: (dataDir: string) => path.join(dataDir, 'deployments.json'),
};
