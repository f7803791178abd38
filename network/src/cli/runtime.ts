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
  /** Arguments of the network process: `up` runs each org's gateway beside the network (test networks do not). */
  readonly entryArgs: readonly string[];
  readonly pidFile: string;
  readonly logFile: string;
  /** Where its logs are, for people: the folder and what each file holds. */
  readonly logs: string;
  readonly cryptoRoot: string;
  /** Added to every port of the description (0 for npm start; tests run beside it on other ports). */
  readonly portOffset: number;
  /** The CLI options that name this network again (data folder, port offset), when they are not the defaults. */
  readonly cliOptions: readonly string[];
  readonly fabricBin?: string;
}

/** Where `npm start` keeps a real-Fabric network: beside the devnet's folder, never mixed with it. */
export function defaultFabricDataDir(): string {
  return path.resolve(defaultDataDir(), '..', '.fabric');
}

/** FABRIC_BIN set: real Fabric from those binaries (checked now, with how to get them if they are not there). */
export function selectRuntime(env: NodeJS.ProcessEnv, dataDirOption: string | undefined, portOffset = 0): NetworkRuntime {
  const fabricBin = env.FABRIC_BIN;
  const offsetArgs = portOffset === 0 ? [] : ['--port-offset', String(portOffset)];
  const cliOptions = (dataDir: string) => [...(dataDirOption === undefined ? [] : ['--data-dir', dataDir]), ...offsetArgs];
  if (fabricBin) {
    const binaries = locateFabricBinaries(fabricBin);
    const dataDir = path.resolve(dataDirOption ?? defaultFabricDataDir());
    return {
      kind: 'fabric',
      banner: `network: real Hyperledger Fabric from FABRIC_BIN=${binaries.binDir}`,
      name: 'the Fabric network',
      dataDir,
      entry: path.resolve(__dirname, '..', 'fabric', 'main.js'),
      entryArgs: ['--fabric-bin', binaries.binDir, '--gateways', ...offsetArgs],
      pidFile: path.join(dataDir, 'fabric.pid'),
      // The detached process's own output; it also keeps its progress in logs/network.log.
      logFile: fabricLayout.log(dataDir, 'supervisor'),
      logs: `${fabricLayout.logs(dataDir)}/: network.log (start-up, restarts), <node host>.log (orderer, peers), chaincode-<name>.log, gateway-<Org>.log`,
      cryptoRoot: fabricLayout.crypto(dataDir),
      portOffset,
      cliOptions: cliOptions(dataDir),
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
    entryArgs: ['--gateways', ...offsetArgs],
    pidFile: pidFile(dataDir),
    logFile: logFile(dataDir),
    logs: `${dataLayout.logs(dataDir)}/: devnet.log (the devnet), chaincode-<name>.log (chaincode servers), gateway-<Org>.log (REST gateways)`,
    cryptoRoot: dataLayout.crypto(dataDir),
    portOffset,
    cliOptions: cliOptions(dataDir),
  };
}

/** Shown when the devnet starts: how to get real Fabric instead. */
export const DEVNET_HINT = [
  '  to run on real Fabric instead, set FABRIC_BIN to the bin/ folder of official Fabric 3.1.x binaries:',
  ...FABRIC_INSTALL_HINT.split('\n').slice(1, 3),
].join('\n');
