import { createHash } from 'node:crypto';
import { msp } from '@hyperledger/fabric-protos';
import { toPem, x509 } from '../../crypto';
import { createRootCertificate, issueCertificate, KeyUsage, type SigningAuthority } from '../../crypto/certificates';
import { ECDSA_P256_SHA256, generateKeyPair } from '../../crypto/keys';
import { MspError } from './api';
import { MspManager } from './manager';
import { serializedIdentity } from './test-identities';

function ouPrincipal(mspId: string, ou: string, certifiers: Uint8Array): msp.MSPPrincipal {
  const unit = new msp.OrganizationUnit();
  unit.setMspIdentifier(mspId);
  unit.setOrganizationalUnitIdentifier(ou);
  unit.setCertifiersIdentifier(certifiers);
  const principal = new msp.MSPPrincipal();
  principal.setPrincipalClassification(msp.MSPPrincipal.Classification.ORGANIZATION_UNIT);
  principal.setPrincipal(unit.serializeBinary());
  return principal;
}

function rolePrincipal(mspId: string, role: msp.MSPRole.MSPRoleTypeMap[keyof msp.MSPRole.MSPRoleTypeMap]): msp.MSPPrincipal {
  const mspRole = new msp.MSPRole();
  mspRole.setMspIdentifier(mspId);
  mspRole.setRole(role);
  const principal = new msp.MSPPrincipal();
  principal.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
  principal.setPrincipal(mspRole.serializeBinary());
  return principal;
}

/** A root CA, an intermediate CA under it, and leaves from each: the intermediate is the only issuing CA. */
async function hierarchy() {
  const rootKeys = await generateKeyPair();
  const rootPem = await createRootCertificate({ organization: 'org.example', commonName: 'ca.org.example' }, rootKeys);
  const root: SigningAuthority = { certificate: new x509.X509Certificate(rootPem), keys: rootKeys };
  const interKeys = await generateKeyPair();
  const now = Date.now();
  const intermediate = await x509.X509CertificateGenerator.create({
    serialNumber: '0a',
    subject: 'C=US, O=org.example, CN=ica.org.example',
    issuer: root.certificate.subjectName,
    // Chains are checked at each certificate's NotBefore: the intermediate must be valid when its leaves start.
    notBefore: root.certificate.notBefore,
    notAfter: new Date(now + 3600_000),
    publicKey: interKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: ECDSA_P256_SHA256,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(KeyUsage.keyCertSign | KeyUsage.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(interKeys.publicKey),
      new x509.AuthorityKeyIdentifierExtension(root.certificate.getExtension(x509.SubjectKeyIdentifierExtension)!.keyId),
    ],
  });
  const issuing: SigningAuthority = { certificate: intermediate, keys: interKeys };
  const leaf = async (authority: SigningAuthority, ou: string) =>
    issueCertificate(
      { subject: { organization: 'org.example', organizationalUnit: ou, commonName: `${ou}.org.example` }, keyUsages: KeyUsage.digitalSignature, extendedKeyUsages: [] },
      (await generateKeyPair()).publicKey,
      authority,
    );
  return {
    rootPem,
    intermediatePem: toPem('CERTIFICATE', new Uint8Array(intermediate.rawData)),
    fromIntermediate: await leaf(issuing, 'peer'),
    fromRoot: await leaf(root, 'peer'),
  };
}

describe('validation chains through intermediate CAs', () => {
  it('accepts leaves of the intermediate, refuses leaves the root signed directly, and hashes the whole chain', async () => {
    const h = await hierarchy();
    const identifier = { certificate: h.intermediatePem, organizationalUnitIdentifier: 'peer' };
    const manager = new MspManager([
      {
        mspId: 'OrgMSP',
        rootCerts: [h.rootPem],
        intermediateCerts: [h.intermediatePem],
        admins: [],
        tlsRootCerts: [],
        tlsIntermediateCerts: [],
        nodeOUs: { enable: true, identifiers: { peer: identifier, client: { organizationalUnitIdentifier: 'client' }, admin: { organizationalUnitIdentifier: 'admin' } } },
      },
    ]);
    const identity = manager.deserializeIdentity(serializedIdentity('OrgMSP', h.fromIntermediate));
    expect(identity.ou).toBe('peer');
    // OUs are certified by the hash of the chain above the identity: intermediate, then root.
    const der = (pem: string) => new Uint8Array(new x509.X509Certificate(pem).rawData);
    const certifiers = createHash('sha256').update(der(h.intermediatePem)).update(der(h.rootPem)).digest();
    expect(identity.satisfiesPrincipal(ouPrincipal('OrgMSP', 'peer', certifiers))).toBe(true);
    expect(identity.satisfiesPrincipal(ouPrincipal('OrgMSP', 'peer', createHash('sha256').update(der(h.rootPem)).digest()))).toBe(false);
    expect(() => manager.deserializeIdentity(serializedIdentity('OrgMSP', h.fromRoot))).toThrow(MspError);
    expect(() => manager.deserializeIdentity(serializedIdentity('OrgMSP', h.fromRoot))).toThrow(/leaf of the certification tree/);
    // Without the intermediate in the MSP, its leaves do not chain.
    const rootOnly = new MspManager([
      { mspId: 'OrgMSP', rootCerts: [h.rootPem], intermediateCerts: [], admins: [h.fromRoot], tlsRootCerts: [], tlsIntermediateCerts: [] },
    ]);
    expect(() => rootOnly.deserializeIdentity(serializedIdentity('OrgMSP', h.fromIntermediate))).toThrow(/unknown authority/);
    // Without NodeOUs, the admin is the one listed in admincerts, and nobody is a peer.
    const admin = rootOnly.deserializeIdentity(serializedIdentity('OrgMSP', h.fromRoot));
    expect(admin.ou).toBeUndefined();
    expect(admin.satisfiesPrincipal(rolePrincipal('OrgMSP', msp.MSPRole.MSPRoleType.ADMIN))).toBe(true);
    expect(admin.satisfiesPrincipal(rolePrincipal('OrgMSP', msp.MSPRole.MSPRoleType.PEER))).toBe(false);
    expect(admin.satisfiesPrincipal(rolePrincipal('OrgMSP', msp.MSPRole.MSPRoleType.MEMBER))).toBe(true);
  });

  it('refuses a NodeOU certified by a CA outside the MSP', async () => {
    const h = await hierarchy();
    const other = await hierarchy();
    expect(
      () =>
        new MspManager([
          {
            mspId: 'OrgMSP',
            rootCerts: [h.rootPem],
            intermediateCerts: [],
            admins: [],
            tlsRootCerts: [],
            tlsIntermediateCerts: [],
            nodeOUs: { enable: true, identifiers: { admin: { certificate: other.rootPem, organizationalUnitIdentifier: 'admin' } } },
          },
        ]),
    ).toThrow(/not in root or intermediate certs/);
  });
});
