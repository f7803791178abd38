// orderer.yaml for the Raft orderer: Fabric's own file from the release's config/ folder, patched for a native
// orderer on 127.0.0.1, no system channel (channel participation API), TLS with the project's material.
import type { Endpoint, OrdererOrgDescription } from '../description';
import type { OrdererOrgCrypto } from '../crypto';
import { patchTree, type ConfigTree } from './config-patch';

export interface OrdererSettings {
  readonly org: OrdererOrgDescription;
  readonly crypto: OrdererOrgCrypto;
  /** Block files, Raft WAL and snapshots. */
  readonly fileSystemPath: string;
}

const address = (endpoint: Endpoint) => `${endpoint.host}:${endpoint.port}`;

export function ordererPatch({ org, crypto, fileSystemPath }: OrdererSettings): Record<string, unknown> {
  const { orderer } = org;
  const tls = crypto.orderer.tls;
  return {
    'General.ListenAddress': orderer.endpoint.host,
    'General.ListenPort': orderer.endpoint.port,
    'General.TLS.Enabled': true,
    'General.TLS.PrivateKey': tls.keyPath,
    'General.TLS.Certificate': tls.certPath,
    'General.TLS.RootCAs': [tls.caPath],
    'General.TLS.ClientAuthRequired': false,
    // The cluster shares the general listener (the consenter's port in the channel config is the orderer's port).
    'General.Cluster.ClientCertificate': tls.certPath,
    'General.Cluster.ClientPrivateKey': tls.keyPath,
    'General.Cluster.ListenAddress': '',
    'General.Cluster.ListenPort': 0,
    'General.Cluster.ServerCertificate': '',
    'General.Cluster.ServerPrivateKey': '',
    'General.BootstrapMethod': 'none',
    'General.BootstrapFile': '',
    'General.LocalMSPDir': crypto.orderer.mspDir,
    'General.LocalMSPID': org.mspId,
    'General.BCCSP.Default': 'SW',
    'General.BCCSP.SW.FileKeyStore.KeyStore': '',
    'FileLedger.Location': fileSystemPath,
    'Consensus.WALDir': `${fileSystemPath}/etcdraft/wal`,
    'Consensus.SnapDir': `${fileSystemPath}/etcdraft/snapshot`,
    'Operations.ListenAddress': address(orderer.operationsEndpoint),
    'Operations.TLS.Enabled': false,
    // Prometheus on the operations endpoint: readiness waits for consensus_etcdraft_is_leader on every channel.
    'Metrics.Provider': 'prometheus',
    'Admin.ListenAddress': address(orderer.adminEndpoint),
    'Admin.TLS.Enabled': true,
    'Admin.TLS.PrivateKey': tls.keyPath,
    'Admin.TLS.Certificate': tls.certPath,
    'Admin.TLS.RootCAs': [tls.caPath],
    'Admin.TLS.ClientAuthRequired': true,
    'Admin.TLS.ClientRootCAs': [crypto.tlsCaCertPath],
    'ChannelParticipation.Enabled': true,
  };
}

export function patchOrdererConfig(tree: ConfigTree, settings: OrdererSettings): ConfigTree {
  return patchTree(tree, ordererPatch(settings));
}
