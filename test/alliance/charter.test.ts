// The alliance charter against members who attack with their own CA: a certificate's role attribute only chooses
// among the roles the charter grants the caller's MSP, only the charter's regulator suspends, and the charter
// changes only with a majority of the members' peers. Each attack is refused and the ledger is left unchanged.
import { StatusCode } from '@hyperledger/fabric-gateway';
import { useTestNetwork } from '../support/suite';
import { submitAndWait } from '../support/transactions';
import { captureWith, epcisDocument, json, refusalOf, registerEnterprises, traceContracts, traceContractsAs } from './alliance';

jest.setTimeout(180_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

beforeAll(() => registerEnterprises(network()));

/** The charter as an amendment proposes it: the version is the ledger's to keep. */
function proposalOf(charter: Charter): Omit<Charter, 'version'> {
  return { regulator: charter.regulator, members: charter.members };
}

interface Charter {
  readonly version: number;
  readonly regulator: string;
  readonly members: Record<string, { country: string; roles: string[]; companyPrefixes: string[] }>;
}

const charterNow = async () => json<Charter>(await traceContracts(network(), 'Logistics').charter.evaluateTransaction('get'));
const statusOf = async (mspId: string) => json<{ status: string }>(await traceContracts(network(), 'Platform').enterprise.evaluateTransaction('get', mspId)).status;

function inspection(step: string, serial: string): Buffer {
  return epcisDocument({
    type: 'ObjectEvent',
    eventTime: '2026-03-04T10:00:00.000+08:00',
    eventTimeZoneOffset: '+08:00',
    action: 'OBSERVE',
    bizStep: step,
    epcList: [`https://id.gs1.org/01/04000000000006/21/${serial}`],
  });
}

test('the charter the network was deployed with is on the ledger, at version 1', async () => {
  const charter = await charterNow();
  expect(charter).toMatchObject({ version: 1, regulator: 'RegulatorMSP' });
  expect(charter.members.ManufacturerMSP).toEqual({ country: 'DE', roles: ['manufacturer'], companyPrefixes: ['9506000'] });
  expect(charter.members.RegulatorMSP.roles).toEqual(['regulator']);
  expect(await refusalOf(traceContracts(network(), 'Manufacturer', 'Admin').charter.submitTransaction('init', JSON.stringify(charter)))).toMatch(
    /CHARTER_EXISTS: the alliance charter is at version 1; change it with charter:amend/,
  );
});

test("a manufacturer's own CA issues role=regulator: suspending a competitor is refused, and it stays active", async () => {
  const fake = await network().issueUser('Manufacturer', 'FakeRegulator', { role: 'regulator' });
  const contracts = traceContractsAs(network(), 'Manufacturer', fake);
  expect(await refusalOf(contracts.enterprise.submitTransaction('setStatus', 'CustomsMSP', 'suspended', 'a test of the rules'))).toMatch(
    /ROLE_NOT_GRANTED: the alliance charter grants ManufacturerMSP manufacturer, not 'regulator'/,
  );
  expect(await statusOf('CustomsMSP')).toBe('active');
});

test.each([
  ['Platform', 'logistics', 'transporting'],
  ['Regulator', 'customs', 'inspecting'],
  ['Customs', 'manufacturer', 'commissioning'],
] as const)('%s issues itself role=%s and records %s: refused, nothing recorded', async (org, role, step) => {
  const forged = await network().issueUser(org, `As-${role}`, { role });
  const refusal = await refusalOf(captureWith(traceContractsAs(network(), org, forged), inspection(step, `${org}-${role}`)));
  expect(refusal).toMatch(new RegExp(`ROLE_NOT_GRANTED: the alliance charter grants ${org}MSP \\w+, not '${role}'`));
  const found = json<{ events: unknown[] }>(await traceContracts(network(), 'Regulator').trace.evaluateTransaction('events', JSON.stringify({ bizStep: step })));
  expect(found.events).toEqual([]);
});

test('an enterprise registers only roles the charter grants it', async () => {
  const admin = traceContracts(network(), 'Platform', 'Admin');
  expect(await refusalOf(admin.enterprise.submitTransaction('register', JSON.stringify({ name: 'Platform Co.', country: 'CN', roles: ['platform', 'customs'] })))).toMatch(
    /ROLE_NOT_GRANTED: the alliance charter grants PlatformMSP platform, not customs/,
  );
  expect(json<{ roles: string[] }>(await admin.enterprise.evaluateTransaction('get', 'PlatformMSP')).roles).toEqual(['platform']);
});

test('a suspended enterprise cannot reinstate itself, even with a role=regulator certificate of its own CA', async () => {
  const regulator = traceContracts(network(), 'Regulator');
  await regulator.enterprise.submitTransaction('setStatus', 'LogisticsMSP', 'suspended', 'a test of the rules');
  try {
    const fake = await network().issueUser('Logistics', 'SelfReinstater', { role: 'regulator' });
    expect(await refusalOf(traceContractsAs(network(), 'Logistics', fake).enterprise.submitTransaction('setStatus', 'LogisticsMSP', 'active', 'a test of the rules'))).toMatch(/ROLE_NOT_GRANTED: /);
    expect(await refusalOf(traceContracts(network(), 'Logistics').enterprise.submitTransaction('setStatus', 'LogisticsMSP', 'active', 'a test of the rules'))).toMatch(
      /ROLE_NOT_AUTHORISED: only the regulator \(RegulatorMSP\) changes an enterprise status/,
    );
    expect(await statusOf('LogisticsMSP')).toBe('suspended');
  } finally {
    await regulator.enterprise.submitTransaction('setStatus', 'LogisticsMSP', 'active', 'a test of the rules');
  }
  expect(await refusalOf(regulator.enterprise.submitTransaction('setStatus', 'RegulatorMSP', 'suspended', 'a test of the rules'))).toMatch(/INVALID_ENTERPRISE: the regulator does not change its own status/);
});

test('the charter changes only with a majority of members; every version stays in its history', async () => {
  const before = await charterNow();
  const proposal = proposalOf(before);
  const amended = { ...proposal, members: { ...proposal.members, PlatformMSP: { ...proposal.members.PlatformMSP, roles: ['logistics', 'platform'] } } };
  const admin = traceContracts(network(), 'Platform', 'Admin');
  // The platform and the regulator alone: 2 of 5 is no majority, whatever the chaincode's own policy allows.
  const minority = await submitAndWait(admin.charter, 'amend', { arguments: [JSON.stringify(amended)], endorsingOrganizations: ['PlatformMSP', 'RegulatorMSP'] });
  expect(minority.status.code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
  expect(await charterNow()).toEqual(before);
  // Only an admin of a member proposes; a user is refused before any endorsement counts.
  expect(await refusalOf(traceContracts(network(), 'Platform').charter.submitTransaction('amend', JSON.stringify(amended)))).toMatch(/ROLE_NOT_GRANTED: only an admin of a member/);

  const majority = await submitAndWait(admin.charter, 'amend', {
    arguments: [JSON.stringify(amended)],
    endorsingOrganizations: ['PlatformMSP', 'RegulatorMSP', 'CustomsMSP'],
  });
  expect(majority.status.code).toBe(StatusCode.VALID);
  const after = await charterNow();
  expect(after).toMatchObject({ version: 2, members: { PlatformMSP: { roles: ['logistics', 'platform'] } } });
  const history = json<{ txId: string; value: Charter }[]>(await traceContracts(network(), 'Manufacturer').charter.evaluateTransaction('history'));
  expect(history.map((h) => h.value.version)).toEqual([1, 2]);
  expect(history[1].txId).toBe(majority.txId);
  // What the charter now grants, the platform may register.
  await admin.enterprise.submitTransaction('register', JSON.stringify({ name: 'Platform Co.', country: 'CN', roles: ['platform', 'logistics'] }));
  expect(json<{ roles: string[] }>(await admin.enterprise.evaluateTransaction('get', 'PlatformMSP')).roles).toEqual(['logistics', 'platform']);
});

test('an amendment that breaks the charter is refused: two regulators, overlapping prefixes', async () => {
  const proposal = proposalOf(await charterNow());
  const admin = traceContracts(network(), 'Customs', 'Admin').charter;
  const twoRegulators = { ...proposal, members: { ...proposal.members, CustomsMSP: { ...proposal.members.CustomsMSP, roles: ['customs', 'regulator'] } } };
  expect(await refusalOf(admin.submitTransaction('amend', JSON.stringify(twoRegulators)))).toMatch(/INVALID_CHARTER: the regulator RegulatorMSP must be the one member granted the regulator role/);
  const squatting = { ...proposal, members: { ...proposal.members, CustomsMSP: { ...proposal.members.CustomsMSP, companyPrefixes: ['95060001'] } } };
  expect(await refusalOf(admin.submitTransaction('amend', JSON.stringify(squatting)))).toMatch(/INVALID_CHARTER: company prefix 95060001 \(CustomsMSP\) overlaps 9506000 \(ManufacturerMSP\)/);
});
