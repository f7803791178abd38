import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { addUser } from './add-user';
import { decodeAttributes, FABRIC_ATTRIBUTES_OID } from './attributes';
import { CryptoMaterialError } from './errors';
import { peerOrgCrypto } from './layout';
import { generateTestMaterial, type TestMaterial } from './test-material';
import { x509 } from './x509';

let material: TestMaterial;
beforeAll(async () => {
  material = await generateTestMaterial();
});
afterAll(() => material.remove());

describe('addUser', () => {
  it('issues a client of the org with its attributes, found by org name or MSP id', async () => {
    const files = await addUser(material.description, material.root, 'Customs', 'Inspector7', { role: 'customs', station: 'PVG' });
    const pem = readFileSync(files.certPath, 'utf8');
    const certificate = new X509Certificate(pem);
    expect(certificate.subject).toContain('OU=client\nCN=Inspector7@customs.trace.local');
    const org = material.description.peerOrgs.find((o) => o.name === 'Customs')!;
    const crypto = peerOrgCrypto(material.root, org);
    expect(certificate.verify(new X509Certificate(readFileSync(crypto.caCertPath)).publicKey)).toBe(true);
    const extension = new x509.X509Certificate(pem).getExtension(FABRIC_ATTRIBUTES_OID)!;
    expect(decodeAttributes(new Uint8Array(extension.value))).toMatchObject({ role: 'customs', station: 'PVG', 'hf.Type': 'client' });
    // The layout lists users issued after the description's ones.
    expect(crypto.users.get('Inspector7')).toEqual(files);
    expect(readFileSync(crypto.userTls('Inspector7').certPath, 'utf8')).toMatch(/BEGIN CERTIFICATE/);

    await expect(addUser(material.description, material.root, 'RegulatorMSP', 'Auditor', {})).resolves.toMatchObject({
      certPath: expect.stringContaining('Auditor@regulator.trace.local-cert.pem'),
    });
  });

  it('refuses an existing user, an unknown org, a bad name and reserved attributes', async () => {
    await expect(addUser(material.description, material.root, 'Customs', 'User1', {})).rejects.toBeInstanceOf(CryptoMaterialError);
    await expect(addUser(material.description, material.root, 'Customs', 'User1', {})).rejects.toThrow(/User1 of Customs already exists/);
    await expect(addUser(material.description, material.root, 'Nowhere', 'Bob', {})).rejects.toThrow(/unknown org Nowhere \(peer orgs: Manufacturer, /);
    await expect(addUser(material.description, material.root, 'Customs', '../evil', {})).rejects.toThrow(CryptoMaterialError);
    await expect(addUser(material.description, material.root, 'Customs', 'Admin', {})).rejects.toThrow(/invalid user name/);
    await expect(addUser(material.description, material.root, 'Customs', 'Eve', { 'hf.Type': 'admin' })).rejects.toThrow(/hf\.Type is reserved/);
  });
});
