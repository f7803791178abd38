// An identity issued by an org's own CA with what the usual issuance never gives: a validity period already over,
// or node OUs other than exactly one. A peer must tell these apart from identities no network issued.
import { createPrivateKey, KeyObject, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadNetworkDescription } from '@crossborder-trace/network';
import { isLowS, parseEcdsaSignature, peerOrgCrypto, toPem, x509 } from '@crossborder-trace/network/dist/crypto';
import type { ClientIdentity } from './gateway';
import type { TestNetwork } from './test-network';
import { TEST_DESCRIPTION } from './test-description';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
/** Fabric accepts only low-S signatures; webcrypto may produce either, so signing is repeated until it is low. */
const MAX_SIGNING_ATTEMPTS = 64;

export interface IssuedIdentityOptions {
  readonly commonName: string;
  /** The subject's OUs, e.g. [] or ['client', 'peer']. */
  readonly ous: readonly string[];
  /** The end of its validity; it starts when the CA's does, since an MSP checks a chain at the leaf's start. */
  readonly notAfter: Date;
}

export async function issueIdentity(network: TestNetwork, orgName: string, options: IssuedIdentityOptions): Promise<ClientIdentity> {
  const org = loadNetworkDescription(TEST_DESCRIPTION).peerOrgs.find((o) => o.name === orgName);
  if (!org) throw new Error(`no org ${orgName} in ${TEST_DESCRIPTION}`);
  const ca = peerOrgCrypto(path.join(network.dataDir, 'organizations'), org).ca;
  const caCertificate = new x509.X509Certificate(readFileSync(ca.certPath, 'utf8'));
  const caKey = await webcrypto.subtle.importKey(
    'pkcs8',
    createPrivateKey(readFileSync(ca.keyPath)).export({ format: 'der', type: 'pkcs8' }),
    ALGORITHM,
    false,
    ['sign'],
  );
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const authorityKeyId = caCertificate.getExtension(x509.SubjectKeyIdentifierExtension)!.keyId;
  const subject = [`O=${org.domain}`, ...options.ous.map((ou) => `OU=${ou}`), `CN=${options.commonName}`].join(', ');
  for (let attempt = 0; attempt < MAX_SIGNING_ATTEMPTS; attempt++) {
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(15))).toString('hex').replace(/^./, '1'),
      subject,
      issuer: caCertificate.subjectName,
      notBefore: new Date(caCertificate.notBefore.getTime() + 1000),
      notAfter: options.notAfter,
      publicKey: keys.publicKey,
      signingKey: caKey,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.AuthorityKeyIdentifierExtension(authorityKeyId),
      ],
    });
    const signature = parseEcdsaSignature(new Uint8Array(certificate.signature));
    if (!signature || !isLowS(signature)) continue;
    return {
      mspId: org.mspId,
      certificatePem: toPem('CERTIFICATE', new Uint8Array(certificate.rawData)),
      privateKey: KeyObject.from(keys.privateKey),
    };
  }
  throw new Error('could not produce a low-S certificate signature');
}
