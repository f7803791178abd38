import path from 'node:path';
import { FABRIC_INSTALL_HINT, fabricLayout, locateFabricBinaries } from '../fabric';
import { dataLayout } from '../devnet/layout';
import { defaultDataDir, devnetEntry, logFile, pidFile } from './paths';

/** Which kind of network the CLI drives: the devnet, or real Fabric when FABRIC_BIN is set. */
export interface NetworkRuntime {
  readonly kind: 'devnet' | 'fabric';
  /** The first line of output: which network this is. */
  readonly banner: string;
  readonly name: string;
  readonly dataDir: string;
  readonly entry: string;
  readonly entryArgs: readonly string[];
  readonly pidFile: string;
  readonly logFile: string;
  readonly cryptoRoot: string;
  readonly fabricBin?: string;
}

/** Where `npm start` keeps a real-Fabric network: beside the devnet's folder, never mixed with it. */
export function defaultFabricDataDir(): string {
  return path.resolve(defaultDataDir(), '..', '.fabric');
}

/** FABRIC_BIN set: real Fabric from those binaries (checked now, with how to get them if they are not there). */
export function selectRuntime(env: NodeJS.ProcessEnv, dataDirOption: string | undefined): NetworkRuntime {
  const fabricBin = env.FABRIC_BIN;
  if (fabricBin) {
    const binaries = locateFabricBinaries(fabricBin);
    const dataDir = path.resolve(dataDirOption ?? defaultFabricDataDir());
    return {
      kind: 'fabric',
      banner: `network: real Hyperledger Fabric from FABRIC_BIN=${binaries.binDir}`,
      name: 'the Fabric network',
      dataDir,
      entry: path.resolve(__dirname, '..', 'fabric', 'main.js'),
      entryArgs: ['--fabric-bin', binaries.binDir],
      pidFile: path.join(dataDir, 'fabric.pid'),
      // The detached process's own output; it also keeps its progress in logs/network.log.
      logFile: fabricLayout.log(dataDir, 'supervisor'),
      cryptoRoot: fabricLayout.crypto(dataDir),
      fabricBin: binaries.binDir,
    };
  }
  const dataDir = path.resolve(dataDirOption ?? defaultDataDir());
  return {
    kind: 'devnet',
    banner: 'network: the devnet (no Fabric binaries needed; set FABRIC_BIN to run on real Fabric 3.1)',
    name: 'the devnet',
    dataDir,
    entry: devnetEntry(),
    entryArgs: [],
    pidFile: pidFile(dataDir),
    logFile: logFile(dataDir),
    cryptoRoot: dataLayout.crypto(dataDir),
  };
}

/** Shown when the devnet starts: how to get real Fabric instead. */
export const DEVNET_HINT = [
  '  to run on real Fabric instead, set FABRIC_BIN to the bin/ folder of official Fabric 3.1.x binaries:',
  ...FABRIC_INSTALL_HINT.split('\n').slice(1, 3),
].join('\n');
