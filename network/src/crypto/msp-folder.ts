import path from 'node:path';
import { stringify } from 'yaml';
import { writeFileAtomic } from './files';
import { certFileName } from './layout';

/** The NodeOU names cryptogen assigns, which the MSP's config.yaml maps to roles. */
export type NodeOURole = 'client' | 'peer' | 'admin' | 'orderer';

/** The org's two CAs as an MSP folder refers to them. */
export interface OrgCas {
  readonly caName: string;
  readonly caCertPem: string;
  readonly tlsCaName: string;
  readonly tlsCaCertPem: string;
}

/**
 * Writes the parts every MSP folder of the org shares (cryptogen's GenerateVerifyingMSP and the common part
 * of GenerateLocalMSP): cacerts, tlscacerts and config.yaml enabling NodeOUs.
 */
export function writeMspTrust(mspDir: string, cas: OrgCas): void {
  const caFile = path.posix.join('cacerts', certFileName(cas.caName));
  writeFileAtomic(path.join(mspDir, caFile), cas.caCertPem);
  writeFileAtomic(path.join(mspDir, 'tlscacerts', certFileName(cas.tlsCaName)), cas.tlsCaCertPem);
  writeFileAtomic(path.join(mspDir, 'config.yaml'), nodeOUsConfig(caFile));
}

/** config.yaml with the keys Fabric's msp.Configuration reads; OUs certified by the org's CA. */
function nodeOUsConfig(caFile: string): string {
  const identifier = (ou: NodeOURole) => ({ Certificate: caFile, OrganizationalUnitIdentifier: ou });
  return stringify({
    NodeOUs: {
      Enable: true,
      ClientOUIdentifier: identifier('client'),
      PeerOUIdentifier: identifier('peer'),
      AdminOUIdentifier: identifier('admin'),
      OrdererOUIdentifier: identifier('orderer'),
    },
  });
}
