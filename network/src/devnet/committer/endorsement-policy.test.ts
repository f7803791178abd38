import { createHash } from 'node:crypto';
import { msp, peer } from '@hyperledger/fabric-protos';
import type { StateMetadata } from '../ledger/api';
import { RWSetBuilder } from '../ledger/rwset-builder';
import type { CollectionDefinition } from '../lifecycle/api';
import type { Identity } from '../msp/api';
import { compileSignaturePolicy, parseSignaturePolicy } from '../policies';
import { testCollection, testDefinition, testRegistry } from '../chaincode/test-fixtures';
import { BlockPolicyUpdates, checkEndorsementPolicies, VALIDATION_PARAMETER, type EndorsementCheckContext } from './endorsement-policy';
import type { EndorsedAction } from './transaction';

const CHANNEL = 'alliance';
const CC = 'trace';

/** An endorsing peer of an org: satisfies exactly that org's role principals. */
function peerOf(mspId: string): Identity {
  return {
    mspId,
    certificatePem: mspId,
    serialized: Buffer.from(mspId),
    ou: undefined,
    attributes: {},
    verify: () => true,
    satisfiesPrincipal: (principal) => msp.MSPRole.deserializeBinary(principal.getPrincipal_asU8()).getMspIdentifier() === mspId,
  };
}

const policy = (dsl: string) => compileSignaturePolicy(parseSignaturePolicy(dsl));
const keyPolicyOf = (dsl: string): StateMetadata => new Map([[VALIDATION_PARAMETER, parseSignaturePolicy(dsl).serializeBinary()]]);

function context(
  committed: { public?: Record<string, StateMetadata>; hashed?: Record<string, StateMetadata> },
  collections: CollectionDefinition[] = [],
): EndorsementCheckContext {
  const definition = { ...testDefinition(CHANNEL, CC, 'trace_1:00', { collections }), endorsementPolicy: policy("AND('AMSP.peer', 'BMSP.peer')") };
  return {
    channel: CHANNEL,
    registry: testRegistry([definition]),
    updates: new BlockPolicyUpdates(),
    state: {
      getStateMetadata: async (_ns, key) => committed.public?.[key],
      getPrivateDataMetadataByHash: async (_ns, _coll, keyHash) =>
        Object.entries(committed.hashed ?? {}).find(([key]) => sha256(key).equals(keyHash))?.[1],
    },
  };
}

function action(build: (rwset: RWSetBuilder) => void): EndorsedAction {
  const builder = new RWSetBuilder();
  build(builder);
  return { chaincodeName: CC, proposalResponsePayload: new Uint8Array(), endorsements: [] as peer.Endorsement[], rwset: builder.getTxSimulationResults().publicRwset };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();
const put = (key: string) => action((rw) => rw.addToWriteSet(CC, key, Buffer.from('v')));
const A = peerOf('AMSP');
const B = peerOf('BMSP');
const C = peerOf('CMSP');

test("a key without a key policy needs the chaincode's policy", async () => {
  const ctx = context({});
  expect(await checkEndorsementPolicies(put('k'), [A, B], ctx)).toBe('valid');
  expect(await checkEndorsementPolicies(put('k'), [A], ctx)).toBe('policy-failure');
});

test("a key policy replaces the chaincode's policy for that key", async () => {
  const ctx = context({ public: { k: keyPolicyOf("OR('CMSP.peer')") } });
  expect(await checkEndorsementPolicies(put('k'), [C], ctx)).toBe('valid');
  expect(await checkEndorsementPolicies(put('k'), [A, B], ctx)).toBe('policy-failure');
});

test("a transaction writing a key policy key and a plain key needs both policies", async () => {
  const ctx = context({ public: { k: keyPolicyOf("OR('CMSP.peer')") } });
  const both = action((rw) => {
    rw.addToWriteSet(CC, 'k', Buffer.from('v'));
    rw.addToWriteSet(CC, 'plain', Buffer.from('v'));
  });
  expect(await checkEndorsementPolicies(both, [C], ctx)).toBe('policy-failure');
  expect(await checkEndorsementPolicies(both, [A, B, C], ctx)).toBe('valid');
});

test('changing a key policy needs the current key policy', async () => {
  const ctx = context({ public: { k: keyPolicyOf("OR('CMSP.peer')") } });
  const change = action((rw) => rw.addToMetadataWriteSet(CC, 'k', keyPolicyOf("OR('AMSP.peer')")));
  expect(await checkEndorsementPolicies(change, [A, B], ctx)).toBe('policy-failure');
  expect(await checkEndorsementPolicies(change, [C], ctx)).toBe('valid');
});

test('private keys: the key policy is found by key hash; else the collection policy, else the chaincode one', async () => {
  const own = { ...testCollection('own', ['AMSP'], { read: true, write: true }), endorsementPolicy: policy("OR('AMSP.peer')") };
  const plain = testCollection('plain', ['AMSP', 'BMSP'], { read: false, write: false });
  const ctx = context({ hashed: { secret: keyPolicyOf("OR('CMSP.peer')") } }, [own, plain]);
  const write = (coll: string, key: string) => action((rw) => rw.addToPvtAndHashedWriteSet(CC, coll, key, Buffer.from('v')));
  expect(await checkEndorsementPolicies(write('own', 'secret'), [C], ctx)).toBe('valid');
  expect(await checkEndorsementPolicies(write('own', 'secret'), [A], ctx)).toBe('policy-failure');
  expect(await checkEndorsementPolicies(write('own', 'other'), [A], ctx)).toBe('valid');
  expect(await checkEndorsementPolicies(write('plain', 'other'), [A], ctx)).toBe('policy-failure');
  expect(await checkEndorsementPolicies(write('plain', 'other'), [A, B], ctx)).toBe('valid');
  expect(await checkEndorsementPolicies(write('undeclared', 'other'), [A, B], ctx)).toBe('unknown-chaincode');
});

test('a key whose policy an earlier valid transaction of the block changed fails, whoever endorsed', async () => {
  const ctx = context({});
  ctx.updates.record(action((rw) => rw.addToMetadataWriteSet(CC, 'k', keyPolicyOf("OR('CMSP.peer')"))));
  expect(await checkEndorsementPolicies(put('k'), [A, B, C], ctx)).toBe('policy-failure');
  expect(await checkEndorsementPolicies(put('other'), [A, B], ctx)).toBe('valid');
});

test("a transaction that wrote nothing still needs the invoked chaincode's policy; an unknown chaincode is refused", async () => {
  const ctx = context({});
  const readOnly = action((rw) => rw.addToReadSet(CC, 'k', undefined));
  expect(await checkEndorsementPolicies(readOnly, [A], ctx)).toBe('policy-failure');
  expect(await checkEndorsementPolicies(readOnly, [A, B], ctx)).toBe('valid');
  expect(await checkEndorsementPolicies({ ...readOnly, chaincodeName: 'absent' }, [A, B], ctx)).toBe('unknown-chaincode');
});
