import { readFileSync } from 'node:fs';
import { msp } from '@hyperledger/fabric-protos';
import { peerOrgCrypto } from '../../crypto';
import { generateTestMaterial, type TestMaterial } from '../../crypto/test-material';
import { MspError } from './api';
import { loadMspConfig, toFabricMspConfig } from './config';
import { MspManager } from './manager';
import { loadSigner } from './signer';

let material: TestMaterial;
beforeAll(async () => {
  material = await generateTestMaterial();
});
afterAll(() => material.remove());

const customs = () => peerOrgCrypto(material.root, material.description.peerOrgs.find((o) => o.mspId === 'CustomsMSP')!);

describe('loadMspConfig and toFabricMspConfig', () => {
  it('reads an MSP folder: CA and TLS CA certificates, NodeOUs certified by the CA', () => {
    const files = customs();
    const config = loadMspConfig('CustomsMSP', files.mspDir);
    const caPem = readFileSync(files.caCertPath, 'utf8');
    expect(config.rootCerts).toEqual([caPem]);
    expect(config.tlsRootCerts).toEqual([readFileSync(files.tlsCaCertPath, 'utf8')]);
    expect(config.intermediateCerts).toEqual([]);
    expect(config.admins).toEqual([]);
    expect(config.nodeOUs).toEqual({
      enable: true,
      identifiers: {
        client: { organizationalUnitIdentifier: 'client', certificate: caPem },
        peer: { organizationalUnitIdentifier: 'peer', certificate: caPem },
        admin: { organizationalUnitIdentifier: 'admin', certificate: caPem },
        orderer: { organizationalUnitIdentifier: 'orderer', certificate: caPem },
      },
    });
    // A node's local MSP has the same trust.
    expect(loadMspConfig('CustomsMSP', files.peer.mspDir)).toEqual(config);
  });

  it('builds the FabricMSPConfig configtxgen puts in the channel config', () => {
    const files = customs();
    const config = loadMspConfig('CustomsMSP', files.mspDir);
    const value = toFabricMspConfig(config);
    expect(value.getType()).toBe(0);
    const fabric = msp.FabricMSPConfig.deserializeBinary(value.getConfig_asU8());
    expect(fabric.getName()).toBe('CustomsMSP');
    expect(fabric.getRootCertsList_asU8().map((b) => Buffer.from(b).toString())).toEqual(config.rootCerts);
    expect(fabric.getTlsRootCertsList_asU8().map((b) => Buffer.from(b).toString())).toEqual(config.tlsRootCerts);
    expect(fabric.getCryptoConfig()!.getSignatureHashFamily()).toBe('SHA2');
    expect(fabric.getCryptoConfig()!.getIdentityIdentifierHashFunction()).toBe('SHA256');
    const nodeOUs = fabric.getFabricNodeOus()!;
    expect(nodeOUs.getEnable()).toBe(true);
    expect(nodeOUs.getPeerOuIdentifier()!.getOrganizationalUnitIdentifier()).toBe('peer');
    expect(Buffer.from(nodeOUs.getAdminOuIdentifier()!.getCertificate_asU8()).toString()).toBe(config.rootCerts[0]);
  });

  it('refuses an MSP without CA certificates, and one that names no admins without an admin OU', () => {
    expect(() => loadMspConfig('X', material.root)).toThrow(/no ca certificate found/);
    const config = loadMspConfig('CustomsMSP', customs().mspDir);
    expect(() => new MspManager([{ ...config, nodeOUs: undefined }])).toThrow(MspError);
    expect(() => new MspManager([{ ...config, nodeOUs: undefined }])).toThrow(/administrators must be declared/);
    expect(() => new MspManager([config, config])).toThrow(/configured twice/);
  });
});

describe('loadSigner', () => {
  it('serializes as SerializedIdentity{mspid, PEM} and signs what the MSP verifies', () => {
    const files = customs();
    const signer = loadSigner('CustomsMSP', files.peer.certPath, files.peer.keyPath);
    const serialized = msp.SerializedIdentity.deserializeBinary(signer.serialize());
    expect(serialized.getMspid()).toBe('CustomsMSP');
    expect(Buffer.from(serialized.getIdBytes_asU8()).toString()).toBe(readFileSync(files.peer.certPath, 'utf8'));
    const identity = new MspManager([loadMspConfig('CustomsMSP', files.mspDir)]).deserializeIdentity(signer.serialize());
    expect(identity.verify(Buffer.from('block header'), signer.sign(Buffer.from('block header')))).toBe(true);
  });

  it('refuses a key that is not the certificate’s, and missing files', () => {
    const files = customs();
    expect(() => loadSigner('CustomsMSP', files.peer.certPath, files.admin.keyPath)).toThrow(/does not belong/);
    expect(() => loadSigner('CustomsMSP', files.peer.certPath + '.missing', files.peer.keyPath)).toThrow(MspError);
  });
});
