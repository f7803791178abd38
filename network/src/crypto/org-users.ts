import { existsSync, readFileSync } from 'node:fs';
import type { PeerOrgDescription } from '../description';
import { decodeAttributes, FABRIC_ATTRIBUTES_OID, type CertificateAttributes } from './attributes';
import { peerOrgCrypto } from './layout';
import { x509 } from './x509';

/** A user of an org as a client finds it in connection.json: its files and the attributes its certificate carries. */
export interface OrgUser {
  readonly name: string;
  readonly certPath: string;
  readonly keyPath: string;
  /** The certificate's own attributes (e.g. role), without the hf.* ones Fabric CA adds to every enrollment. */
  readonly attrs: CertificateAttributes;
}

/**
 * Every user of the org: the description's, then those issued later (`network user add`) in name order. Users issued
 * later exist only on disk, so their attributes are read back from their certificates; the description's are its
 * own (their certificates may not be written yet when a network builds its connection info).
 */
export function orgUsers(cryptoRoot: string, org: PeerOrgDescription): OrgUser[] {
  const files = peerOrgCrypto(cryptoRoot, org);
  const described = new Set(org.users.map((user) => user.name));
  const issued = [...files.users.keys()].filter((name) => !described.has(name) && existsSync(files.user(name).certPath)).sort();
  const user = (name: string, attrs: CertificateAttributes): OrgUser => {
    const { certPath, keyPath } = files.user(name);
    return { name, certPath, keyPath, attrs };
  };
  return [
    ...org.users.map((described) => user(described.name, described.attrs)),
    ...issued.map((name) => user(name, ownAttributes(readFileSync(files.user(name).certPath, 'utf8')))),
  ];
}

function ownAttributes(certificatePem: string): CertificateAttributes {
  const extension = new x509.X509Certificate(certificatePem).getExtension(FABRIC_ATTRIBUTES_OID);
  if (!extension) return {};
  const all = decodeAttributes(new Uint8Array(extension.value));
  return Object.fromEntries(Object.entries(all).filter(([name]) => !name.startsWith('hf.')));
}
