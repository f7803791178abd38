import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { OrdererOrgDescription, PeerOrgDescription } from '../description';

/**
 * Where cryptogen's folder layout puts each file, so real Fabric binaries (core.yaml mspConfigPath,
 * orderer.yaml LocalMSPDir, configtx.yaml MSPDir) can be pointed at the same material.
 */

/** A signing identity: its local MSP folder, certificate (signcerts) and private key (keystore/priv_sk). */
export interface IdentityFiles {
  readonly mspDir: string;
  readonly certPath: string;
  readonly keyPath: string;
}

/** TLS material beside an identity's MSP: the TLS CA certificate, and the TLS certificate and key. */
export interface TlsFiles {
  readonly caPath: string;
  readonly certPath: string;
  readonly keyPath: string;
}

/** A CA's own folder (ca/ or tlsca/): its certificate and key. */
export interface CaFiles {
  readonly dir: string;
  readonly name: string;
  readonly certPath: string;
  readonly keyPath: string;
}

/** What peer and orderer orgs have alike. */
export interface OrgCryptoBase {
  readonly mspId: string;
  readonly domain: string;
  readonly orgDir: string;
  /** The org's verifying MSP (cacerts, tlscacerts, config.yaml), as configtxgen reads it. */
  readonly mspDir: string;
  readonly ca: CaFiles;
  readonly tlsCa: CaFiles;
  readonly caCertPath: string;
  readonly tlsCaCertPath: string;
  readonly admin: IdentityFiles;
  readonly adminTls: TlsFiles;
}

export interface PeerOrgCrypto extends OrgCryptoBase {
  readonly peer: IdentityFiles & { readonly tls: TlsFiles };
  /** By user name (e.g. 'User1'): the description's users, plus users issued later that exist on disk. */
  readonly users: ReadonlyMap<string, IdentityFiles>;
  /** Files of any user name, whether issued or not. */
  user(name: string): IdentityFiles;
  userTls(name: string): TlsFiles;
}

export interface OrdererOrgCrypto extends OrgCryptoBase {
  readonly orderer: IdentityFiles & { readonly tls: TlsFiles };
}

/** The chaincode servers' TLS material, beside the orgs (why it belongs to none: chaincode-tls.ts). */
export interface ChaincodeTlsCrypto {
  readonly tlsCa: CaFiles;
  /** What every peer presents to chaincode servers (connection.json's client_cert and client_key). */
  readonly peerClient: TlsFiles;
  /** The server certificate of a chaincode, by chaincode name. */
  server(chaincodeName: string): TlsFiles;
}

export const ADMIN_USER = 'Admin';

export function peerOrgCrypto(root: string, org: PeerOrgDescription): PeerOrgCrypto {
  const base = orgBase(path.join(root, 'peerOrganizations', org.domain), org.mspId, org.domain);
  const user = (name: string) => identityFiles(userDir(base.orgDir, name, org.domain), `${name}@${org.domain}`);
  const names = new Set([...org.users.map((u) => u.name), ...issuedUserNames(base.orgDir, org.domain)]);
  return {
    ...base,
    peer: nodeFiles(path.join(base.orgDir, 'peers', org.peer.hostname), org.peer.hostname),
    users: new Map([...names].map((name) => [name, user(name)])),
    user,
    userTls: (name) => tlsFiles(userDir(base.orgDir, name, org.domain), 'client'),
  };
}

export function ordererOrgCrypto(root: string, org: OrdererOrgDescription): OrdererOrgCrypto {
  const base = orgBase(path.join(root, 'ordererOrganizations', org.domain), org.mspId, org.domain);
  return { ...base, orderer: nodeFiles(path.join(base.orgDir, 'orderers', org.orderer.hostname), org.orderer.hostname) };
}

/** chaincodes/: tlsca/, peers/tls/client.*, servers/<chaincode name>/tls/server.* */
export function chaincodeTlsCrypto(root: string): ChaincodeTlsCrypto {
  const dir = path.join(root, 'chaincodes');
  return {
    tlsCa: caFiles(path.join(dir, 'tlsca'), 'tlsca.chaincodes'),
    peerClient: tlsFiles(path.join(dir, 'peers'), 'client'),
    server: (chaincodeName) => tlsFiles(path.join(dir, 'servers', chaincodeName), 'server'),
  };
}

/** users/<name>@<domain>: the folder of one user's identity. */
export function userDir(orgDir: string, name: string, domain: string): string {
  return path.join(orgDir, 'users', `${name}@${domain}`);
}

/** Name of the certificate file cryptogen writes for a CN. */
export function certFileName(commonName: string): string {
  return `${commonName}-cert.pem`;
}

function orgBase(orgDir: string, mspId: string, domain: string): OrgCryptoBase {
  const ca = caFiles(path.join(orgDir, 'ca'), `ca.${domain}`);
  const tlsCa = caFiles(path.join(orgDir, 'tlsca'), `tlsca.${domain}`);
  const adminDir = userDir(orgDir, ADMIN_USER, domain);
  return {
    mspId,
    domain,
    orgDir,
    mspDir: path.join(orgDir, 'msp'),
    ca,
    tlsCa,
    caCertPath: ca.certPath,
    tlsCaCertPath: tlsCa.certPath,
    admin: identityFiles(adminDir, `${ADMIN_USER}@${domain}`),
    adminTls: tlsFiles(adminDir, 'client'),
  };
}

function caFiles(dir: string, name: string): CaFiles {
  return { dir, name, certPath: path.join(dir, certFileName(name)), keyPath: path.join(dir, 'priv_sk') };
}

function nodeFiles(dir: string, hostname: string): IdentityFiles & { tls: TlsFiles } {
  return { ...identityFiles(dir, hostname), tls: tlsFiles(dir, 'server') };
}

function identityFiles(dir: string, commonName: string): IdentityFiles {
  const mspDir = path.join(dir, 'msp');
  return {
    mspDir,
    certPath: path.join(mspDir, 'signcerts', certFileName(commonName)),
    keyPath: path.join(mspDir, 'keystore', 'priv_sk'),
  };
}

/** cryptogen names TLS files server.* for peers and orderers, client.* for users and admins. */
function tlsFiles(dir: string, prefix: 'server' | 'client'): TlsFiles {
  const tlsDir = path.join(dir, 'tls');
  return {
    caPath: path.join(tlsDir, 'ca.crt'),
    certPath: path.join(tlsDir, `${prefix}.crt`),
    keyPath: path.join(tlsDir, `${prefix}.key`),
  };
}

function issuedUserNames(orgDir: string, domain: string): string[] {
  const usersDir = path.join(orgDir, 'users');
  if (!existsSync(usersDir)) return [];
  const suffix = `@${domain}`;
  return readdirSync(usersDir)
    .filter((entry) => entry.endsWith(suffix))
    .map((entry) => entry.slice(0, -suffix.length))
    .filter((name) => name !== ADMIN_USER && name.length > 0);
}
