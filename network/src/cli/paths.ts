import { dataLayout } from '../devnet/layout';
import path from 'node:path';

/** Where `npm start` keeps the devnet: ledgers, crypto material, logs, pid. */
export function defaultDataDir(): string {
  return path.resolve(__dirname, '..', '..', '..', '.devnet');
}

export function pidFile(dataDir: string): string {
  return path.join(dataDir, 'devnet.pid');
}

export function logFile(dataDir: string): string {
  return path.join(dataLayout.logs(dataDir), 'devnet.log');
}

export const connectionFile = dataLayout.connectionInfo;

/** The compiled foreground entry point of the devnet process. */
export function devnetEntry(): string {
  return path.resolve(__dirname, '..', 'devnet', 'main.js');
}
