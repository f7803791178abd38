import { existsSync } from 'node:fs';
import path from 'node:path';
import type { NetworkDescription } from '../description';
import type { CertificateAttributes } from './attributes';
import { CryptoMaterialError } from './errors';
import { ensureIdentity } from './identities';
import { ADMIN_USER, peerOrgCrypto, type IdentityFiles } from './layout';
import { ensurePeerOrg, userSpec } from './orgs';

/** A user name becomes part of a folder name and of the certificate's CN (<name>@<domain>). */
const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Issues a new user (OU client) of a peer org, named by org name or MSP id, with Fabric CA attributes
 * (e.g. { role: 'customs' }). The org's CAs are created first if they are missing.
 */
export async function addUser(
  description: NetworkDescription,
  root: string,
  orgName: string,
  userName: string,
  attrs: CertificateAttributes,
): Promise<IdentityFiles> {
  const org = description.peerOrgs.find((o) => o.name === orgName || o.mspId === orgName);
  if (!org) {
    const known = description.peerOrgs.map((o) => o.name).join(', ');
    throw new CryptoMaterialError(`unknown org ${orgName} (peer orgs: ${known})`);
  }
  if (!USER_NAME.test(userName) || userName === ADMIN_USER) {
    throw new CryptoMaterialError(`invalid user name ${JSON.stringify(userName)}: letters, digits, '.', '_' or '-', not ${ADMIN_USER}`);
  }
  const files = peerOrgCrypto(root, org);
  const identity = files.user(userName);
  const userDir = path.dirname(identity.mspDir);
  if (existsSync(userDir)) throw new CryptoMaterialError(`user ${userName} of ${org.name} already exists (${userDir})`);
  const spec = userSpec(files, { name: userName, attrs });
  await ensureIdentity(spec, await ensurePeerOrg(root, org));
  return identity;
}
