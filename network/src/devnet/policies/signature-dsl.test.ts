import { common, msp } from '@hyperledger/fabric-protos';
import { PolicyParseError } from './errors';
import { parseSignaturePolicy } from './signature-dsl';

const Role = msp.MSPRole.MSPRoleType;

function principal(mspId: string, role: number): msp.MSPPrincipal {
  const mspRole = new msp.MSPRole();
  mspRole.setMspIdentifier(mspId);
  mspRole.setRole(role as 0);
  const p = new msp.MSPPrincipal();
  p.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
  p.setPrincipal(mspRole.serializeBinary());
  return p;
}

function signedBy(i: number): common.SignaturePolicy {
  const p = new common.SignaturePolicy();
  p.setSignedBy(i);
  return p;
}

function outOf(n: number, rules: common.SignaturePolicy[]): common.SignaturePolicy {
  const nOutOf = new common.SignaturePolicy.NOutOf();
  nOutOf.setN(n);
  nOutOf.setRulesList(rules);
  const p = new common.SignaturePolicy();
  p.setNOutOf(nOutOf);
  return p;
}

function envelope(rule: common.SignaturePolicy, identities: msp.MSPPrincipal[]): Uint8Array {
  const e = new common.SignaturePolicyEnvelope();
  e.setVersion(0);
  e.setRule(rule);
  e.setIdentitiesList(identities);
  return e.serializeBinary();
}

const bytes = (dsl: string) => parseSignaturePolicy(dsl).serializeBinary();

describe('parseSignaturePolicy (Fabric policydsl)', () => {
  it('builds the envelopes Fabric builds for flat gates', () => {
    const ab = [principal('A', Role.MEMBER), principal('B', Role.MEMBER)];
    expect(bytes("OutOf(1, 'A.member', 'B.member')")).toEqual(envelope(outOf(1, [signedBy(0), signedBy(1)]), ab));
    expect(bytes("AND('A.member', 'B.member')")).toEqual(envelope(outOf(2, [signedBy(0), signedBy(1)]), ab));
    expect(bytes('or("A.member", "B.member")')).toEqual(envelope(outOf(1, [signedBy(0), signedBy(1)]), ab));
    expect(bytes("OutOf('1', 'A.member', 'B.member')")).toEqual(envelope(outOf(1, [signedBy(0), signedBy(1)]), ab));
    expect(bytes("OR('A.peer', 'B.admin', 'C.orderer', 'D.client')")).toEqual(
      envelope(outOf(1, [0, 1, 2, 3].map(signedBy)), [
        principal('A', Role.PEER),
        principal('B', Role.ADMIN),
        principal('C', Role.ORDERER),
        principal('D', Role.CLIENT),
      ]),
    );
  });

  it("numbers a gate's nested principals before its own, as Fabric's evaluation order does", () => {
    expect(bytes("OR('A.member', AND('B.member', 'C.member'))")).toEqual(
      envelope(outOf(1, [signedBy(2), outOf(2, [signedBy(0), signedBy(1)])]), [
        principal('B', Role.MEMBER),
        principal('C', Role.MEMBER),
        principal('A', Role.MEMBER),
      ]),
    );
    expect(bytes("OR(AND('A.member', 'B.member'), OR('C.admin', 'D.member'))")).toEqual(
      envelope(outOf(1, [outOf(2, [signedBy(0), signedBy(1)]), outOf(1, [signedBy(2), signedBy(3)])]), [
        principal('A', Role.MEMBER),
        principal('B', Role.MEMBER),
        principal('C', Role.ADMIN),
        principal('D', Role.MEMBER),
      ]),
    );
  });

  it('keeps MSP ids with dots and dashes, and repeated principals as separate identities like Fabric', () => {
    const parsed = parseSignaturePolicy("OR('MSP.WITH.DOTS.member', 'MSP-WITH-DASHES.peer', 'MSP-WITH-DASHES.peer')");
    const roles = parsed.getIdentitiesList().map((p) => msp.MSPRole.deserializeBinary(p.getPrincipal_asU8()).toObject());
    expect(roles).toEqual([
      { mspIdentifier: 'MSP.WITH.DOTS', role: Role.MEMBER },
      { mspIdentifier: 'MSP-WITH-DASHES', role: Role.PEER },
      { mspIdentifier: 'MSP-WITH-DASHES', role: Role.PEER },
    ]);
  });

  it('allows thresholds from 0 to n + 1, as Fabric does', () => {
    expect(parseSignaturePolicy("OutOf(0, 'A.member', 'B.member')").getRule()!.getNOutOf()!.getN()).toBe(0);
    expect(parseSignaturePolicy("OutOf(3, 'A.member', 'B.member')").getRule()!.getNOutOf()!.getN()).toBe(3);
  });

  it.each([
    ['', /expected AND, OR or OutOf at position 1/],
    ["'A.member'", /expected AND, OR or OutOf at position 1/],
    ["OR('A.member', Bmember)", /unrecognized token 'Bmember' at position 16/],
    ["OR('A.member', 'Bmember')", /error parsing principal Bmember at position 16/],
    ["OR('A.member', 'B.boss')", /error parsing principal B.boss/],
    ['OutOf(1)', /expected at least two arguments to NOutOf. Given 1 at position 1/],
    ['AND()', /expected at least two arguments to NOutOf. Given 1/],
    ["OutOf(4, 'A.member', 'B.member')", /invalid t-out-of-n predicate, t 4, n 2/],
    ["OutOf(-1, 'A.member', 'B.member')", /invalid t-out-of-n predicate, t -1, n 2/],
    ["OutOf(true, 'A.member')", /expected the number of policies OutOf requires at position 7/],
    ["OutOf(1, 2)", /expected a principal or a nested AND, OR or OutOf at position 10/],
    ["AND('A.member'", /expected ',' or '\)' at position 15/],
    ["AND('A.member' 'B.member')", /expected ',' or '\)' at position 16/],
    ["OR('A.member') OR('B.member')", /unexpected text after the policy at position 16/],
    ["OR('A.member)", /unterminated string at position 4/],
    ["OR('A.member'; 'B.peer')", /unexpected character ';' at position 14/],
  ])('refuses %s, saying what and where', (dsl, reason) => {
    expect(() => parseSignaturePolicy(dsl)).toThrow(PolicyParseError);
    expect(() => parseSignaturePolicy(dsl)).toThrow(reason);
  });
});
