// The credit contract: the regulator registers financiers; an enterprise authorises one to read its report and
// revokes it; it disputes an item of its own report and the regulator rules. Each rule is tried by someone it
// refuses: another firm (disputing a brand owner's inspection, a carrier's waybill, a platform's declaration, a
// firm's suspension), a firm's own CA issuing itself role=regulator, a second ruling.
import { randomBytes } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { matchingDocuments } from '../support/customs-documents';
import { useTestNetwork } from '../support/suite';
import { CHAINCODE, CHANNEL, json, ORGS, refusalOf, registerEnterprises, traceContracts, type OrgName } from './alliance';
import type { ClientIdentity } from '../support/gateway';

jest.setTimeout(180_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

const ITEM = 'https://id.gs1.org/01/09506000134352/21/CR1';
let inspectionId: string;

function credit(org: OrgName, user = 'User1') {
  return network().connect(org, user).gateway.getNetwork(CHANNEL).getContract(CHAINCODE, 'credit');
}
function creditAs(org: OrgName, identity: ClientIdentity) {
  return network().connectAs(org, identity).gateway.getNetwork(CHANNEL).getContract(CHAINCODE, 'credit');
}
const inFuture = () => new Date(Date.now() + 30 * 86_400_000).toISOString();
/** The carrier's waybill WB-CREDIT and the platform's declaration DEC-CREDIT: customs' records on channel state. */
const documents = matchingDocuments('CREDIT');

/**
 * Waits until every peer has every block: a submit waits for the submitting org's peer only, and on real Fabric a
 * dispute endorsed by a peer that has not committed the waybill's block yet would not find it.
 */
async function everyPeerHasIt(): Promise<void> {
  const heightOf = async (org: string) =>
    common.BlockchainInfo.deserializeBinary(await network().connect(org).gateway.getNetwork(CHANNEL).getContract('qscc').evaluateTransaction('GetChainInfo', CHANNEL)).getHeight();
  for (let polls = 0; ; polls++) {
    const heights = await Promise.all(ORGS.map(heightOf));
    if (heights.every((height) => height === heights[0])) return;
    if (polls >= 600) throw new Error(`the peers' heights stay apart: ${heights.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function recordDocument(org: OrgName, kind: string, document: unknown): Promise<void> {
  const customs = network().connect(org).gateway.getNetwork(CHANNEL).getContract(CHAINCODE, 'customs');
  await customs.submit('record', { arguments: [kind], transientData: { document: Buffer.from(JSON.stringify(document)), salt: randomBytes(16) } });
}

async function capture(org: OrgName, event: Record<string, unknown>): Promise<string> {
  const epcis = Buffer.from(JSON.stringify({ '@context': [], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-05-01T09:00:00Z', epcisBody: { eventList: [event] } }));
  return json<{ ids: string[] }>(await traceContracts(network(), org).event.submit('capture', { transientData: { epcis, salt: randomBytes(16) } })).ids[0];
}

beforeAll(async () => {
  await registerEnterprises(network());
  const when = { eventTime: '2026-05-01T08:00:00.000Z', eventTimeZoneOffset: '+00:00' };
  await capture('Manufacturer', { type: 'ObjectEvent', ...when, action: 'ADD', epcList: [ITEM], bizStep: 'commissioning', disposition: 'active' });
  inspectionId = await capture('Manufacturer', { type: 'ObjectEvent', ...when, eventTime: '2026-05-01T09:00:00.000Z', action: 'OBSERVE', epcList: [ITEM], bizStep: 'inspecting', disposition: 'non_conformant' });
  await credit('Regulator').submitTransaction('registerFinancier', JSON.stringify({ id: 'bank-a', name: 'Bank A', licenceNumber: 'LIC-001' }));
  await recordDocument('Logistics', 'waybill', documents.waybill);
  await recordDocument('Platform', 'declaration', documents.declaration);
  await everyPeerHasIt();
});

describe('financiers', () => {
  test('the regulator registers one; a firm, or a firm issuing itself role=regulator, cannot', async () => {
    expect(json(await credit('Manufacturer').evaluateTransaction('financier', 'bank-a'))).toMatchObject({ id: 'bank-a', name: 'Bank A', licenceNumber: 'LIC-001', registeredBy: 'RegulatorMSP' });
    const body = JSON.stringify({ id: 'bank-x', name: 'Bank X', licenceNumber: 'X' });
    expect(await refusalOf(credit('Platform').submitTransaction('registerFinancier', body))).toMatch(/CREDIT_NOT_AUTHORISED: PlatformMSP may not registerFinancier/);
    const fake = await network().issueUser('Platform', 'FakeRegulatorBank', { role: 'regulator' });
    expect(await refusalOf(creditAs('Platform', fake).submitTransaction('registerFinancier', body))).toMatch(/ROLE_NOT_GRANTED: the alliance charter grants PlatformMSP platform, not 'regulator'/);
    expect(await refusalOf(credit('Regulator').evaluateTransaction('financier', 'bank-x'))).toMatch(/NOT_FOUND/);
    expect(await refusalOf(credit('Regulator').submitTransaction('registerFinancier', JSON.stringify({ id: 'bank-a', name: 'Again', licenceNumber: 'L' })))).toMatch(/INVALID_CREDIT: financier bank-a is registered already/);
  });
});

describe('authorisations', () => {
  test('an enterprise authorises a registered financier for itself only, until a later time, and revokes it', async () => {
    expect(await refusalOf(credit('Manufacturer').submitTransaction('authorise', JSON.stringify({ financierId: 'bank-z', until: inFuture() })))).toMatch(/NOT_FOUND: no financier bank-z/);
    expect(await refusalOf(credit('Manufacturer').submitTransaction('authorise', JSON.stringify({ financierId: 'bank-a', until: '2020-01-01T00:00:00Z' })))).toMatch(/INVALID_CREDIT: until/);
    // Another firm cannot name the enterprise: the authorisation is always the caller's own.
    expect(await refusalOf(credit('Platform').submitTransaction('authorise', JSON.stringify({ financierId: 'bank-a', until: inFuture(), enterprise: 'ManufacturerMSP' })))).toMatch(/INVALID_CREDIT/);
    const granted = json<{ enterprise: string; txId: string }>(await credit('Manufacturer').submitTransaction('authorise', JSON.stringify({ financierId: 'bank-a', until: inFuture() })));
    expect(granted).toMatchObject({ enterprise: 'ManufacturerMSP', financierId: 'bank-a' });
    expect(json(await credit('Regulator').evaluateTransaction('authorisation', 'ManufacturerMSP', 'bank-a'))).toEqual(granted);
    // The platform revoking "bank-a" touches only its own authorisation, which does not exist.
    expect(await refusalOf(credit('Platform').submitTransaction('revoke', 'bank-a'))).toMatch(/NOT_FOUND: PlatformMSP has no authorisation of bank-a/);
    const revoked = json<{ revokedAt?: string }>(await credit('Manufacturer').submitTransaction('revoke', 'bank-a'));
    expect(revoked.revokedAt).toBeDefined();
    expect(await refusalOf(credit('Manufacturer').submitTransaction('revoke', 'bank-a'))).toMatch(/NOT_FOUND/);
  });
});

describe('disputes', () => {
  test('another firm cannot dispute the brand owner\'s inspection; the brand owner can', async () => {
    const body = JSON.stringify({ kind: 'conformance', evidenceId: inspectionId, reason: 'the sample was taken from a damaged case' });
    expect(await refusalOf(credit('Platform').submitTransaction('dispute', body))).toMatch(/CREDIT_NOT_AUTHORISED: PlatformMSP may not dispute .*: the inspection is of no item of its GTINs/);
    const dispute = json<{ id: string; status: string; enterprise: string }>(await credit('Manufacturer').submitTransaction('dispute', body));
    expect(dispute).toMatchObject({ enterprise: 'ManufacturerMSP', kind: 'conformance', evidenceId: inspectionId, status: 'open' });
  });

  test('only the regulator rules, once: not the firm, not a firm issuing itself role=regulator', async () => {
    const dispute = json<{ id: string }>(await credit('Manufacturer').submitTransaction('dispute', JSON.stringify({ kind: 'conformance', evidenceId: inspectionId, reason: 'second look' })));
    const ruling = JSON.stringify({ decision: 'upheld', reason: 'the lab report shows the case was crushed in transit' });
    expect(await refusalOf(credit('Manufacturer').submitTransaction('rule', dispute.id, ruling))).toMatch(/CREDIT_NOT_AUTHORISED: ManufacturerMSP may not rule/);
    const fake = await network().issueUser('Manufacturer', 'SelfRuling', { role: 'regulator' });
    expect(await refusalOf(creditAs('Manufacturer', fake).submitTransaction('rule', dispute.id, ruling))).toMatch(/ROLE_NOT_GRANTED: the alliance charter grants ManufacturerMSP manufacturer, not 'regulator'/);
    expect(json(await credit('Regulator').evaluateTransaction('getDispute', dispute.id))).toMatchObject({ status: 'open' });
    const ruled = json<{ status: string; ruling: { by: string } }>(await credit('Regulator').submitTransaction('rule', dispute.id, ruling));
    expect(ruled).toMatchObject({ status: 'upheld', ruling: { decision: 'upheld', by: 'RegulatorMSP' } });
    expect(await refusalOf(credit('Regulator').submitTransaction('rule', dispute.id, JSON.stringify({ decision: 'rejected', reason: 'changed my mind' })))).toMatch(/INVALID_CREDIT: dispute .* was ruled on already \(upheld\)/);
  });

  test("another firm cannot dispute the carrier's waybill; the carrier can", async () => {
    const body = (evidenceId: string) => JSON.stringify({ kind: 'delivery', evidenceId, reason: 'the consignee refused the parcel at the door' });
    for (const org of ['Platform', 'Manufacturer'] as const) {
      expect(await refusalOf(credit(org).submitTransaction('dispute', body('WB-CREDIT')))).toMatch(new RegExp(`CREDIT_NOT_AUTHORISED: ${org}MSP may not dispute WB-CREDIT: the waybill is LogisticsMSP's, its carrier`));
    }
    expect(await refusalOf(credit('Logistics').submitTransaction('dispute', body('WB-NONE')))).toMatch(/NOT_FOUND: no waybill WB-NONE/);
    expect(json(await credit('Logistics').submitTransaction('dispute', body('WB-CREDIT')))).toMatchObject({ enterprise: 'LogisticsMSP', kind: 'delivery', evidenceId: 'WB-CREDIT', status: 'open' });
  });

  test("another firm cannot dispute the platform's declaration; the platform can", async () => {
    const body = (evidenceId: string) => JSON.stringify({ kind: 'declaration', evidenceId, reason: 'the carrier misread the weight' });
    for (const org of ['Logistics', 'Manufacturer'] as const) {
      expect(await refusalOf(credit(org).submitTransaction('dispute', body('DEC-CREDIT')))).toMatch(new RegExp(`CREDIT_NOT_AUTHORISED: ${org}MSP may not dispute DEC-CREDIT: the declaration is PlatformMSP's, its declarant`));
    }
    expect(await refusalOf(credit('Platform').submitTransaction('dispute', body('DEC-NONE')))).toMatch(/NOT_FOUND: no declaration DEC-NONE/);
    expect(json(await credit('Platform').submitTransaction('dispute', body('DEC-CREDIT')))).toMatchObject({ enterprise: 'PlatformMSP', kind: 'declaration', evidenceId: 'DEC-CREDIT', status: 'open' });
  });

  test("a complaint is not checked (it lives on the public channel): the dispute binds only the disputing firm's report", async () => {
    const body = JSON.stringify({ kind: 'complaintAnswer', evidenceId: 'complaint-of-another-firm', reason: 'not our step' });
    expect(json(await credit('Manufacturer').submitTransaction('dispute', body))).toMatchObject({ enterprise: 'ManufacturerMSP', kind: 'complaintAnswer', status: 'open' });
  });

  test('a suspension is disputed by the suspended enterprise only', async () => {
    const regulator = traceContracts(network(), 'Regulator');
    await regulator.enterprise.submitTransaction('setStatus', 'LogisticsMSP', 'suspended', 'cold chain records missing');
    const history = json<{ history: { txId: string; value: { status: string } }[] }>(await regulator.enterprise.evaluateTransaction('history', 'LogisticsMSP')).history;
    const suspension = history.find((v) => v.value.status === 'suspended')!.txId;
    const body = JSON.stringify({ kind: 'sanction', evidenceId: suspension, reason: 'the records were filed on paper' });
    expect(await refusalOf(credit('Manufacturer').submitTransaction('dispute', body))).toMatch(/CREDIT_NOT_AUTHORISED: ManufacturerMSP may not dispute .*: no suspension of it/);
    expect(json(await credit('Logistics').submitTransaction('dispute', body))).toMatchObject({ enterprise: 'LogisticsMSP', kind: 'sanction', status: 'open' });
  });
});
