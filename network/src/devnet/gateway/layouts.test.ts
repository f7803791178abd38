import { peer } from '@hyperledger/fabric-protos';
import { parseSignaturePolicy } from '../policies/signature-dsl';
import { endorsersByOrg } from './endorsers';
import { DiscoveryError, endorsementLayouts } from './layouts';
import { CHAINCODE, CHANNEL, registry, testNetwork } from './test-fakes';

interface CallSpec {
  readonly name?: string;
  /** One collection per call, as Fabric's endorser reports them. */
  readonly collection?: string;
  /** The collection's private values were read: only its members qualify. */
  readonly read?: boolean;
  readonly keyPolicies?: readonly string[];
  readonly disregardNamespacePolicy?: boolean;
}

/** A chaincode interest of the given calls, as Fabric's endorser (buildChaincodeInterest) shapes them. */
function interestOf(...calls: CallSpec[]): peer.ChaincodeInterest {
  const result = new peer.ChaincodeInterest();
  for (const spec of calls) {
    const call = new peer.ChaincodeCall();
    call.setName(spec.name ?? CHAINCODE);
    if (spec.collection !== undefined) {
      call.setCollectionNamesList([spec.collection]);
      call.setNoPrivateReads(!spec.read);
    }
    call.setKeyPoliciesList((spec.keyPolicies ?? []).map(parseSignaturePolicy));
    call.setDisregardNamespacePolicy(spec.disregardNamespacePolicy ?? false);
    result.addChaincodes(call);
  }
  return result;
}

/** The interest of a transaction that touched the chaincode's state only (or wrote public keys without key policies). */
function interest(name: string): peer.ChaincodeInterest {
  return interestOf({ name });
}

const short = (layouts: string[][]) => layouts.map((layout) => layout.map((mspId) => mspId.replace('MSP', '')).join('+'));
const candidates = () => endorsersByOrg(testNetwork().deps, CHANNEL, CHAINCODE);

test('OutOf(2, five orgs): every pair and nothing larger', () => {
  expect(short(endorsementLayouts(registry, CHANNEL, interest(CHAINCODE), candidates()))).toEqual([
    'Manufacturer+Platform',
    'Manufacturer+Logistics',
    'Platform+Logistics',
    'Manufacturer+Customs',
    'Platform+Customs',
    'Logistics+Customs',
    'Manufacturer+Regulator',
    'Platform+Regulator',
    'Logistics+Regulator',
    'Customs+Regulator',
  ]);
});

const layoutsOf = (...calls: CallSpec[]) => short(endorsementLayouts(registry, CHANNEL, interestOf(...calls), candidates()));
const NO_COMBINATION = new DiscoveryError('no peer combination can satisfy the endorsement policy');

describe('a call per collection', () => {
  test("a collection written alone: its own endorsement policy, not the chaincode's (Fabric's PoliciesByChaincode)", () => {
    expect(layoutsOf({ collection: 'customsApproved' })).toEqual(['Customs']);
  });

  test("a collection without a policy of its own brings the chaincode's back", () => {
    const layouts = layoutsOf({ collection: 'customsApproved' }, { collection: 'shared' });
    expect(layouts).toEqual(['Manufacturer+Customs', 'Platform+Customs', 'Logistics+Customs', 'Customs+Regulator']);
  });

  test("a collection written with a public key: its policy and the chaincode's", () => {
    expect(layoutsOf({}, { collection: 'customsApproved' })).toEqual(['Manufacturer+Customs', 'Platform+Customs', 'Logistics+Customs', 'Customs+Regulator']);
  });

  test('a collection read (with the call for the namespace read): only its member orgs, meeting both policies', () => {
    expect(layoutsOf({}, { collection: 'shared', read: true })).toEqual(['Manufacturer+Platform']);
  });

  test("a collection read whose own policy its members cannot meet: no combination", () => {
    expect(() => layoutsOf({}, { collection: 'customsOutside', read: true })).toThrow(NO_COMBINATION);
  });

  test('the same collection written without being read: any org may endorse, Customs being required', () => {
    expect(layoutsOf({ collection: 'customsOutside' })).toEqual(['Customs']);
  });

  test('two collections read whose policies the members of both cannot meet together: no combination', () => {
    // shared: Manufacturer + Platform, the chaincode's 2 of 5; customsApproved: Manufacturer + Customs, Customs endorses.
    // Each alone has a layout; read together only the Manufacturer is a member of both.
    expect(layoutsOf({}, { collection: 'customsApproved', read: true })).toEqual(['Manufacturer+Customs']);
    expect(() => layoutsOf({}, { collection: 'shared', read: true }, { collection: 'customsApproved', read: true })).toThrow(NO_COMBINATION);
  });

  test('one collection read and another only written: members of the one read, policies of both', () => {
    expect(() => layoutsOf({ collection: 'shared', read: true }, { collection: 'customsApproved' })).toThrow(NO_COMBINATION);
    expect(layoutsOf({ collection: 'customsApproved', read: true }, { collection: 'shared' })).toEqual(['Manufacturer+Customs']);
  });

  test('the order of the calls does not matter', () => {
    expect(layoutsOf({ collection: 'shared' }, {}, { collection: 'customsApproved' })).toEqual(layoutsOf({ collection: 'customsApproved' }, { collection: 'shared' }, {}));
  });
});

describe('key-level policies', () => {
  const LOGISTICS = "OR('LogisticsMSP.peer')";

  test('in place of the chaincode policy (DisregardNamespacePolicy): the key policy alone', () => {
    expect(layoutsOf({ keyPolicies: [LOGISTICS], disregardNamespacePolicy: true })).toEqual(['Logistics']);
  });

  test("with a public key written without one: the key policy and the chaincode's", () => {
    expect(layoutsOf({ keyPolicies: [LOGISTICS] })).toEqual(['Manufacturer+Logistics', 'Platform+Logistics', 'Logistics+Customs', 'Logistics+Regulator']);
  });

  test("every key's policy is met, with a collection's", () => {
    expect(layoutsOf({ keyPolicies: [LOGISTICS, "OR('RegulatorMSP.peer')"], disregardNamespacePolicy: true }, { collection: 'customsApproved' })).toEqual([
      'Logistics+Customs+Regulator',
    ]);
  });

  test('disregarding the namespace policy with neither key nor collection policies: refused as Fabric does', () => {
    expect(() => layoutsOf({ disregardNamespacePolicy: true })).toThrow(
      new DiscoveryError(
        `requested to disregard chaincode ${CHAINCODE}'s policy but key and collection policies are missing, either disable DisregardNamespacePolicy or specify at least one key policy or at least one collection policy`,
      ),
    );
  });
});

test('a chaincode without definition has no metadata', () => {
  expect(() => endorsementLayouts(registry, CHANNEL, interest('missing'), candidates())).toThrow(
    new DiscoveryError(`No metadata was found for chaincode missing in channel ${CHANNEL}`),
  );
});

test('system chaincodes in the interest add no policy', () => {
  const withLifecycle = interest(CHAINCODE);
  const lifecycle = new peer.ChaincodeCall();
  lifecycle.setName('_lifecycle');
  withLifecycle.addChaincodes(lifecycle);
  expect(endorsementLayouts(registry, CHANNEL, withLifecycle, candidates())).toEqual(endorsementLayouts(registry, CHANNEL, interest(CHAINCODE), candidates()));
});
