import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { FabricNetworkError } from './errors';

export const FABRIC_EXECUTABLES = ['peer', 'orderer', 'configtxgen', 'osnadmin', 'configtxlator'] as const;
export type FabricExecutable = (typeof FABRIC_EXECUTABLES)[number];

/** A Fabric release bundle's layout: bin/ with the executables, config/ beside it with Fabric's sample configs. */
export interface FabricBinaries {
  readonly binDir: string;
  /** core.yaml, orderer.yaml (and configtx.yaml) as the release ships them. */
  readonly configDir: string;
  path(name: FabricExecutable): string;
}

/** How to obtain official binaries; shown whenever they are missing or incomplete. */
export const FABRIC_INSTALL_HINT = [
  'Get official Hyperledger Fabric 3.1.x binaries with Fabric\'s install script (the "binary" component):',
  '  curl -sSLO https://raw.githubusercontent.com/hyperledger/fabric/main/scripts/install-fabric.sh',
  '  chmod +x install-fabric.sh && ./install-fabric.sh --fabric-version 3.1.5 binary',
  'then point FABRIC_BIN at the bin/ folder it unpacked (config/ must sit beside it).',
  'The devnet needs none of this: unset FABRIC_BIN to run on the devnet.',
].join('\n');

/** Checks that FABRIC_BIN holds every executable and that ../config holds core.yaml and orderer.yaml. */
export function locateFabricBinaries(fabricBin: string): FabricBinaries {
  const binDir = path.resolve(fabricBin);
  const configDir = path.resolve(binDir, '..', 'config');
  const problems: string[] = [];
  for (const name of FABRIC_EXECUTABLES) {
    const file = path.join(binDir, name);
    try {
      accessSync(file, constants.X_OK);
    } catch {
      problems.push(`${file} is missing or not executable`);
    }
  }
  for (const file of ['core.yaml', 'orderer.yaml']) {
    if (!existsSync(path.join(configDir, file))) problems.push(`${path.join(configDir, file)} is missing`);
  }
  if (problems.length > 0) {
    throw new FabricNetworkError(`FABRIC_BIN=${fabricBin} is not a Fabric release's bin/ folder:\n  ${problems.join('\n  ')}\n${FABRIC_INSTALL_HINT}`);
  }
  return { binDir, configDir, path: (name) => path.join(binDir, name) };
}
