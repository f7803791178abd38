import { common, msp } from '@hyperledger/fabric-protos';

/**
 * A key-level endorsement policy (Fabric's state-based endorsement) that `required` of the MSPs' peers must
 * sign: Fabric's OutOf(n, 'A.peer', ...). fabric-shim's KeyEndorsementPolicy only writes "all of them", so the
 * SignaturePolicyEnvelope is built here from Fabric's own messages.
 */
export function peersOutOfPolicy(required: number, mspIds: readonly string[]): Uint8Array {
  const identities = mspIds.map((mspId) => {
    const role = new msp.MSPRole();
    role.setMspIdentifier(mspId);
    role.setRole(msp.MSPRole.MSPRoleType.PEER);
    const principal = new msp.MSPPrincipal();
    principal.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
    principal.setPrincipal(role.serializeBinary());
    return principal;
  });
  const outOf = new common.SignaturePolicy.NOutOf();
  outOf.setN(required);
  outOf.setRulesList(
    mspIds.map((_, index) => {
      const signedBy = new common.SignaturePolicy();
      signedBy.setSignedBy(index);
      return signedBy;
    }),
  );
  const rule = new common.SignaturePolicy();
  rule.setNOutOf(outOf);
  const envelope = new common.SignaturePolicyEnvelope();
  envelope.setVersion(0);
  envelope.setRule(rule);
  envelope.setIdentitiesList(identities);
  return envelope.serializeBinary();
}
