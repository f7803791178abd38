import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chaincodeServerName, readChaincodeClientTls } from './chaincode-tls';
import { CryptoMaterialError } from './errors';
import { chaincodeTlsCrypto, peerOrgCrypto } from './layout';
import { generateTestMaterial, type TestMaterial } from './test-material';
import { x509 } from './x509';

let material: TestMaterial;
beforeAll(async () => {
  material = await generateTestMaterial();
});
afterAll(() => material.remove());

const read = (file: string) => readFileSync(file, 'utf8');
const cert = (file: string) => new X509Certificate(read(file));
const extendedKeyUsages = (file: string) => new x509.X509Certificate(read(file)).getExtension(x509.ExtendedKeyUsageExtension)?.usages;

describe('chaincode TLS material', () => {
  it('has a TLS CA of its own, beside the orgs', () => {
    const files = chaincodeTlsCrypto(material.root);
    expect(files.tlsCa.certPath).toBe(path.join(material.root, 'chaincodes', 'tlsca', 'tlsca.chaincodes-cert.pem'));
    const ca = cert(files.tlsCa.certPath);
    expect(ca.ca).toBe(true);
    expect(ca.subject).toContain('O=chaincodes\nCN=tlsca.chaincodes');
    for (const org of material.description.peerOrgs) {
      expect(read(peerOrgCrypto(material.root, org).tlsCaCertPath)).not.toBe(read(files.tlsCa.certPath));
    }
  });

  it('issues each chaincode a server-only certificate for its host, and the peers a client-only one', () => {
    const files = chaincodeTlsCrypto(material.root);
    const ca = cert(files.tlsCa.certPath);
    const issued = [files.peerClient, ...material.description.chaincodes.map((cc) => files.server(cc.name))];
    expect(issued).toHaveLength(1 + material.description.chaincodes.length);
    for (const tls of issued) {
      const certificate = cert(tls.certPath);
      expect(certificate.checkIssued(ca) && certificate.verify(ca.publicKey)).toBe(true);
      expect(createPublicKey(createPrivateKey(read(tls.keyPath))).export({ format: 'jwk' })).toEqual(certificate.publicKey.export({ format: 'jwk' }));
      expect(read(tls.caPath)).toBe(read(files.tlsCa.certPath));
    }
    for (const cc of material.description.chaincodes) {
      const server = files.server(cc.name);
      expect(cert(server.certPath).subject).toContain(`O=chaincodes\nCN=${cc.name}.chaincodes`);
      expect(cert(server.certPath).subjectAltName).toBe(`DNS:${cc.name}.chaincodes, IP Address:127.0.0.1`);
      expect(cert(server.certPath).checkHost(chaincodeServerName(cc.name))).toBe(`${cc.name}.chaincodes`);
      expect(extendedKeyUsages(server.certPath)).toEqual(['1.3.6.1.5.5.7.3.1']); // serverAuth
    }
    expect(extendedKeyUsages(files.peerClient.certPath)).toEqual(['1.3.6.1.5.5.7.3.2']); // clientAuth
  });

  it('reads what peers dial a chaincode server with, and says so when it was never generated', () => {
    const files = chaincodeTlsCrypto(material.root);
    expect(readChaincodeClientTls(material.root, 'trace')).toEqual({
      serverName: 'trace.chaincodes',
      rootCert: read(files.tlsCa.certPath),
      clientCert: read(files.peerClient.certPath),
      clientKey: read(files.peerClient.keyPath),
    });
    const empty = mkdtempSync(path.join(tmpdir(), 'no-crypto-'));
    try {
      expect(() => readChaincodeClientTls(empty, 'trace')).toThrow(CryptoMaterialError);
      expect(() => readChaincodeClientTls(empty, 'trace')).toThrow(/no chaincode TLS material at .*tlsca\.chaincodes-cert\.pem: generate the crypto material first/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
