import { peer } from '@hyperledger/fabric-protos';
import type { InstalledPackage, LifecycleSources } from './lifecycle';
import { LifecycleFailure } from './lifecycle-failure';

const lifecycle = peer.lifecycle;

/** The chaincodes each channel runs from a package: its references in Fabric's installed-chaincode answers. */
function referencesOf(sources: LifecycleSources, pkg: InstalledPackage): Map<string, { name: string; version: string }[]> {
  const references = new Map<string, { name: string; version: string }[]>();
  for (const channel of sources.channels()) {
    const using = sources.registry.list(channel).filter((d) => d.packageId === pkg.packageId);
    if (using.length > 0) references.set(channel, using.map((d) => ({ name: d.name, version: d.version })));
  }
  return references;
}

/** Fabric's QueryInstalledChaincodes: every package on the peer, with the channels' chaincodes that run it. */
export function queryInstalledChaincodes(sources: LifecycleSources): Uint8Array {
  const result = new lifecycle.QueryInstalledChaincodesResult();
  for (const pkg of sources.installed()) {
    const installed = new lifecycle.QueryInstalledChaincodesResult.InstalledChaincode();
    installed.setPackageId(pkg.packageId);
    installed.setLabel(pkg.label);
    for (const [channel, chaincodes] of referencesOf(sources, pkg)) {
      const references = new lifecycle.QueryInstalledChaincodesResult.References();
      for (const { name, version } of chaincodes) {
        const chaincode = new lifecycle.QueryInstalledChaincodesResult.Chaincode();
        chaincode.setName(name);
        chaincode.setVersion(version);
        references.addChaincodes(chaincode);
      }
      installed.getReferencesMap().set(channel, references);
    }
    result.addInstalledChaincodes(installed);
  }
  return result.serializeBinary();
}

/** Fabric's QueryInstalledChaincode: one package by id. */
export function queryInstalledChaincode(sources: LifecycleSources, packageId: string): Uint8Array {
  const pkg = sources.installed().find((p) => p.packageId === packageId);
  if (!pkg) throw new LifecycleFailure(`could not find chaincode with package id '${packageId}'`);
  const result = new lifecycle.QueryInstalledChaincodeResult();
  result.setPackageId(pkg.packageId);
  result.setLabel(pkg.label);
  for (const [channel, chaincodes] of referencesOf(sources, pkg)) {
    const references = new lifecycle.QueryInstalledChaincodeResult.References();
    for (const { name, version } of chaincodes) {
      const chaincode = new lifecycle.QueryInstalledChaincodeResult.Chaincode();
      chaincode.setName(name);
      chaincode.setVersion(version);
      references.addChaincodes(chaincode);
    }
    result.getReferencesMap().set(channel, references);
  }
  return result.serializeBinary();
}
