import { peer } from '@hyperledger/fabric-protos';
import { endorsersByOrg } from './endorsers';
import { DiscoveryError, endorsementLayouts } from './layouts';
import { CHAINCODE, CHANNEL, registry, testNetwork } from './test-fakes';

function interest(name: string, collections: string[] = [], noPrivateReads = true): peer.ChaincodeInterest {
  const call = new peer.ChaincodeCall();
  call.setName(name);
  call.setCollectionNamesList(collections);
  call.setNoPrivateReads(noPrivateReads);
  call.setNoPublicWrites(collections.length > 0);
  const result = new peer.ChaincodeInterest();
  result.addChaincodes(call);
  return result;
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

test("a written collection's endorsement policy stands in for the chaincode's (Fabric's PoliciesByChaincode)", () => {
  expect(short(endorsementLayouts(registry, CHANNEL, interest(CHAINCODE, ['customsApproved']), candidates()))).toEqual(['Customs']);
});

test("a collection without a policy of its own brings the chaincode's back", () => {
  const layouts = endorsementLayouts(registry, CHANNEL, interest(CHAINCODE, ['customsApproved', 'shared']), candidates());
  expect(layouts.every((layout) => layout.includes('CustomsMSP') && layout.length === 2)).toBe(true);
});

test('reading a collection leaves only its member orgs', () => {
  expect(short(endorsementLayouts(registry, CHANNEL, interest(CHAINCODE, ['shared'], false), candidates()))).toEqual(['Manufacturer+Platform']);
});

test('members that cannot satisfy the policies: no combination', () => {
  expect(() => endorsementLayouts(registry, CHANNEL, interest(CHAINCODE, ['customsOutside'], false), candidates())).toThrow(
    new DiscoveryError('no peer combination can satisfy the endorsement policy'),
  );
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
