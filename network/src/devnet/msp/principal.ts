import { msp } from '@hyperledger/fabric-protos';
import type { NodeOU } from './api';
import type { FabricMsp, ValidatedCertificate } from './fabric-msp';
import { parsePem } from './fabric-msp';

const { ROLE, ORGANIZATION_UNIT, IDENTITY, ANONYMITY, COMBINED } = msp.MSPPrincipal.Classification;
const Role = msp.MSPRole.MSPRoleType;

/** An MSPPrincipal decoded once; policies hold on to their principals, so this is cached per object. */
type Decoded =
  | { readonly kind: 'role'; readonly mspId: string; readonly role: number }
  | { readonly kind: 'ou'; readonly mspId: string; readonly ou: string; readonly certifiers: Buffer }
  | { readonly kind: 'identity'; readonly mspId: string; readonly der: Buffer }
  | { readonly kind: 'nominal' }
  | { readonly kind: 'combined'; readonly parts: readonly Decoded[] }
  /** Malformed, anonymous, or a classification Fabric's X.509 MSP does not satisfy. */
  | { readonly kind: 'never' };

const decodedCache = new WeakMap<msp.MSPPrincipal, Decoded>();

/**
 * Fabric's bccspmsp SatisfiesPrincipal (MSP v1.4.3 and later) for an identity this MSP validated:
 * ROLE member/admin/client/peer/orderer, IDENTITY (same certificate), ORGANIZATION_UNIT (OU and certifiers
 * identifier), ANONYMITY (nominal only) and COMBINED (all of them).
 */
export function satisfiesPrincipal(owner: FabricMsp, validated: ValidatedCertificate, principal: msp.MSPPrincipal): boolean {
  return satisfies(owner, validated, decode(principal));
}

function satisfies(owner: FabricMsp, validated: ValidatedCertificate, principal: Decoded): boolean {
  switch (principal.kind) {
    case 'role':
      return principal.mspId === owner.mspId && satisfiesRole(owner, validated, principal.role);
    case 'ou':
      return (
        principal.mspId === owner.mspId &&
        validated.certificate.subjectOUs.includes(principal.ou) &&
        validated.certifiersIdentifier.equals(principal.certifiers)
      );
    case 'identity':
      return principal.mspId === owner.mspId && validated.certificate.der.equals(principal.der);
    case 'nominal':
      return true;
    case 'combined':
      return principal.parts.length > 0 && principal.parts.every((part) => satisfies(owner, validated, part));
    case 'never':
      return false;
  }
}

function satisfiesRole(owner: FabricMsp, validated: ValidatedCertificate, role: number): boolean {
  const certificate = validated.certificate;
  switch (role) {
    case Role.MEMBER:
      return true; // the identity is valid for this MSP
    case Role.ADMIN:
      return owner.isListedAdmin(certificate) || owner.hasOURole(certificate, 'admin');
    case Role.CLIENT:
    case Role.PEER:
    case Role.ORDERER:
      return owner.hasOURole(certificate, roleOU(role));
    default:
      return false;
  }
}

function roleOU(role: number): NodeOU {
  return role === Role.CLIENT ? 'client' : role === Role.PEER ? 'peer' : 'orderer';
}

function decode(principal: msp.MSPPrincipal): Decoded {
  let decoded = decodedCache.get(principal);
  if (!decoded) {
    try {
      decoded = decodeUncached(principal);
    } catch {
      decoded = { kind: 'never' };
    }
    decodedCache.set(principal, decoded);
  }
  return decoded;
}

function decodeUncached(principal: msp.MSPPrincipal): Decoded {
  const bytes = principal.getPrincipal_asU8();
  switch (principal.getPrincipalClassification()) {
    case ROLE: {
      const role = msp.MSPRole.deserializeBinary(bytes);
      return { kind: 'role', mspId: role.getMspIdentifier(), role: role.getRole() };
    }
    case ORGANIZATION_UNIT: {
      const ou = msp.OrganizationUnit.deserializeBinary(bytes);
      return {
        kind: 'ou',
        mspId: ou.getMspIdentifier(),
        ou: ou.getOrganizationalUnitIdentifier(),
        certifiers: Buffer.from(ou.getCertifiersIdentifier_asU8()),
      };
    }
    case IDENTITY: {
      const identity = msp.SerializedIdentity.deserializeBinary(bytes);
      return { kind: 'identity', mspId: identity.getMspid(), der: parsePem(identity.getIdBytes_asU8()).der };
    }
    case ANONYMITY: {
      const anonymity = msp.MSPIdentityAnonymity.deserializeBinary(bytes);
      const nominal = anonymity.getAnonymityType() === msp.MSPIdentityAnonymity.MSPIdentityAnonymityType.NOMINAL;
      return nominal ? { kind: 'nominal' } : { kind: 'never' };
    }
    case COMBINED: {
      const combined = msp.CombinedPrincipal.deserializeBinary(bytes);
      return { kind: 'combined', parts: combined.getPrincipalsList().map(decodeUncached) };
    }
    default:
      return { kind: 'never' };
  }
}
