import { X509Certificate } from 'node:crypto';
import { createOutsiderIdentity } from './outsider';

test('the outsider is a self-signed P-256 client certificate claiming the given MSP, with a matching key', async () => {
  const outsider = await createOutsiderIdentity('ManufacturerMSP');
  const certificate = new X509Certificate(outsider.certificatePem);
  expect(outsider.mspId).toBe('ManufacturerMSP');
  expect(certificate.subject).toBe('CN=outsider\nOU=client\nO=ManufacturerMSP');
  expect(certificate.issuer).toBe(certificate.subject);
  expect(certificate.verify(certificate.publicKey)).toBe(true);
  expect(certificate.checkPrivateKey(outsider.privateKey)).toBe(true);
  expect(certificate.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  expect(certificate.ca).toBe(false);
  expect(new Date(certificate.validTo).getTime()).toBeGreaterThan(Date.now());
});

test('every outsider has a key of its own', async () => {
  const [a, b] = await Promise.all([createOutsiderIdentity('PlatformMSP'), createOutsiderIdentity('PlatformMSP')]);
  expect(a.certificatePem).not.toBe(b.certificatePem);
});
