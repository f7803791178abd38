// Writes every config file a run needs into the data folder: configtx.yaml, and per node a FABRIC_CFG_PATH
// folder with Fabric's core.yaml or orderer.yaml from the binaries' config/ folder, patched.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configYaml, readConfigTree } from './config-patch';
import { configtxYaml, type ConfigtxOptions } from './configtx';
import { peerCrypto, type FabricContext } from './context';
import { patchCoreConfig } from './core-config';
import { fabricLayout } from './layout';
import { patchOrdererConfig } from './orderer-config';

/** The external builder (bin/detect, bin/build, bin/release) kept in the source tree, whether this runs from src/ or dist/. */
export function builderDir(): string {
  return path.resolve(__dirname, '..', '..', 'src', 'fabric', 'builder');
}

export function configtxFile(dataDir: string): string {
  return path.join(fabricLayout.config(dataDir), 'configtx.yaml');
}

export function writeConfigFiles(ctx: FabricContext, options: ConfigtxOptions): void {
  const { description, dataDir, binaries } = ctx;
  write(configtxFile(dataDir), configtxYaml(description, { orderer: ctx.orderer, peerOrgs: ctx.peers }, options));
  const orderer = description.ordererOrg.orderer;
  const ordererTree = patchOrdererConfig(readConfigTree(path.join(binaries.configDir, 'orderer.yaml')), {
    org: description.ordererOrg,
    crypto: ctx.orderer,
    fileSystemPath: fabricLayout.production(dataDir, orderer.hostname),
  });
  write(path.join(fabricLayout.nodeConfig(dataDir, orderer.hostname), 'orderer.yaml'), configYaml(ordererTree));
  for (const org of description.peerOrgs) {
    const coreTree = patchCoreConfig(readConfigTree(path.join(binaries.configDir, 'core.yaml')), {
      org,
      crypto: peerCrypto(ctx, org),
      fileSystemPath: fabricLayout.production(dataDir, org.peer.hostname),
      builderDir: builderDir(),
      networkId: description.name,
    });
    write(path.join(fabricLayout.nodeConfig(dataDir, org.peer.hostname), 'core.yaml'), configYaml(coreTree));
  }
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}
