// The role x data level matrix through REST: what each org's user may capture through its own gateway, what each
// org reads of what was recorded (the whole event for members of the recorder's data level, the shared summary for
// everyone), and the regulator's power to suspend an enterprise. Every refusal is the chaincode's own, as a 403
// with its code, and leaves nothing on the ledger.
import { ORGS, type OrgName } from '../support/orgs';
import { useTestNetwork } from '../support/suite';
import { CONTEXT, endedJob, epcisDocument, eventListOf, expectProblem, jsonOf, ledgerIdsOf, startAlliance, type Alliance } from './rest';

jest.setTimeout(180_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

let alliance: Alliance;
beforeAll(async () => {
  alliance = await startAlliance(network());
});
afterAll(() => alliance?.close());

const SECURITY = 'epcisException:SecurityException';
let serial = 0;

/**
 * An ObjectEvent of the step on a new serial of a GTIN under no member's company prefix (whoever records an item
 * first holds it), with a sensor reading only members of the recorder's data level may see.
 */
function observation(bizStep: string): { event: Record<string, unknown>; epc: string } {
  serial += 1;
  const epc = `https://id.gs1.org/01/04000000000006/21/R${serial}`;
  const event = {
    '@context': CONTEXT,
    type: 'ObjectEvent',
    eventTime: `2026-03-04T10:${String(serial % 60).padStart(2, '0')}:00.000+08:00`,
    eventTimeZoneOffset: '+08:00',
    epcList: [epc],
    action: 'OBSERVE',
    bizStep,
    disposition: 'in_progress',
    sensorElementList: [{ sensorReport: [{ type: 'Temperature', value: 4 + serial / 100, uom: 'CEL' }] }],
  };
  return { event, epc };
}

/** A step each business role alone may record, the data level its recorder writes, and who reads that level. */
const MATRIX: readonly { step: string; recorder: OrgName; level: string; readers: readonly OrgName[] }[] = [
  { step: 'commissioning', recorder: 'Manufacturer', level: 'production', readers: ['Manufacturer', 'Regulator'] },
  { step: 'retail_selling', recorder: 'Platform', level: 'platformTransaction', readers: ['Platform', 'Regulator'] },
  { step: 'transporting', recorder: 'Logistics', level: 'transport', readers: ['Logistics', 'Platform', 'Regulator'] },
  { step: 'holding', recorder: 'Customs', level: 'customsQc', readers: ['Customs', 'Regulator'] },
];

/** What each recorder's accepted event became, for the read matrix. */
const recorded = new Map<OrgName, { id: string; epc: string; event: Record<string, unknown> }>();

describe.each(ORGS)("%s's user captures each role's step", (org) => {
  test.each(MATRIX.map((row) => [row.step, row] as const))('%s', async (_step, { step, recorder }) => {
    const { event, epc } = observation(step);
    const response = await alliance.gateway(org).call(alliance.key(org), 'POST', '/events', { body: event });
    if (org === recorder) {
      expect(response.status).toBe(201);
      const { eventID } = await jsonOf<{ eventID: string }>(response);
      expect(eventID).toMatch(/^urn:crossborder-trace:event:[0-9a-f]{64}$/);
      expect(await ledgerIdsOf(network(), epc)).toEqual([eventID]);
      recorded.set(org, { id: eventID, epc, event });
      return;
    }
    // The regulator records no trace events at all; a business role only the steps of its authority.
    const problem = await expectProblem(response, 403, org === 'Regulator' ? 'ROLE_NOT_AUTHORISED' : 'STEP_NOT_AUTHORISED', SECURITY);
    expect(problem.detail).toMatch(org === 'Regulator' ? /role 'regulator' records no trace events/ : new RegExp(`bizStep '${step}' is outside the authority of role '${org.toLowerCase()}'`));
    expect(await ledgerIdsOf(network(), epc)).toEqual([]);
  });
});

describe.each(MATRIX.map((row) => [row.recorder, row.level, row] as const))("what each org reads of %s's %s event", (_recorder, _level, { recorder, level, readers }) => {
  const mine = () => recorded.get(recorder) ?? fail(`${recorder}'s event was not recorded`);

  test.each(ORGS)('%s: the detail if a member of the level, else 403 DETAIL_DENIED', async (org) => {
    const { id, event } = mine();
    const response = await alliance.gateway(org).call(alliance.key(org), 'GET', `/events/${encodeURIComponent(id)}/detail`);
    if (readers.includes(org)) {
      expect(response.status).toBe(200);
      const detail = await jsonOf<{ id: string; level: string; hashId: string; event: Record<string, unknown> }>(response);
      expect(detail).toMatchObject({ id, level, event: { epcList: event.epcList, sensorElementList: event.sensorElementList } });
      // The CBV 2.0 Event Hash ID names the event for its level's members, on both event routes.
      const byHash = await alliance.gateway(org).call(alliance.key(org), 'GET', `/events/${encodeURIComponent(detail.hashId)}/detail`);
      expect(byHash.status).toBe(200);
      expect(await byHash.json()).toEqual(detail);
    } else {
      const problem = await expectProblem(response, 403, 'DETAIL_DENIED', SECURITY);
      expect(problem.detail).toMatch(new RegExp(`${org}MSP \\(${org.toLowerCase()}\\) may not read ${recorder}MSP's ${level} data`));
      expect(JSON.stringify(problem)).not.toContain('sensorElementList');
    }
  });

  test.each(ORGS)('%s: the shared summary by id and by query, without the private fields', async (org) => {
    const { id, epc, event } = mine();
    const single = await alliance.gateway(org).call(alliance.key(org), 'GET', `/events/${encodeURIComponent(id)}`);
    expect(single.status).toBe(200);
    const summary = await jsonOf(single);
    expect(summary).toMatchObject({ eventID: id, type: 'ObjectEvent', epcList: event.epcList, bizStep: event.bizStep, 'cbt:recordedBy': `${recorder}MSP`, 'cbt:level': level });
    expect(summary).not.toHaveProperty('sensorElementList');
    const query = await alliance.gateway(org).call(alliance.key(org), 'GET', `/events?MATCH_epc=${encodeURIComponent(epc)}`);
    expect(query.status).toBe(200);
    // The query document carries the context once, not per event.
    expect(eventListOf(await query.json())).toEqual([Object.fromEntries(Object.entries(summary).filter(([name]) => name !== '@context'))]);
  });
});

test("the regulator suspends an enterprise: its captures are refused until it is reinstated; nobody else may", async () => {
  const regulator = alliance.gateway('Regulator');
  const status = (org: OrgName, key: string, mspId: string, value: string) => alliance.gateway(org).call(key, 'PUT', `/enterprises/${mspId}/status`, { body: { status: value, reason: 'a test of the rules' } });

  // Neither a firm's user nor its admin, nor the enterprise itself, may change a status.
  for (const [org, key] of [
    ['Manufacturer', alliance.key('Manufacturer')],
    ['Manufacturer', alliance.gateway('Manufacturer').key('Admin')],
    ['Customs', alliance.gateway('Customs').key('Admin')],
    ['Logistics', alliance.key('Logistics')],
  ] as const) {
    const refused = await status(org, key, 'LogisticsMSP', 'suspended');
    const problem = await expectProblem(refused, 403, 'ROLE_NOT_AUTHORISED');
    expect(problem.detail).toMatch(/regulator/);
  }
  expect(await jsonOf(await regulator.call(alliance.key('Regulator'), 'GET', '/enterprises/LogisticsMSP'))).toMatchObject({ mspId: 'LogisticsMSP', status: 'active' });

  const suspended = await status('Regulator', alliance.key('Regulator'), 'LogisticsMSP', 'suspended');
  expect(suspended.status).toBe(200);
  expect(await jsonOf(suspended)).toMatchObject({ mspId: 'LogisticsMSP', status: 'suspended' });
  expect(await jsonOf(await alliance.gateway('Customs').call(alliance.key('Customs'), 'GET', '/enterprises/LogisticsMSP'))).toMatchObject({ status: 'suspended' });

  const { event, epc } = observation('transporting');
  const refused = await alliance.gateway('Logistics').call(alliance.key('Logistics'), 'POST', '/events', { body: event });
  const problem = await expectProblem(refused, 403, 'ENTERPRISE_SUSPENDED', SECURITY);
  expect(problem.detail).toMatch(/Logistics Co\. \(LogisticsMSP\) is suspended/);
  // A capture job of a suspended enterprise ends refused with the same code.
  const bare = Object.fromEntries(Object.entries(event).filter(([name]) => name !== '@context'));
  const capture = await alliance.gateway('Logistics').call(alliance.key('Logistics'), 'POST', '/capture', { body: epcisDocument(bare) });
  expect(capture.status).toBe(202);
  const job = await endedJob(alliance.gateway('Logistics'), alliance.key('Logistics'), capture.headers.get('location')!);
  expect(job).toMatchObject({ success: false, eventIDs: [], errors: [expect.objectContaining({ code: 'ENTERPRISE_SUSPENDED' })] });
  // The suspended enterprise cannot reinstate itself.
  await expectProblem(await status('Logistics', alliance.gateway('Logistics').key('Admin'), 'LogisticsMSP', 'active'), 403, 'ROLE_NOT_AUTHORISED');
  expect(await ledgerIdsOf(network(), epc)).toEqual([]);

  const reinstated = await status('Regulator', alliance.key('Regulator'), 'LogisticsMSP', 'active');
  expect(reinstated.status).toBe(200);
  const accepted = await alliance.gateway('Logistics').call(alliance.key('Logistics'), 'POST', '/events', { body: event });
  expect(accepted.status).toBe(201);
  expect(await ledgerIdsOf(network(), epc)).toEqual([(await jsonOf<{ eventID: string }>(accepted)).eventID]);
});

test('products are registered by the brand owner only; every member reads them', async () => {
  const product = { gtin: '09506000134352', name: 'Rice cooker', category: 'appliances', origin: 'DE', expectedSteps: ['commissioning', 'shipping'] };
  for (const org of ['Platform', 'Logistics', 'Customs', 'Regulator'] as const) {
    const refused = await alliance.gateway(org).call(alliance.key(org), 'POST', '/products', { body: product });
    expect(refused.status).toBe(403);
    expect((await jsonOf<{ code: string }>(refused)).code).toMatch(/^(ROLE_NOT_AUTHORISED|NOT_BRAND_OWNER)$/);
  }
  const notFound = await alliance.gateway('Customs').call(alliance.key('Customs'), 'GET', '/products/09506000134352');
  await expectProblem(notFound, 404, 'NOT_FOUND');
  const created = await alliance.gateway('Manufacturer').call(alliance.key('Manufacturer'), 'POST', '/products', { body: product });
  expect(created.status).toBe(201);
  expect(created.headers.get('location')).toBe('/products/09506000134352');
  for (const org of ORGS) {
    const read = await alliance.gateway(org).call(alliance.key(org), 'GET', '/products/09506000134352');
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ gtin: '09506000134352', name: 'Rice cooker', brandOwner: 'ManufacturerMSP' });
  }
});

function fail(message: string): never {
  throw new Error(message);
}

test("an item's trace and history, the charter and the enterprises read the same for every org", async () => {
  const { epc } = recorded.get('Logistics') ?? fail("Logistics's event was not recorded");
  const answers = async (route: string) => Promise.all(ORGS.map(async (org) => {
    const response = await alliance.gateway(org).call(alliance.key(org), 'GET', route);
    expect(response.status).toBe(200);
    return response.json() as Promise<Record<string, unknown>>;
  }));
  for (const route of [`/items/${encodeURIComponent(epc)}/trace`, `/items/${encodeURIComponent(epc)}/history`, '/charter', '/enterprises']) {
    const [first, ...others] = await answers(route);
    for (const other of others) expect(other).toEqual(first);
  }
  const [trace] = await answers(`/items/${encodeURIComponent(epc)}/trace`);
  expect(JSON.stringify(trace)).toContain(recorded.get('Logistics')!.id);
  expect(JSON.stringify(trace)).not.toContain('sensorElementList');
  const [charter] = await answers('/charter');
  expect(charter).toMatchObject({ regulator: 'RegulatorMSP' });
  // An item nobody recorded is not there, for anyone.
  for (const org of ORGS) await expectProblem(await alliance.gateway(org).call(alliance.key(org), 'GET', `/items/${encodeURIComponent('https://id.gs1.org/01/04000000000006/21/never')}/trace`), 404, 'NOT_FOUND');
});
