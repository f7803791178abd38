// One devnet process in the foreground (test suites, the benchmark): `node network/dist/devnet/main.js up ...`,
// started and awaited until it prints its ready line on stdout.
import path from 'node:path';
import { ForegroundProcess } from './foreground-process';

/** The built entry point, whether this module runs from dist/client or (under ts-jest) from src/client. */
export const DEVNET_MAIN = path.resolve(__dirname, '..', '..', 'dist', 'devnet', 'main.js');

export interface DevnetArguments {
  /** The devnet entry point; tests of this module substitute small scripts that play the devnet's part. */
  readonly main?: string;
  readonly dataDir: string;
  readonly portOffset: number;
  readonly blockPerTx?: boolean;
  /** Another network description than network/network.yaml. */
  readonly description?: string;
}

export type DevnetProcess = ForegroundProcess;

/** Resolves once the devnet printed its ready line; otherwise kills it and rejects with its output. */
export function startDevnet(args: DevnetArguments, readyTimeoutMs = 60_000): Promise<DevnetProcess> {
  const argv = ['up', '--data-dir', args.dataDir, '--port-offset', String(args.portOffset)];
  if (args.blockPerTx) argv.push('--block-per-tx');
  if (args.description) argv.push('--description', args.description);
  // An IPC channel: a parent that ends, however it ends, takes the devnet with it (see devnet/main.ts).
  const options = { label: 'devnet', script: args.main ?? DEVNET_MAIN, args: argv, readyLine: 'devnet ready', ipc: true };
  return ForegroundProcess.start(options, readyTimeoutMs, (devnet) => devnet.signal('SIGKILL'));
}
