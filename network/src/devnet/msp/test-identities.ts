import { readFileSync } from 'node:fs';
import { msp } from '@hyperledger/fabric-protos';
import { ordererOrgCrypto, peerOrgCrypto, type IdentityFiles } from '../../crypto';
import { generateTestMaterial, type TestMaterial } from '../../crypto/test-material';
import type { Signer } from './api';
import { loadMspConfig, type MspConfig } from './config';
import { MspManager } from './manager';
import { loadSigner } from './signer';

/** Test support: the generated network's MSP configs and a signer per identity. */
export interface TestIdentities {
  readonly configs: MspConfig[];
  /** e.g. signer('CustomsMSP', 'peer'), signer('CustomsMSP', 'User1'), signer('OrdererMSP', 'admin'). */
  signer(mspId: string, who: 'peer' | 'orderer' | 'admin' | string): Signer;
  /** The certificate PEM file of the same identity. */
  certificatePem(mspId: string, who: string): string;
}

export function testIdentities(material: TestMaterial): TestIdentities {
  const { description, root } = material;
  const orderer = ordererOrgCrypto(root, description.ordererOrg);
  const files = (mspId: string, who: string): IdentityFiles => {
    if (mspId === description.ordererOrg.mspId) return who === 'admin' ? orderer.admin : orderer.orderer;
    const org = description.peerOrgs.find((o) => o.mspId === mspId);
    if (!org) throw new Error(`no org ${mspId}`);
    const crypto = peerOrgCrypto(root, org);
    return who === 'peer' ? crypto.peer : who === 'admin' ? crypto.admin : crypto.user(who);
  };
  return {
    configs: [
      loadMspConfig(description.ordererOrg.mspId, orderer.mspDir),
      ...description.peerOrgs.map((org) => loadMspConfig(org.mspId, peerOrgCrypto(root, org).mspDir)),
    ],
    signer: (mspId, who) => {
      const { certPath, keyPath } = files(mspId, who);
      return loadSigner(mspId, certPath, keyPath);
    },
    certificatePem: (mspId, who) => readFileSync(files(mspId, who).certPath, 'utf8'),
  };
}

/** SerializedIdentity bytes for any MSP id and id bytes. */
export function serializedIdentity(mspId: string, idBytes: string | Uint8Array): Uint8Array {
  const identity = new msp.SerializedIdentity();
  identity.setMspid(mspId);
  identity.setIdBytes(typeof idBytes === 'string' ? Buffer.from(idBytes) : idBytes);
  return identity.serializeBinary();
}

/** Test support: the usual fixture — generated material, its identities and an MspManager over them — set up
 * before the file's tests and removed after. Fields are valid inside tests. */
export interface TestMsp {
  readonly material: TestMaterial;
  readonly ids: TestIdentities;
  readonly manager: MspManager;
}

export function useTestMsp(): TestMsp {
  const fixture = {} as { material: TestMaterial; ids: TestIdentities; manager: MspManager };
  beforeAll(async () => {
    fixture.material = await generateTestMaterial();
    fixture.ids = testIdentities(fixture.material);
    fixture.manager = new MspManager(fixture.ids.configs);
  });
  afterAll(() => fixture.material?.remove());
  return fixture;
}
