// core.yaml for one peer: Fabric's own file from the release's config/ folder, patched for a native,
// Docker-less peer on 127.0.0.1 with the network description's ports and the project's crypto material.
import type { Endpoint, PeerOrgDescription } from '../description';
import type { PeerOrgCrypto } from '../crypto';
import { patchTree, type ConfigTree } from './config-patch';

export interface PeerSettings {
  readonly org: PeerOrgDescription;
  readonly crypto: PeerOrgCrypto;
  /** The peer's ledgers, snapshots and installed chaincodes. */
  readonly fileSystemPath: string;
  /** The folder holding bin/detect, bin/build and bin/release. */
  readonly builderDir: string;
  readonly networkId: string;
}

export const EXTERNAL_BUILDER_NAME = 'crossborder-ccaas';

const address = (endpoint: Endpoint) => `${endpoint.host}:${endpoint.port}`;

export function corePatch({ org, crypto, fileSystemPath, builderDir, networkId }: PeerSettings): Record<string, unknown> {
  const { peer } = org;
  return {
    'peer.id': peer.hostname,
    'peer.networkId': networkId,
    'peer.listenAddress': address(peer.endpoint),
    'peer.address': address(peer.endpoint),
    'peer.chaincodeListenAddress': address(peer.chaincodeEndpoint),
    'peer.chaincodeAddress': address(peer.chaincodeEndpoint),
    'peer.localMspId': org.mspId,
    'peer.mspConfigPath': crypto.peer.mspDir,
    'peer.fileSystemPath': fileSystemPath,
    // Gossip shares the peer's port; the external endpoint makes the peer known to other orgs (via anchor peers).
    'peer.gossip.bootstrap': address(peer.endpoint),
    'peer.gossip.endpoint': address(peer.endpoint),
    'peer.gossip.externalEndpoint': address(peer.endpoint),
    // On one host, a peer that was not up yet is retried in seconds rather than Fabric's default 25 s, so a
    // fresh network's membership (and discovery) settles quickly.
    'peer.gossip.reconnectInterval': '2s',
    'peer.tls.enabled': true,
    'peer.tls.clientAuthRequired': false,
    'peer.tls.cert.file': crypto.peer.tls.certPath,
    'peer.tls.key.file': crypto.peer.tls.keyPath,
    'peer.tls.rootcert.file': crypto.peer.tls.caPath,
    'peer.tls.clientRootCAs.files': [crypto.peer.tls.caPath],
    'peer.gateway.enabled': true,
    'peer.BCCSP.Default': 'SW',
    'peer.BCCSP.SW.FileKeyStore.KeyStore': '',
    // No container runtime: chaincode runs as a service, reached through the external builder.
    'vm.endpoint': '',
    'chaincode.mode': 'net',
    'chaincode.externalBuilders': [{ name: EXTERNAL_BUILDER_NAME, path: builderDir, propagateEnvironment: ['HOME'] }],
    'ledger.state.stateDatabase': 'goleveldb',
    'ledger.snapshots.rootDir': `${fileSystemPath}/snapshots`,
    'operations.listenAddress': address(peer.operationsEndpoint),
    'operations.tls.enabled': false,
    'metrics.provider': 'disabled',
  };
}

export function patchCoreConfig(tree: ConfigTree, settings: PeerSettings): ConfigTree {
  return patchTree(tree, corePatch(settings));
}
