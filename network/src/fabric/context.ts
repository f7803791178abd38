import { ordererOrgCrypto, peerOrgCrypto, type OrdererOrgCrypto, type PeerOrgCrypto } from '../crypto';
import type { Endpoint, NetworkDescription, PeerOrgDescription } from '../description';
import type { FabricBinaries } from './binaries';
import { FabricNetworkError } from './errors';
import { fabricLayout } from './layout';

/** What every step of bringing a network up needs: the description, the binaries, the data folder, the crypto. */
export interface FabricContext {
  readonly description: NetworkDescription;
  readonly binaries: FabricBinaries;
  readonly dataDir: string;
  readonly orderer: OrdererOrgCrypto;
  readonly peers: ReadonlyMap<string, PeerOrgCrypto>;
  /** A line for the network's own log. */
  readonly log: (message: string) => void;
}

export function fabricContext(
  description: NetworkDescription,
  binaries: FabricBinaries,
  dataDir: string,
  log: (message: string) => void,
): FabricContext {
  const root = fabricLayout.crypto(dataDir);
  return {
    description,
    binaries,
    dataDir,
    orderer: ordererOrgCrypto(root, description.ordererOrg),
    peers: new Map(description.peerOrgs.map((org) => [org.mspId, peerOrgCrypto(root, org)])),
    log,
  };
}

export const address = (endpoint: Endpoint) => `${endpoint.host}:${endpoint.port}`;

export function peerCrypto(ctx: FabricContext, org: PeerOrgDescription): PeerOrgCrypto {
  const files = ctx.peers.get(org.mspId);
  if (!files) throw new FabricNetworkError(`no crypto material for ${org.mspId}`);
  return files;
}

/** The peer CLI acting as the org's admin against the org's own peer. */
export function peerAdminEnv(ctx: FabricContext, org: PeerOrgDescription): Record<string, string> {
  const files = peerCrypto(ctx, org);
  return {
    FABRIC_CFG_PATH: fabricLayout.nodeConfig(ctx.dataDir, org.peer.hostname),
    CORE_PEER_LOCALMSPID: org.mspId,
    CORE_PEER_MSPCONFIGPATH: files.admin.mspDir,
    CORE_PEER_ADDRESS: address(org.peer.endpoint),
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_TLS_ROOTCERT_FILE: files.tlsCaCertPath,
  };
}

/** -o/--tls/--cafile: how the peer CLI reaches the orderer. */
export function ordererArgs(ctx: FabricContext): string[] {
  return ['-o', address(ctx.description.ordererOrg.orderer.endpoint), '--tls', '--cafile', ctx.orderer.tlsCaCertPath];
}

/** How osnadmin reaches the orderer's admin endpoint: mutual TLS as the orderer org's admin. */
export function osnadminArgs(ctx: FabricContext): string[] {
  return [
    '-o',
    address(ctx.description.ordererOrg.orderer.adminEndpoint),
    '--ca-file',
    ctx.orderer.tlsCaCertPath,
    '--client-cert',
    ctx.orderer.adminTls.certPath,
    '--client-key',
    ctx.orderer.adminTls.keyPath,
  ];
}
