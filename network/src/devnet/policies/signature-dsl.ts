import { common, msp } from '@hyperledger/fabric-protos';
import { parsePolicySyntax, type GateNode, type PrincipalRole } from './dsl-syntax';

const ROLES: Readonly<Record<PrincipalRole, msp.MSPRole.MSPRoleTypeMap[keyof msp.MSPRole.MSPRoleTypeMap]>> = {
  member: msp.MSPRole.MSPRoleType.MEMBER,
  admin: msp.MSPRole.MSPRoleType.ADMIN,
  client: msp.MSPRole.MSPRoleType.CLIENT,
  peer: msp.MSPRole.MSPRoleType.PEER,
  orderer: msp.MSPRole.MSPRoleType.ORDERER,
};

/**
 * Fabric's policydsl.FromString: "OR('Org1MSP.peer', AND('Org2MSP.admin', 'Org3MSP.member'))" into a
 * SignaturePolicyEnvelope, byte for byte as Fabric builds it. Like Fabric, every principal occurrence gets
 * its own identity entry (policydsl does not merge repeats), numbered in the order Fabric's evaluator meets
 * them: a gate's nested gates first, then its own principals.
 * Throws PolicyParseError.
 */
export function parseSignaturePolicy(dsl: string): common.SignaturePolicyEnvelope {
  const identities: msp.MSPPrincipal[] = [];
  const envelope = new common.SignaturePolicyEnvelope();
  envelope.setVersion(0);
  envelope.setRule(buildGate(parsePolicySyntax(dsl), identities));
  envelope.setIdentitiesList(identities);
  return envelope;
}

function buildGate(gate: GateNode, identities: msp.MSPPrincipal[]): common.SignaturePolicy {
  const nested = new Map<GateNode, common.SignaturePolicy>();
  for (const arg of gate.args) if (arg.kind === 'gate') nested.set(arg, buildGate(arg, identities));
  const rules = gate.args.map((arg) => {
    if (arg.kind === 'gate') return nested.get(arg)!;
    identities.push(rolePrincipal(arg.mspId, ROLES[arg.role]));
    return signedBy(identities.length - 1);
  });
  const nOutOf = new common.SignaturePolicy.NOutOf();
  nOutOf.setN(gate.threshold);
  nOutOf.setRulesList(rules);
  const policy = new common.SignaturePolicy();
  policy.setNOutOf(nOutOf);
  return policy;
}

function signedBy(index: number): common.SignaturePolicy {
  const policy = new common.SignaturePolicy();
  policy.setSignedBy(index);
  return policy;
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
