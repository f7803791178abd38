// Fabric's own `peer` CLI as a client of a running network, configured the way Fabric's docs configure it: through
// CORE_PEER_* variables naming the org's peer, TLS root and the user's MSP folder.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ConnectionInfo, IdentityPaths, OrgConnection } from './connection-info';

export interface PeerCliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The identity's MSP folder: certPath is <msp>/signcerts/<cert>.pem, so the folder is two levels up. */
export function mspFolderOf(identity: IdentityPaths): string {
  return path.dirname(path.dirname(identity.certPath));
}

export function peerCliEnvironment(fabricBin: string, org: OrgConnection, identity: IdentityPaths): Record<string, string> {
  return {
    FABRIC_CFG_PATH: path.resolve(fabricBin, '..', 'config'),
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_LOCALMSPID: org.mspId,
    CORE_PEER_MSPCONFIGPATH: mspFolderOf(identity),
    CORE_PEER_ADDRESS: org.peer.endpoint,
    CORE_PEER_TLS_ROOTCERT_FILE: org.peer.tlsCaCertPath,
    // The endpoint is 127.0.0.1; the peer's TLS certificate names its host name.
    CORE_PEER_TLS_SERVERHOSTOVERRIDE: org.peer.hostname,
  };
}

/** The orderer flags of `peer chaincode invoke`. */
export function ordererFlags(info: ConnectionInfo): string[] {
  const { endpoint, hostname, tlsCaCertPath } = info.orderer;
  return ['-o', endpoint, '--ordererTLSHostnameOverride', hostname, '--tls', '--cafile', tlsCaCertPath];
}

export function runPeer(fabricBin: string, args: readonly string[], env: Record<string, string>, timeoutMs = 60_000): Promise<PeerCliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(fabricBin, 'peer'), args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
