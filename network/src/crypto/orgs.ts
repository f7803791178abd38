import type { OrdererOrgDescription, PeerOrgDescription, UserDescription } from '../description';
import { enrollmentAttributes } from './attributes';
import { loadOrCreateAuthority } from './authority';
import { ensureIdentity, type IdentitySpec, type OrgAuthorities } from './identities';
import { ADMIN_USER, ordererOrgCrypto, peerOrgCrypto, type OrgCryptoBase, type PeerOrgCrypto } from './layout';
import { writeMspTrust } from './msp-folder';

/** Completes a peer org's material: CAs, org MSP, peer, Admin and the description's users. */
export async function ensurePeerOrg(root: string, org: PeerOrgDescription): Promise<OrgAuthorities> {
  const files = peerOrgCrypto(root, org);
  const authorities = await ensureAuthorities(files);
  await ensureIdentity(nodeSpec(files, files.peer, org.peer.hostname, 'peer'), authorities);
  await ensureIdentity(adminSpec(files), authorities);
  for (const user of org.users) await ensureIdentity(userSpec(files, user), authorities);
  return authorities;
}

/** Completes the orderer org's material: CAs, org MSP, orderer and Admin. */
export async function ensureOrdererOrg(root: string, org: OrdererOrgDescription): Promise<void> {
  const files = ordererOrgCrypto(root, org);
  const authorities = await ensureAuthorities(files);
  await ensureIdentity(nodeSpec(files, files.orderer, org.orderer.hostname, 'orderer'), authorities);
  await ensureIdentity(adminSpec(files), authorities);
}

/** A user of a peer org (OU client), enrolled with Fabric CA's attributes plus its own. */
export function userSpec(files: PeerOrgCrypto, user: UserDescription): IdentitySpec {
  const commonName = `${user.name}@${files.domain}`;
  return {
    files: files.user(user.name),
    tls: files.userTls(user.name),
    organization: files.domain,
    commonName,
    role: 'client',
    attributes: enrollmentAttributes(commonName, 'client', user.attrs),
  };
}

/** The org's CA and TLS CA, and its verifying MSP folder (what configtxgen reads). */
async function ensureAuthorities(files: OrgCryptoBase): Promise<OrgAuthorities> {
  const ca = await loadOrCreateAuthority(files.ca, files.domain);
  const tlsCa = await loadOrCreateAuthority(files.tlsCa, files.domain);
  writeMspTrust(files.mspDir, { caName: ca.name, caCertPem: ca.certPem, tlsCaName: tlsCa.name, tlsCaCertPem: tlsCa.certPem });
  return { ca, tlsCa };
}

/** A peer or orderer: TLS names its hostname and the loopback the devnet listens on. */
function nodeSpec(
  files: OrgCryptoBase,
  node: PeerOrgCrypto['peer'],
  hostname: string,
  role: 'peer' | 'orderer',
): IdentitySpec {
  return {
    files: node,
    tls: node.tls,
    organization: files.domain,
    commonName: hostname,
    role,
    tlsHosts: [hostname, 'localhost', '127.0.0.1'],
  };
}

function adminSpec(files: OrgCryptoBase): IdentitySpec {
  const commonName = `${ADMIN_USER}@${files.domain}`;
  return {
    files: files.admin,
    tls: files.adminTls,
    organization: files.domain,
    commonName,
    role: 'admin',
    attributes: enrollmentAttributes(commonName, 'admin', {}),
  };
}
