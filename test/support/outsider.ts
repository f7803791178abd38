// An identity no network issued: a self-signed ECDSA P-256 certificate that claims an org's MSP id. A Fabric peer
// must refuse it, because its issuer is not one of that MSP's CAs however well-formed it is.
import { KeyObject, webcrypto } from 'node:crypto';
// @peculiar/x509 resolves its parsers through tsyringe, which needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import type { ClientIdentity } from './gateway';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
/** Node's WebCrypto, passed explicitly: the library's default provider depends on globals a test runner may hide. */
type X509Crypto = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[1];

export async function createOutsiderIdentity(claimedMspId: string): Promise<ClientIdentity> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      // The subject mimics a Fabric client certificate (OU=client, an org name) so only the issuer gives it away.
      name: `CN=outsider, OU=client, O=${claimedMspId}`,
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + 24 * 3_600_000),
      signingAlgorithm: ALGORITHM,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      ],
    },
    webcrypto as unknown as X509Crypto,
  );
  return {
    mspId: claimedMspId,
    certificatePem: certificate.toString('pem'),
    privateKey: KeyObject.from(keys.privateKey),
  };
}
