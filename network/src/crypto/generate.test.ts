import { createPrivateKey, createPublicKey, sign, verify, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ChaincodeStub } from 'fabric-shim';
import { ClientIdentity } from 'fabric-shim';
import { parse } from 'yaml';
import { FABRIC_ATTRIBUTES_OID } from './attributes';
import { isLowS, parseEcdsaSignature } from './ecdsa';
import { generateCryptoMaterial } from './generate';
import { ordererOrgCrypto, peerOrgCrypto } from './layout';
import { generateTestMaterial, type TestMaterial } from './test-material';
import { x509 } from './x509';

let material: TestMaterial;
beforeAll(async () => {
  material = await generateTestMaterial();
});
afterAll(() => material.remove());

const read = (file: string) => readFileSync(file, 'utf8');
const cert = (file: string) => new X509Certificate(read(file));

/** The certificate chains to the CA, and its key is the one stored beside it. */
function expectIssuedBy(files: { certPath: string; keyPath: string }, caFile: string): void {
  const issued = cert(files.certPath);
  const ca = cert(caFile);
  expect(issued.checkIssued(ca)).toBe(true);
  expect(issued.verify(ca.publicKey)).toBe(true);
  expect(issued.ca).toBe(false);
  const signature = sign('sha256', Buffer.from('probe'), createPrivateKey(read(files.keyPath)));
  expect(verify('sha256', Buffer.from('probe'), issued.publicKey, signature)).toBe(true);
}

function allFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(path.join(entry.parentPath, entry.name), read(path.join(entry.parentPath, entry.name)));
  }
  return files;
}

describe('generateCryptoMaterial', () => {
  it("writes each peer org in cryptogen's layout, with NodeOUs enabled in every MSP", () => {
    const org = material.description.peerOrgs.find((o) => o.name === 'Customs')!;
    const files = peerOrgCrypto(material.root, org);
    const orgDir = path.join(material.root, 'peerOrganizations', 'customs.trace.local');
    expect(files.caCertPath).toBe(path.join(orgDir, 'ca', 'ca.customs.trace.local-cert.pem'));
    expect(files.tlsCaCertPath).toBe(path.join(orgDir, 'tlsca', 'tlsca.customs.trace.local-cert.pem'));
    expect(files.peer.certPath).toBe(
      path.join(orgDir, 'peers', 'peer0.customs.trace.local', 'msp', 'signcerts', 'peer0.customs.trace.local-cert.pem'),
    );
    expect(files.users.get('User1')!.keyPath).toBe(path.join(orgDir, 'users', 'User1@customs.trace.local', 'msp', 'keystore', 'priv_sk'));
    expect(files.userTls('User1').certPath).toBe(path.join(orgDir, 'users', 'User1@customs.trace.local', 'tls', 'client.crt'));

    for (const mspDir of [files.mspDir, files.peer.mspDir, files.admin.mspDir, files.users.get('User1')!.mspDir]) {
      expect(read(path.join(mspDir, 'cacerts', 'ca.customs.trace.local-cert.pem'))).toBe(read(files.caCertPath));
      expect(read(path.join(mspDir, 'tlscacerts', 'tlsca.customs.trace.local-cert.pem'))).toBe(read(files.tlsCaCertPath));
      const config = parse(read(path.join(mspDir, 'config.yaml')));
      expect(config.NodeOUs.Enable).toBe(true);
      for (const [key, ou] of [['ClientOUIdentifier', 'client'], ['PeerOUIdentifier', 'peer'], ['AdminOUIdentifier', 'admin'], ['OrdererOUIdentifier', 'orderer']]) {
        expect(config.NodeOUs[key]).toEqual({ Certificate: 'cacerts/ca.customs.trace.local-cert.pem', OrganizationalUnitIdentifier: ou });
      }
    }
    expect(read(files.peer.tls.caPath)).toBe(read(files.tlsCaCertPath));
    expect(read(files.peer.keyPath)).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(statSync(files.peer.keyPath).mode & 0o777).toBe(0o600);
    expect(statSync(files.ca.keyPath).mode & 0o777).toBe(0o600);
  });

  it('issues certificates that chain to the org CAs, with the subjects, OUs and SANs cryptogen uses', () => {
    for (const org of material.description.peerOrgs) {
      const files = peerOrgCrypto(material.root, org);
      const ca = cert(files.caCertPath);
      expect(ca.ca).toBe(true);
      expect(ca.subject.split('\n')).toEqual(['C=US', 'ST=California', 'L=San Francisco', `O=${org.domain}`, `CN=ca.${org.domain}`]);
      expect(ca.verify(ca.publicKey)).toBe(true);
      expectIssuedBy(files.peer, files.caCertPath);
      expectIssuedBy(files.admin, files.caCertPath);
      expectIssuedBy(files.users.get('User1')!, files.caCertPath);
      expectIssuedBy(files.peer.tls, files.tlsCaCertPath);
      expectIssuedBy(files.userTls('User1'), files.tlsCaCertPath);
      expect(cert(files.peer.certPath).subject).toContain(`OU=peer\nCN=${org.peer.hostname}`);
      expect(cert(files.admin.certPath).subject).toContain(`OU=admin\nCN=Admin@${org.domain}`);
      expect(cert(files.users.get('User1')!.certPath).subject).toContain(`OU=client\nCN=User1@${org.domain}`);
      expect(cert(files.peer.tls.certPath).subjectAltName).toBe(`DNS:${org.peer.hostname}, DNS:localhost, IP Address:127.0.0.1`);
    }
    const orderer = ordererOrgCrypto(material.root, material.description.ordererOrg);
    expectIssuedBy(orderer.orderer, orderer.caCertPath);
    expectIssuedBy(orderer.orderer.tls, orderer.tlsCaCertPath);
    expectIssuedBy(orderer.admin, orderer.caCertPath);
    expect(cert(orderer.orderer.certPath).subject).toContain('OU=orderer');
  });

  it('signs every certificate with a low-S signature, as Fabric normalises them', () => {
    const pems = [...allFiles(material.root)].filter(([file]) => /(-cert\.pem|\.crt)$/.test(file));
    expect(pems.length).toBeGreaterThan(40);
    for (const [, pem] of pems) {
      const signature = parseEcdsaSignature(new Uint8Array(new x509.X509Certificate(pem).signature));
      expect(signature && isLowS(signature)).toBe(true);
    }
  });

  it("writes Fabric CA's attribute extension that fabric-shim's ClientIdentity reads", () => {
    const org = material.description.peerOrgs.find((o) => o.name === 'Customs')!;
    const pem = read(peerOrgCrypto(material.root, org).users.get('User1')!.certPath);
    const extension = new x509.X509Certificate(pem).getExtension(FABRIC_ATTRIBUTES_OID)!;
    expect(extension.critical).toBe(false);
    expect(JSON.parse(Buffer.from(extension.value).toString('utf8'))).toEqual({
      attrs: { 'hf.Affiliation': '', 'hf.EnrollmentID': 'User1@customs.trace.local', 'hf.Type': 'client', role: 'customs' },
    });
    const stub = { getChannelID: () => 'alliance', getTxID: () => 'tx1', getCreator: () => ({ mspid: org.mspId, idBytes: Buffer.from(pem) }) };
    const identity = new ClientIdentity(stub as unknown as ChaincodeStub);
    expect(identity.getAttributeValue('role')).toBe('customs');
    expect(identity.getAttributeValue('hf.Type')).toBe('client');
    // Peers carry no attributes.
    expect(new x509.X509Certificate(read(peerOrgCrypto(material.root, org).peer.certPath)).getExtension(FABRIC_ATTRIBUTES_OID)).toBeNull();
  });

  it('is idempotent, and completes only what is missing without replacing keys', async () => {
    const before = allFiles(material.root);
    await generateCryptoMaterial(material.description, material.root);
    expect(allFiles(material.root)).toEqual(before);

    const files = peerOrgCrypto(material.root, material.description.peerOrgs[0]);
    const user = files.users.get('User1')!;
    rmSync(user.certPath);
    rmSync(files.peer.keyPath);
    await generateCryptoMaterial(material.description, material.root);
    const after = allFiles(material.root);
    expect(after.get(user.keyPath)).toBe(before.get(user.keyPath));
    expect(after.get(user.certPath)).not.toBe(before.get(user.certPath));
    expect(createPublicKey(after.get(user.keyPath)!).export({ format: 'jwk' })).toEqual(cert(user.certPath).publicKey.export({ format: 'jwk' }));
    expect(after.get(files.peer.keyPath)).not.toBe(before.get(files.peer.keyPath));
    expectIssuedBy(files.peer, files.caCertPath);
    for (const [file, content] of before) {
      if (file !== user.certPath && file !== files.peer.keyPath && file !== files.peer.certPath) expect(after.get(file)).toBe(content);
    }
  });
});
