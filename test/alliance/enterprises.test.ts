// Enterprises of the alliance: registered by their own org's admin, suspended only by the regulator.
import { StatusCode } from '@hyperledger/fabric-gateway';
import { useTestNetwork } from '../support/suite';
import { eventually, submitAndWait } from '../support/transactions';
import { json, refusalOf, registerEnterprises, traceContracts, type TraceContracts } from './alliance';

jest.setTimeout(120_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

beforeAll(() => registerEnterprises(network()));

test("each org's admin registers its enterprise, which every member can read", async () => {
  const platform = traceContracts(network(), 'Platform');
  expect(json(await platform.enterprise.evaluateTransaction('get', 'CustomsMSP'))).toEqual({
    mspId: 'CustomsMSP',
    name: 'Customs Co.',
    country: 'CN',
    roles: ['customs'],
    status: 'active',
  });
  const listed = json<{ mspId: string }[]>(await platform.enterprise.evaluateTransaction('list'));
  expect(listed.map((e) => e.mspId).sort()).toEqual(['CustomsMSP', 'LogisticsMSP', 'ManufacturerMSP', 'PlatformMSP', 'RegulatorMSP']);
});

test('a user who is not an admin cannot register, and a bad registration says what is wrong', async () => {
  const user = traceContracts(network(), 'Logistics');
  expect(await refusalOf(user.enterprise.submitTransaction('register', JSON.stringify({ name: 'X', country: 'DE', roles: ['logistics'] })))).toMatch(
    /ROLE_NOT_AUTHORISED: only an admin of LogisticsMSP registers its enterprise/,
  );
  const admin = traceContracts(network(), 'Logistics', 'Admin');
  expect(await refusalOf(admin.enterprise.submitTransaction('register', JSON.stringify({ name: 'X', country: 'germany', roles: ['mover'] })))).toMatch(
    /INVALID_ENTERPRISE: country: an ISO 3166-1 alpha-2 code in capitals, e\.g\. CN; roles\.0: /,
  );
});

test('only the regulator suspends and reinstates an enterprise; a new registration keeps the suspension', async () => {
  const manufacturer = traceContracts(network(), 'Manufacturer');
  expect(await refusalOf(manufacturer.enterprise.submitTransaction('setStatus', 'LogisticsMSP', 'suspended', 'a test of the rules'))).toMatch(
    /ROLE_NOT_AUTHORISED: only the regulator \(RegulatorMSP\) changes an enterprise status/,
  );
  const regulator = traceContracts(network(), 'Regulator');
  await regulator.enterprise.submitTransaction('setStatus', 'LogisticsMSP', 'suspended', 'a test of the rules');
  await traceContracts(network(), 'Logistics', 'Admin').enterprise.submitTransaction(
    'register',
    JSON.stringify({ name: 'Logistics Co.', country: 'DE', roles: ['logistics'] }),
  );
  // Read at the peers whose commit each submit waited for: on real Fabric another org's peer commits a little later.
  const statusAt = async (contracts: TraceContracts) => json<{ status: string }>(await contracts.enterprise.evaluateTransaction('get', 'LogisticsMSP')).status;
  expect(await statusAt(traceContracts(network(), 'Logistics'))).toBe('suspended');
  await regulator.enterprise.submitTransaction('setStatus', 'LogisticsMSP', 'active', 'a test of the rules');
  expect(await statusAt(regulator)).toBe('active');
  // Every member sees it once its peer has the block.
  expect(await eventually(() => statusAt(manufacturer), (status) => status === 'active')).toBe('active');
});

test("a registration endorsed by the org's own peer alone is invalidated at commit and changes nothing", async () => {
  const admin = traceContracts(network(), 'Platform', 'Admin');
  const forged = await submitAndWait(admin.enterprise, 'register', {
    arguments: [JSON.stringify({ name: 'Platform Renamed Alone', country: 'CN', roles: ['platform'] })],
    endorsingOrganizations: ['PlatformMSP'],
  });
  expect(forged.status.code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
  expect(json<{ name: string }>(await admin.enterprise.evaluateTransaction('get', 'PlatformMSP')).name).toBe('Platform Co.');
});
