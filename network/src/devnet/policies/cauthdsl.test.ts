import { common } from '@hyperledger/fabric-protos';
import type { Identity } from '../msp/api';
import { useTestMsp } from '../msp/test-identities';
import { compileSignaturePolicy } from './cauthdsl';
import { PolicyError } from './errors';
import { implicitMetaPolicy, parseImplicitMetaPolicy } from './implicit-meta';
import { parseSignaturePolicy } from './signature-dsl';

const fixture = useTestMsp();

const ORGS = ['ManufacturerMSP', 'PlatformMSP', 'LogisticsMSP', 'CustomsMSP', 'RegulatorMSP'];
const id = (mspId: string, who: string): Identity => fixture.manager.deserializeIdentity(fixture.ids.signer(mspId, who).serialize());
const peers = (...mspIds: string[]) => mspIds.map((mspId) => id(mspId, 'peer'));
const policy = (dsl: string) => compileSignaturePolicy(parseSignaturePolicy(dsl));

describe('compileSignaturePolicy (Fabric cauthdsl) over real identities', () => {
  it('evaluates OutOf over peers, each identity counting once however often it signed', () => {
    const twoOfFive = policy(`OutOf(2, ${ORGS.map((o) => `'${o}.peer'`).join(', ')})`);
    expect(twoOfFive.evaluate(peers('CustomsMSP'))).toBe(false);
    expect(twoOfFive.evaluate(peers('CustomsMSP', 'CustomsMSP'))).toBe(false);
    expect(twoOfFive.evaluate(peers('CustomsMSP', 'RegulatorMSP'))).toBe(true);
    expect(twoOfFive.evaluate([])).toBe(false);
  });

  it('does not let a client satisfy a peer principal, nor a peer a client one', () => {
    expect(policy("OR('CustomsMSP.peer')").evaluate([id('CustomsMSP', 'User1')])).toBe(false);
    expect(policy("OR('CustomsMSP.client')").evaluate([id('CustomsMSP', 'peer')])).toBe(false);
    expect(policy("OR('CustomsMSP.client')").evaluate([id('CustomsMSP', 'User1')])).toBe(true);
    expect(policy("AND('CustomsMSP.admin', 'CustomsMSP.member')").evaluate([id('CustomsMSP', 'admin')])).toBe(false);
    expect(policy("OR('CustomsMSP.member')").evaluate([id('CustomsMSP', 'admin')])).toBe(true);
    expect(policy("OR('PlatformMSP.member')").evaluate([id('CustomsMSP', 'admin')])).toBe(false);
  });

  it('consumes an identity with the first principal it satisfies, greedily in signature order, as Fabric does', () => {
    const memberAndPeer = policy("AND('CustomsMSP.member', 'CustomsMSP.peer')");
    const user = id('CustomsMSP', 'User1');
    const peer = id('CustomsMSP', 'peer');
    expect(memberAndPeer.evaluate([peer])).toBe(false);
    expect(memberAndPeer.evaluate([user, peer])).toBe(true);
    // The member principal takes the peer first, and the user cannot be the peer: Fabric fails this too.
    expect(memberAndPeer.evaluate([peer, user])).toBe(false);
  });

  it('evaluates nested gates', () => {
    const p = policy("OR(AND('ManufacturerMSP.peer', 'RegulatorMSP.peer'), OutOf(2, 'CustomsMSP.peer', 'LogisticsMSP.peer', 'PlatformMSP.peer'))");
    expect(p.evaluate(peers('ManufacturerMSP'))).toBe(false);
    expect(p.evaluate(peers('ManufacturerMSP', 'RegulatorMSP'))).toBe(true);
    expect(p.evaluate(peers('ManufacturerMSP', 'CustomsMSP'))).toBe(false);
    expect(p.evaluate(peers('PlatformMSP', 'CustomsMSP'))).toBe(true);
  });

  it('refuses envelopes Fabric refuses', () => {
    const envelope = parseSignaturePolicy("OR('A.member')");
    envelope.setVersion(1);
    expect(() => compileSignaturePolicy(envelope)).toThrow(/only understands messages of version 0/);
    const outOfRange = parseSignaturePolicy("OR('A.member')");
    outOfRange.getRule()!.getNOutOf()!.getRulesList()[0].setSignedBy(3);
    expect(() => compileSignaturePolicy(outOfRange)).toThrow(PolicyError);
    expect(() => compileSignaturePolicy(outOfRange)).toThrow(/identity index out of range, requested 3, but identities length is 1/);
    expect(() => compileSignaturePolicy(new common.SignaturePolicyEnvelope())).toThrow(/Empty policy element/);
  });
});

describe('ImplicitMeta policies', () => {
  it('parses rules as Fabric does', () => {
    expect(parseImplicitMetaPolicy('MAJORITY Endorsement').toObject()).toEqual({ rule: common.ImplicitMetaPolicy.Rule.MAJORITY, subPolicy: 'Endorsement' });
    expect(parseImplicitMetaPolicy('ANY Readers').getRule()).toBe(common.ImplicitMetaPolicy.Rule.ANY);
    expect(() => parseImplicitMetaPolicy('MOST Readers')).toThrow(/unknown rule type 'MOST', expected ALL, ANY, or MAJORITY/);
    expect(() => parseImplicitMetaPolicy('ANY  Readers')).toThrow(/expected two space separated tokens, but got 3/);
  });

  it('MAJORITY over five orgs needs three of them', () => {
    const orgEndorsement = ORGS.map((mspId) => policy(`OR('${mspId}.peer')`));
    const majority = implicitMetaPolicy(parseImplicitMetaPolicy('MAJORITY Endorsement'), orgEndorsement);
    expect(majority.evaluate(peers('ManufacturerMSP', 'CustomsMSP'))).toBe(false);
    expect(majority.evaluate(peers('ManufacturerMSP', 'CustomsMSP', 'RegulatorMSP'))).toBe(true);
    expect(majority.evaluate([...peers('ManufacturerMSP', 'CustomsMSP'), id('RegulatorMSP', 'User1')])).toBe(false);
    const all = implicitMetaPolicy(parseImplicitMetaPolicy('ALL Endorsement'), orgEndorsement);
    expect(all.evaluate(peers(...ORGS.slice(0, 4)))).toBe(false);
    expect(all.evaluate(peers(...ORGS))).toBe(true);
    const any = implicitMetaPolicy(parseImplicitMetaPolicy('ANY Endorsement'), orgEndorsement);
    expect(any.evaluate(peers('LogisticsMSP'))).toBe(true);
    expect(any.evaluate([id('LogisticsMSP', 'User1')])).toBe(false);
    // No sub-groups: nothing is required.
    expect(implicitMetaPolicy(parseImplicitMetaPolicy('MAJORITY Admins'), []).evaluate([])).toBe(true);
  });
});
