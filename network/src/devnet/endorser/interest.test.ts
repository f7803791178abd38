import type { PeerLedger, TxSimulator } from '../ledger/api';
import { bytes, CC, collection, commitGenesis, commitNext, endorse, ORGS, openTestLedger } from '../ledger/test-fixtures';
import { parseSignaturePolicy } from '../policies/signature-dsl';
import { buildChaincodeInterest } from './interest';

const KEY_POLICY = parseSignaturePolicy("OR('Org2MSP.peer')");
const sbe = () => new Map([['VALIDATION_PARAMETER', KEY_POLICY.serializeBinary()]]);

let ledger: PeerLedger;

beforeEach(async () => {
  ({ ledger } = await openTestLedger([collection('secret', [ORGS[0]]), collection('other', ORGS)]));
  await commitGenesis(ledger);
  const seed = await endorse(ledger, 'seed', (sim) => {
    sim.setState(CC, 'plain', bytes('1'));
    sim.setState(CC, 'guarded', bytes('2'));
    sim.setPrivateData(CC, 'secret', 'p', bytes('hidden'));
    sim.setPrivateData(CC, 'other', 'guarded', bytes('hidden too'));
  });
  await commitNext(ledger, [seed.envelope]);
  const policies = await endorse(ledger, 'key-policies', (sim) => {
    sim.setStateMetadata(CC, 'guarded', sbe());
    sim.setPrivateDataMetadata(CC, 'other', 'guarded', sbe());
  });
  await commitNext(ledger, [policies.envelope]);
});

afterEach(() => ledger.close());

interface Call {
  readonly collections?: string[];
  readonly noPrivateReads?: true;
  readonly keyPolicies?: number;
  readonly disregardNamespacePolicy?: true;
}

/** Simulates as the endorser does and returns the interest, each call as a readable summary. */
async function interestOf(run: (sim: TxSimulator) => Promise<unknown> | void): Promise<Call[]> {
  const sim = await ledger.newTxSimulator('probe', ORGS[0]);
  await run(sim);
  const writesetMetadata = await sim.getWritesetMetadata!();
  const interest = buildChaincodeInterest({ ...sim.getResults(), writesetMetadata });
  return interest.getChaincodesList().map((call) => {
    expect(call.getName()).toBe(CC);
    expect(call.getNoPublicWrites()).toBe(false);
    for (const policy of call.getKeyPoliciesList()) expect(policy.serializeBinary()).toEqual(KEY_POLICY.serializeBinary());
    return {
      ...(call.getCollectionNamesList().length > 0 ? { collections: call.getCollectionNamesList() } : {}),
      ...(call.getNoPrivateReads() ? { noPrivateReads: true as const } : {}),
      ...(call.getKeyPoliciesList().length > 0 ? { keyPolicies: call.getKeyPoliciesList().length } : {}),
      ...(call.getDisregardNamespacePolicy() ? { disregardNamespacePolicy: true as const } : {}),
    };
  });
}

describe('reads only', () => {
  test("public reads: the chaincode's policy", async () => {
    expect(await interestOf((sim) => sim.getState(CC, 'plain'))).toEqual([{}]);
  });

  test("private reads only: the chaincode's policy (their hashed reads are in the public rwset) and a call per collection read", async () => {
    expect(
      await interestOf(async (sim) => {
        await sim.getPrivateData(CC, 'secret', 'p');
        await sim.getPrivateData(CC, 'other', 'absent');
      }),
    ).toEqual([{}, { collections: ['other'] }, { collections: ['secret'] }]);
  });

  test('a hash or metadata read is not a private read: no collection call', async () => {
    expect(
      await interestOf(async (sim) => {
        await sim.getPrivateDataHash(CC, 'secret', 'p');
        await sim.getPrivateDataMetadata(CC, 'other', 'guarded');
      }),
    ).toEqual([{}]);
  });

  test('system namespaces only: no call at all', async () => {
    expect(await interestOf((sim) => sim.getState('_lifecycle', 'namespaces/fields/trace/Sequence'))).toEqual([]);
  });
});

describe('private writes', () => {
  test("a collection written: its call alone, not the chaincode's, and no private reads", async () => {
    expect(await interestOf((sim) => sim.setPrivateData(CC, 'secret', 'q', bytes('v')))).toEqual([{ collections: ['secret'], noPrivateReads: true }]);
  });

  test('a collection read and written: one call, with private reads', async () => {
    expect(
      await interestOf(async (sim) => {
        await sim.getPrivateData(CC, 'secret', 'p');
        sim.setPrivateData(CC, 'secret', 'p', bytes('v'));
      }),
    ).toEqual([{ collections: ['secret'] }]);
  });

  test('one collection read, another written: a call each, with their own NoPrivateReads; public reads add nothing', async () => {
    expect(
      await interestOf(async (sim) => {
        await sim.getState(CC, 'plain');
        await sim.getPrivateData(CC, 'secret', 'p');
        sim.deletePrivateData(CC, 'other', 'gone');
      }),
    ).toEqual([{ collections: ['other'], noPrivateReads: true }, { collections: ['secret'] }]);
  });

  test("a private key with a key-level policy: that policy in place of the collection's", async () => {
    expect(await interestOf((sim) => sim.setPrivateData(CC, 'other', 'guarded', bytes('v')))).toEqual([{ keyPolicies: 1, disregardNamespacePolicy: true }]);
  });
});

describe('public writes', () => {
  test("without a key-level policy: the chaincode's, new keys included", async () => {
    expect(
      await interestOf((sim) => {
        sim.setState(CC, 'plain', bytes('v'));
        sim.setState(CC, 'new', bytes('v'));
      }),
    ).toEqual([{}]);
  });

  test("only keys with a key-level policy: their policies, the chaincode's disregarded", async () => {
    expect(await interestOf((sim) => sim.setState(CC, 'guarded', bytes('v')))).toEqual([{ keyPolicies: 1, disregardNamespacePolicy: true }]);
  });

  test("keys with and without: the key policies and the chaincode's", async () => {
    expect(
      await interestOf((sim) => {
        sim.setState(CC, 'guarded', bytes('v'));
        sim.deleteState(CC, 'plain');
      }),
    ).toEqual([{ keyPolicies: 1 }]);
  });

  test("a metadata write is judged by the key's committed metadata, not the one written", async () => {
    expect(await interestOf((sim) => sim.setStateMetadata(CC, 'plain', sbe()))).toEqual([{}]);
    expect(await interestOf((sim) => sim.setStateMetadata(CC, 'guarded', new Map()))).toEqual([{ keyPolicies: 1, disregardNamespacePolicy: true }]);
  });

  test('with a collection written and one read: the public call first, then the collections', async () => {
    expect(
      await interestOf(async (sim) => {
        await sim.getPrivateData(CC, 'other', 'guarded');
        sim.setState(CC, 'plain', bytes('v'));
        sim.setPrivateData(CC, 'secret', 'q', bytes('v'));
      }),
    ).toEqual([{}, { collections: ['other'] }, { collections: ['secret'], noPrivateReads: true }]);
  });
});

describe('writeset metadata', () => {
  /** The committed metadata the simulator reports for what run wrote, as plain values. */
  async function metadataOf(run: (sim: TxSimulator) => Promise<unknown> | void) {
    const sim = await ledger.newTxSimulator('probe', ORGS[0]);
    await run(sim);
    const metadata = await sim.getWritesetMetadata!();
    sim.getResults();
    return [...metadata].map(([ns, collections]) => [ns, [...collections].map(([coll, keys]) => [coll, [...keys].map(([key, m]) => [key, m && [...m]])])]);
  }

  const writeAll = (sim: TxSimulator) => {
    sim.setState(CC, 'guarded', bytes('v'));
    sim.setState(CC, 'plain', bytes('v'));
    sim.setState(CC, 'new', bytes('v'));
    sim.setPrivateData(CC, 'other', 'guarded', bytes('v'));
    sim.setPrivateData(CC, 'other', 'new', bytes('v'));
  };

  test('is the same, in the same order, whether the simulation read the written keys first or not', async () => {
    const unread = await metadataOf(writeAll);
    expect(unread).toEqual([
      [
        CC,
        [
          ['', [['guarded', [...sbe()]], ['plain', undefined], ['new', undefined]]],
          ['other', [['guarded', [...sbe()]], ['new', undefined]]],
        ],
      ],
    ]);
    const read = await metadataOf(async (sim) => {
      expect(await sim.getStateMultiple!(CC, ['new', 'guarded'])).toEqual([undefined, bytes('2')]);
      await sim.getState(CC, 'plain');
      await sim.getPrivateDataHash(CC, 'other', 'guarded');
      await sim.getPrivateData(CC, 'other', 'new');
      writeAll(sim);
    });
    expect(read).toEqual(unread);
  });
});
