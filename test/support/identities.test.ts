import { webcrypto } from 'node:crypto';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { ClientIdentity, type ChaincodeStub } from 'fabric-shim';
import { expectedClientId, namesPeer } from './identities';

type X509Crypto = Parameters<typeof x509.X509CertificateGenerator.create>[1];

/** A client certificate shaped like cryptogen's (issuer = the org CA), signed by a throwaway CA. */
async function clientCertificate(subject: string, issuer: string): Promise<string> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const ca = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const user = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.create(
    { subject, issuer, publicKey: user.publicKey, signingKey: ca.privateKey, signingAlgorithm: algorithm },
    webcrypto as unknown as X509Crypto,
  );
  return certificate.toString('pem');
}

/** fabric-shim's own ClientIdentity, the code that computes getID() inside the chaincode. */
function shimId(certificatePem: string): string {
  const stub = {
    getChannelID: () => 'alliance',
    getTxID: () => 'tx',
    getCreator: () => ({ mspid: 'ManufacturerMSP', idBytes: Buffer.from(certificatePem) }),
  } as unknown as ChaincodeStub;
  return new ClientIdentity(stub).getID();
}

test.each([
  ['a cryptogen-style user', 'C=US, ST=North Carolina, L=San Francisco, OU=client, CN=User1@manufacturer.trace.local', 'C=US, ST=North Carolina, L=San Francisco, O=manufacturer.trace.local, CN=ca.manufacturer.trace.local'],
  ['a value with a slash', 'OU=client, CN=svc/batch', 'O=ca/root, CN=ca'],
])('expectedClientId matches fabric-shim for %s', async (_what, subject, issuer) => {
  const pem = await clientCertificate(subject, issuer);
  expect(expectedClientId(pem)).toBe(shimId(pem));
});

test('expectedClientId has the x509::subject::issuer shape', async () => {
  const pem = await clientCertificate('OU=client, CN=User1@platform.trace.local', 'O=platform.trace.local, CN=ca.platform.trace.local');
  expect(expectedClientId(pem)).toBe('x509::/OU=client/CN=User1@platform.trace.local::/O=platform.trace.local/CN=ca.platform.trace.local');
});

describe('namesPeer', () => {
  const peer = { endpoint: '127.0.0.1:17051', hostname: 'peer0.manufacturer.trace.local', tlsCaCertPath: '/ca.pem' };

  test.each(['127.0.0.1:17051', 'peer0.manufacturer.trace.local:17051', 'localhost:17051'])('accepts %s', (address) => {
    expect(namesPeer(address, peer)).toBe(true);
  });

  test.each(['127.0.0.1:17061', 'peer0.platform.trace.local:17051', '17051', ''])('refuses %s', (address) => {
    expect(namesPeer(address, peer)).toBe(false);
  });
});
