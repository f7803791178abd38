import { readFileSync } from 'node:fs';
import { sign } from 'node:crypto';
import { encodeEcdsaSignature, parseEcdsaSignature, peerOrgCrypto, toLowS } from '../../crypto';
import { MspError } from './api';
import { MspManager } from './manager';
import { serializedIdentity, useTestMsp } from './test-identities';

const fixture = useTestMsp();

describe('MspManager.deserializeIdentity', () => {
  it('validates identities of every org and classifies them by NodeOU', () => {
    expect(fixture.manager.mspIds).toEqual(['OrdererMSP', 'ManufacturerMSP', 'PlatformMSP', 'LogisticsMSP', 'CustomsMSP', 'RegulatorMSP']);
    const cases: [string, string, string][] = [
      ['CustomsMSP', 'peer', 'peer'],
      ['CustomsMSP', 'admin', 'admin'],
      ['CustomsMSP', 'User1', 'client'],
      ['OrdererMSP', 'orderer', 'orderer'],
      ['OrdererMSP', 'admin', 'admin'],
    ];
    for (const [mspId, who, ou] of cases) {
      const serialized = fixture.ids.signer(mspId, who).serialize();
      const identity = fixture.manager.deserializeIdentity(serialized);
      expect(identity.mspId).toBe(mspId);
      expect(identity.ou).toBe(ou);
      expect(identity.certificatePem).toBe(fixture.ids.certificatePem(mspId, who));
      expect(identity.serialized).toEqual(serialized);
    }
  });

  it("reads the Fabric CA attributes of a user's certificate", () => {
    const identity = fixture.manager.deserializeIdentity(fixture.ids.signer('CustomsMSP', 'User1').serialize());
    expect(identity.attributes).toEqual({
      'hf.Affiliation': '',
      'hf.EnrollmentID': 'User1@customs.trace.local',
      'hf.Type': 'client',
      role: 'customs',
    });
    expect(fixture.manager.deserializeIdentity(fixture.ids.signer('CustomsMSP', 'peer').serialize()).attributes).toEqual({});
  });

  it('refuses unknown MSPs, garbage, foreign certificates, CA certificates and TLS certificates', () => {
    const userPem = fixture.ids.certificatePem('CustomsMSP', 'User1');
    const refuse = (bytes: Uint8Array, reason: RegExp) => {
      expect(() => fixture.manager.deserializeIdentity(bytes)).toThrow(MspError);
      expect(() => fixture.manager.deserializeIdentity(bytes)).toThrow(reason);
    };
    refuse(serializedIdentity('NobodyMSP', userPem), /MSP NobodyMSP is not defined on channel/);
    refuse(Uint8Array.from([0xff, 0xff, 0xff]), /could not deserialize a SerializedIdentity/);
    refuse(serializedIdentity('CustomsMSP', 'not a certificate'), /could not decode the PEM structure/);
    refuse(serializedIdentity('ManufacturerMSP', userPem), /certificate signed by unknown authority/);
    const files = peerOrgCrypto(fixture.material.root, fixture.material.description.peerOrgs.find((o) => o.mspId === 'CustomsMSP')!);
    refuse(serializedIdentity('CustomsMSP', readFileSync(files.caCertPath)), /Certificate Authority equals true/);
    refuse(serializedIdentity('CustomsMSP', readFileSync(files.peer.tls.certPath)), /unknown authority/);
  });

  it('caches identities by their serialized bytes, bounded', () => {
    const small = new MspManager(fixture.ids.configs, { cacheSize: 2 });
    const [a, b, c] = ['peer', 'admin', 'User1'].map((who) => fixture.ids.signer('PlatformMSP', who).serialize());
    const first = small.deserializeIdentity(a);
    expect(small.deserializeIdentity(Uint8Array.from(a))).toBe(first);
    small.deserializeIdentity(b);
    small.deserializeIdentity(c); // evicts a
    expect(small.deserializeIdentity(a)).not.toBe(first);
  });

  it('the same certificate spelt with other PEM line breaks is the same canonical identity', () => {
    const pem = fixture.ids.certificatePem('CustomsMSP', 'peer');
    const identity = fixture.manager.deserializeIdentity(serializedIdentity('CustomsMSP', pem.replace(/\n/g, '\r\n')));
    expect(identity.certificatePem).toBe(pem);
  });
});

describe('Identity.verify', () => {
  it('verifies low-S ECDSA-SHA256 signatures and rejects high-S and tampered ones', () => {
    const signer = fixture.ids.signer('LogisticsMSP', 'User1');
    const identity = fixture.manager.deserializeIdentity(signer.serialize());
    const message = Buffer.from('signed proposal bytes');
    const signature = signer.sign(message);
    expect(identity.verify(message, signature)).toBe(true);
    expect(identity.verify(Buffer.from('other bytes'), signature)).toBe(false);
    expect(fixture.manager.deserializeIdentity(fixture.ids.signer('LogisticsMSP', 'peer').serialize()).verify(message, signature)).toBe(false);

    // The same signature with S replaced by n - S is mathematically valid, and Fabric refuses it.
    const parsed = parseEcdsaSignature(signature)!;
    const high = encodeEcdsaSignature({ r: parsed.r, s: highS(parsed.s) });
    expect(encodeEcdsaSignature(toLowS(parseEcdsaSignature(high)!))).toEqual(Buffer.from(signature));
    expect(identity.verify(message, high)).toBe(false);
  });

  it('accepts signatures made by other ECDSA implementations once low-S', () => {
    const files = peerOrgCrypto(fixture.material.root, fixture.material.description.peerOrgs[0]);
    const identity = fixture.manager.deserializeIdentity(fixture.ids.signer('ManufacturerMSP', 'peer').serialize());
    const message = Buffer.from('x');
    const der = sign('sha256', message, readFileSync(files.peer.keyPath, 'utf8'));
    expect(identity.verify(message, encodeEcdsaSignature(toLowS(parseEcdsaSignature(der)!)))).toBe(true);
  });
});

function highS(low: Buffer): Buffer {
  const n = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
  return Buffer.from((n - BigInt(`0x${low.toString('hex')}`)).toString(16).padStart(64, '0'), 'hex');
}
