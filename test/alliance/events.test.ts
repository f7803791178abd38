// EPCIS 2.0 trace events on the alliance channel: each org records within its authority; the summary is for
// every member, the detail only for the members of the recorder's data level.
import { createHash, randomBytes } from 'node:crypto';
import { eventHashId } from '@crossborder-trace/domain';
import { EndorseError, StatusCode } from '@hyperledger/fabric-gateway';
import { useTestNetwork } from '../support/suite';
import { rejectionOf, submitAndWait } from '../support/transactions';
import { json, ORGS, refusalOf, registerEnterprises, regulatorDetail, traceContracts, type OrgName } from './alliance';

jest.setTimeout(120_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

beforeAll(() => registerEnterprises(network()));

const CONTEXT = ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld'];
let serial = 0;

/**
 * An ObjectEvent of the step, on a new serial of a GTIN under no member's company prefix (a brand outside the
 * alliance: whoever records an item first holds it), with sensor detail that must stay private.
 */
function objectEvent(bizStep: string, disposition = 'in_progress'): Record<string, unknown> {
  serial += 1;
  return {
    type: 'ObjectEvent',
    eventTime: `2026-03-04T10:${String(serial % 60).padStart(2, '0')}:00.000+08:00`,
    eventTimeZoneOffset: '+08:00',
    epcList: [`https://id.gs1.org/01/04000000000006/21/S${serial}`],
    action: 'OBSERVE',
    bizStep,
    disposition,
    readPoint: { id: 'https://id.gs1.org/414/9506000134376' },
    sensorElementList: [{ sensorReport: [{ type: 'Temperature', value: 4.5 + serial / 100, uom: 'CEL' }] }],
  };
}

function document(...events: Record<string, unknown>[]): Buffer {
  return Buffer.from(JSON.stringify({ '@context': CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-04T11:00:00Z', epcisBody: { eventList: events } }));
}

async function capture(org: OrgName, epcis: Buffer, salt: Buffer = randomBytes(16)): Promise<string[]> {
  const result = await traceContracts(network(), org).event.submit('capture', { transientData: { epcis, salt } });
  return json<{ ids: string[] }>(result).ids;
}

interface Detail {
  readonly id: string;
  readonly hashId: string;
  readonly level: string;
  readonly event: Record<string, unknown>;
}

describe.each([
  ['Manufacturer', 'commissioning', 'production', ['Manufacturer', 'Regulator']],
  ['Platform', 'retail_selling', 'platformTransaction', ['Platform', 'Regulator']],
  ['Logistics', 'transporting', 'transport', ['Logistics', 'Platform', 'Regulator']],
  ['Customs', 'inspecting', 'customsQc', ['Customs', 'Regulator']],
] as [OrgName, string, string, OrgName[]][])('%s records %s: its detail is %s data', (recorder, step, level, readers) => {
  let id: string;
  let event: Record<string, unknown>;

  beforeAll(async () => {
    event = objectEvent(step, step === 'inspecting' ? 'conformant' : 'in_progress');
    [id] = await capture(recorder, document(event));
  });

  test('the id is an alliance id; every member reads the summary, with the recorder and level', async () => {
    expect(id).toMatch(/^urn:crossborder-trace:event:[0-9a-f]{64}$/);
    for (const org of ORGS) {
      const summary = json<Record<string, unknown>>(await traceContracts(network(), org).event.evaluateTransaction('get', id));
      expect(summary).toMatchObject({ id, bizStep: step, recordedBy: `${recorder}MSP`, level, what: { epcList: event.epcList } });
      expect(summary).not.toHaveProperty('sensorElementList');
    }
  });

  test(`members of ${level} read the detail field for field; the others are denied and learn only its hash`, async () => {
    for (const org of ORGS) {
      const contract = traceContracts(network(), org).event;
      if (readers.includes(org)) {
        const detail = json<Detail>(await (org === 'Regulator' ? regulatorDetail(network(), id) : contract.evaluateTransaction('detail', id)));
        expect(detail).toMatchObject({ id, level, hashId: eventHashId(event, CONTEXT), event: { sensorElementList: event.sensorElementList, epcList: event.epcList } });
        // The CBV 2.0 Event Hash ID names the event for those who may see it.
        expect(json<{ id: string }>(await contract.evaluateTransaction('byHash', detail.hashId)).id).toBe(id);
      } else {
        expect(await refusalOf(contract.evaluateTransaction('detail', id))).toMatch(
          new RegExp(`DETAIL_DENIED: ${org}MSP \\(${org.toLowerCase()}\\) may not read ${recorder}MSP's ${level} data; the detail of .* exists with hash [0-9a-f]{64}`),
        );
      }
    }
  });
});

test('a step outside the recorder\'s authority is refused with STEP_NOT_AUTHORISED, and nothing is written', async () => {
  const refusal = await refusalOf(capture('Logistics', document(objectEvent('commissioning'))));
  expect(refusal).toMatch(/STEP_NOT_AUTHORISED: bizStep 'commissioning' is outside the authority of role 'logistics': only manufacturer may record it/);
  expect(await refusalOf(capture('Logistics', document(objectEvent('urn:epcglobal:cbv:bizstep:commissioning'))))).toMatch(
    /STEP_NOT_AUTHORISED: bizStep 'commissioning' is outside the authority of role 'logistics'/,
  );
  expect(await refusalOf(capture('Regulator', document(objectEvent('inspecting'))))).toMatch(/ROLE_NOT_AUTHORISED: role 'regulator' records no trace events/);
});

test('the same event twice is a duplicate, not a second record', async () => {
  const event = objectEvent('shipping');
  const [id] = await capture('Logistics', document(event));
  expect(await refusalOf(capture('Logistics', document(event)))).toContain(`DUPLICATE_EVENT: event ${id} is already recorded`);
  expect(await refusalOf(capture('Logistics', document(objectEvent('shipping'), objectEvent('shipping'), event)))).toContain('DUPLICATE_EVENT');
});

test('the events travel only as transient data, salted with at least 16 random bytes', async () => {
  const contract = traceContracts(network(), 'Customs').event;
  expect(await refusalOf(contract.submit('capture', { transientData: { salt: randomBytes(16) } }))).toMatch(/MISSING_TRANSIENT: the EPCIS document goes in transient data 'epcis'/);
  expect(await refusalOf(contract.submit('capture', { transientData: { epcis: document(objectEvent('sampling')), salt: randomBytes(8) } }))).toMatch(
    /MISSING_TRANSIENT: transient 'salt' must hold at least 16 random bytes/,
  );
});

test('the detail hash every member sees is of the salted record: without the salt the content cannot be confirmed', async () => {
  const salt = randomBytes(16);
  const event = objectEvent('holding', 'in_progress');
  const [id] = await capture('Customs', document(event), salt);
  const { hash } = json<{ hash: string }>(await traceContracts(network(), 'Manufacturer').event.evaluateTransaction('detailHash', id));
  const { event: stored, hashId } = json<Detail>(await regulatorDetail(network(), id));
  const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
  expect(hash).not.toBe(sha256({ event: stored, hashId }));
  expect(hash).toBe(sha256({ event: stored, hashId, salt: salt.toString('base64') }));
});

test('an invalid event is refused with what is wrong and where', async () => {
  const badGtin = { ...objectEvent('commissioning'), epcList: ['https://id.gs1.org/01/09506000134353/21/X1'] };
  expect(await refusalOf(capture('Manufacturer', document(badGtin)))).toMatch(/INVALID_EVENT: .*epcisBody\.eventList\[0\]\.epcList\[0\]/);
  const noTime = objectEvent('commissioning');
  delete noTime.eventTime;
  expect(await refusalOf(capture('Manufacturer', document(noTime)))).toMatch(/INVALID_EVENT: .*eventTime/);
});

test('an event endorsed by the recorder alone is invalidated at commit; a peer outside its collection will not endorse it', async () => {
  const contract = traceContracts(network(), 'Manufacturer').event;
  const forged = await submitAndWait(contract, 'capture', {
    transientData: { epcis: document(objectEvent('commissioning')), salt: randomBytes(16) },
    endorsingOrganizations: ['ManufacturerMSP'],
  });
  expect(forged.status.code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
  const [id] = json<{ ids: string[] }>(forged.result).ids;
  expect(await refusalOf(contract.evaluateTransaction('get', id))).toContain(`NOT_FOUND: no event ${id}`);
  // Two recorders without the regulator: the platform's peer holds nothing of the manufacturer's collection.
  const error = await rejectionOf(
    contract.submit('capture', { transientData: { epcis: document(objectEvent('commissioning')), salt: randomBytes(16) }, endorsingOrganizations: ['ManufacturerMSP', 'PlatformMSP'] }),
  );
  expect(error).toBeInstanceOf(EndorseError);
  expect((error as EndorseError).details.map((d) => `${d.mspId}: ${d.message}`).join('\n')).toMatch(/PlatformMSP: .*private data matching public hash version is not available/);
});

test('a suspended enterprise records nothing until the regulator reinstates it', async () => {
  const regulator = traceContracts(network(), 'Regulator').enterprise;
  await regulator.submitTransaction('setStatus', 'PlatformMSP', 'suspended', 'a test of the rules');
  try {
    expect(await refusalOf(capture('Platform', document(objectEvent('receiving'))))).toMatch(/ENTERPRISE_SUSPENDED: Platform Co\. \(PlatformMSP\) is suspended/);
  } finally {
    await regulator.submitTransaction('setStatus', 'PlatformMSP', 'active', 'a test of the rules');
  }
  expect(await capture('Platform', document(objectEvent('receiving')))).toHaveLength(1);
});

test('an event sent again with an errorDeclaration is declared erroneous beside it, by its recorder only, once', async () => {
  const event = objectEvent('receiving');
  const [id] = await capture('Logistics', document(event));
  const declared = { ...event, errorDeclaration: { declarationTime: '2026-03-05T08:00:00.000Z', reason: 'incorrect_data' } };
  // To another firm the declaration is a new event about an item it does not hold.
  expect(await refusalOf(capture('Platform', document(declared)))).toMatch(/NOT_CUSTODIAN: .* is held by LogisticsMSP; PlatformMSP \(platform\) may not record 'receiving' on it/);
  expect(await capture('Logistics', document(declared))).toEqual([id]);
  const summary = json<Record<string, unknown>>(await traceContracts(network(), 'Customs').event.evaluateTransaction('get', id));
  expect(summary).toMatchObject({ id, bizStep: 'receiving', declaredErroneous: { eventId: id, reason: 'incorrect_data', declaredBy: 'LogisticsMSP' } });
  expect(summary).not.toHaveProperty('errorDeclaration');
  expect(await refusalOf(capture('Logistics', document(declared)))).toContain(`DUPLICATE_EVENT: event ${id} was already declared erroneous`);
});
