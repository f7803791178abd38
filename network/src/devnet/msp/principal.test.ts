import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { msp } from '@hyperledger/fabric-protos';
import { pemToDer, peerOrgCrypto } from '../../crypto';
import type { Identity } from './api';
import { useTestMsp } from './test-identities';

const Role = msp.MSPRole.MSPRoleType;
const Classification = msp.MSPPrincipal.Classification;

const fixture = useTestMsp();

function principal(classification: number, message: { serializeBinary(): Uint8Array }): msp.MSPPrincipal {
  const p = new msp.MSPPrincipal();
  p.setPrincipalClassification(classification as 0);
  p.setPrincipal(message.serializeBinary());
  return p;
}

function role(mspId: string, r: number): msp.MSPPrincipal {
  const mspRole = new msp.MSPRole();
  mspRole.setMspIdentifier(mspId);
  mspRole.setRole(r as 0);
  return principal(Classification.ROLE, mspRole);
}

const identity = (mspId: string, who: string): Identity => fixture.manager.deserializeIdentity(fixture.ids.signer(mspId, who).serialize());

describe('Identity.satisfiesPrincipal', () => {
  it('answers MSPRole principals per NodeOU, as Fabric with NodeOUs enabled', () => {
    const roles = [Role.MEMBER, Role.ADMIN, Role.CLIENT, Role.PEER, Role.ORDERER];
    const expected: Record<string, boolean[]> = {
      'CustomsMSP/peer': [true, false, false, true, false],
      'CustomsMSP/admin': [true, true, false, false, false],
      'CustomsMSP/User1': [true, false, true, false, false],
      'OrdererMSP/orderer': [true, false, false, false, true],
      'OrdererMSP/admin': [true, true, false, false, false],
    };
    for (const [key, answers] of Object.entries(expected)) {
      const [mspId, who] = key.split('/');
      const id = identity(mspId, who);
      expect(roles.map((r) => id.satisfiesPrincipal(role(mspId, r)))).toEqual(answers);
      // Never a member of another MSP.
      expect(roles.some((r) => id.satisfiesPrincipal(role('PlatformMSP', r)))).toBe(false);
    }
  });

  it('answers IDENTITY principals by certificate', () => {
    const serialized = fixture.ids.signer('RegulatorMSP', 'User1').serialize();
    const p = new msp.MSPPrincipal();
    p.setPrincipalClassification(Classification.IDENTITY);
    p.setPrincipal(serialized);
    expect(fixture.manager.deserializeIdentity(serialized).satisfiesPrincipal(p)).toBe(true);
    expect(identity('RegulatorMSP', 'peer').satisfiesPrincipal(p)).toBe(false);
  });

  it('answers ORGANIZATION_UNIT principals by OU and certifiers identifier (hash of the issuing CA chain)', () => {
    const org = fixture.material.description.peerOrgs.find((o) => o.mspId === 'CustomsMSP')!;
    const caDer = pemToDer(readFileSync(peerOrgCrypto(fixture.material.root, org).caCertPath, 'utf8'), 'CERTIFICATE');
    const ou = (name: string, certifiers: Uint8Array) => {
      const unit = new msp.OrganizationUnit();
      unit.setMspIdentifier('CustomsMSP');
      unit.setOrganizationalUnitIdentifier(name);
      unit.setCertifiersIdentifier(certifiers);
      return principal(Classification.ORGANIZATION_UNIT, unit);
    };
    const certifiers = createHash('sha256').update(caDer).digest();
    expect(identity('CustomsMSP', 'peer').satisfiesPrincipal(ou('peer', certifiers))).toBe(true);
    expect(identity('CustomsMSP', 'peer').satisfiesPrincipal(ou('client', certifiers))).toBe(false);
    expect(identity('CustomsMSP', 'peer').satisfiesPrincipal(ou('peer', Buffer.alloc(32)))).toBe(false);
  });

  it('answers COMBINED principals (all parts) and ANONYMITY (nominal only); malformed principals never match', () => {
    const combined = (parts: msp.MSPPrincipal[]) => {
      const c = new msp.CombinedPrincipal();
      c.setPrincipalsList(parts);
      return principal(Classification.COMBINED, c);
    };
    const peer = identity('CustomsMSP', 'peer');
    expect(peer.satisfiesPrincipal(combined([role('CustomsMSP', Role.MEMBER), role('CustomsMSP', Role.PEER)]))).toBe(true);
    expect(peer.satisfiesPrincipal(combined([role('CustomsMSP', Role.PEER), role('CustomsMSP', Role.ADMIN)]))).toBe(false);
    expect(peer.satisfiesPrincipal(combined([]))).toBe(false);
    const anonymity = (type: number) => {
      const a = new msp.MSPIdentityAnonymity();
      a.setAnonymityType(type as 0);
      return principal(Classification.ANONYMITY, a);
    };
    expect(peer.satisfiesPrincipal(anonymity(msp.MSPIdentityAnonymity.MSPIdentityAnonymityType.NOMINAL))).toBe(true);
    expect(peer.satisfiesPrincipal(anonymity(msp.MSPIdentityAnonymity.MSPIdentityAnonymityType.ANONYMOUS))).toBe(false);
    const broken = new msp.MSPPrincipal();
    broken.setPrincipalClassification(Classification.ROLE);
    broken.setPrincipal(Uint8Array.from([0xff, 0xff]));
    expect(peer.satisfiesPrincipal(broken)).toBe(false);
  });
});
