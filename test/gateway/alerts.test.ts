// Alerts, live: each rule of the read model raised by what a member records through its gateway (one case that
// raises it, one that does not), each with its evidence and the enterprise that answers for it; who sees which
// alert (the regulator all, a firm only those on its own products and steps); acknowledgement with a note; and the
// Server-Sent Events stream, resumed by Last-Event-ID.
import { gs1CheckDigit } from '@crossborder-trace/domain';
import type { Alert } from '@crossborder-trace/gateway';
import { ORGS, type OrgName } from '../support/orgs';
import { useTestNetwork } from '../support/suite';
import { alertsOf, caughtUp, objectEvent, record, settled } from './read-model';
import { expectProblem, jsonOf, startAlliance, type Alliance } from './rest';

jest.setTimeout(300_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

const gtinOf = (reference: string) => `09506000${reference}${gs1CheckDigit(`09506000${reference}`)}`;
/** Chilled dumplings: kept at 2..8 °C, sold only after customs accepted them. */
const CHILLED = gtinOf('00001');
const PLATFORM_PARTY = 'https://id.gs1.org/417/6901234000016';
/** GLNs under the manufacturer's prefix (in DE) and the platform's (in CN), by the charter. */
const FACTORY = 'https://id.gs1.org/414/9506000000008';
const WAREHOUSE_CN = 'https://id.gs1.org/414/6901234000009';

let alliance: Alliance;
let serial = 0;

beforeAll(async () => {
  alliance = await startAlliance(network());
  const product = { gtin: CHILLED, name: 'Chilled dumplings', category: 'food', origin: 'DE', expectedSteps: ['commissioning', 'accepting'], limits: { storageTemperature: { min: 2, max: 8 } } };
  const registered = await alliance.gateway('Manufacturer').call(alliance.key('Manufacturer'), 'POST', '/products', { body: product });
  if (registered.status !== 201) throw new Error(`the product was not registered: ${registered.status} ${await registered.text()}`);
  for (const org of ORGS) await settled(network(), org);
});
afterAll(() => alliance?.close());

const gateway = (org: OrgName) => alliance.gateway(org);
const as = (org: OrgName, event: Record<string, unknown>) => record(network(), gateway(org), alliance.key(org), event);

/** A new serial, commissioned in the factory at 5 °C (or the given time). */
async function commissioned(eventTime?: Date): Promise<string> {
  serial += 1;
  const epc = `https://id.gs1.org/01/${CHILLED}/21/A${serial}`;
  await as('Manufacturer', objectEvent({ action: 'ADD', epcList: [epc], bizStep: 'commissioning', disposition: 'active', bizLocation: { id: FACTORY } }, eventTime));
  return epc;
}

/** Commissioned and shipped to the platform: customs of its country may now act on it. */
async function inTransit(): Promise<string> {
  const epc = await commissioned();
  await as('Manufacturer', objectEvent({ epcList: [epc], bizStep: 'shipping', destinationList: [{ type: 'possessing_party', destination: PLATFORM_PARTY }] }));
  return epc;
}

/** In the platform's hands, with customs' acceptance unless told otherwise. */
async function atPlatform(accepted = true): Promise<string> {
  const epc = await inTransit();
  if (accepted) await as('Customs', objectEvent({ epcList: [epc], bizStep: 'accepting' }));
  await as('Platform', objectEvent({ epcList: [epc], bizStep: 'receiving' }));
  return epc;
}

const sell = (epc: string) => as('Platform', objectEvent({ epcList: [epc], bizStep: 'retail_selling', disposition: 'retail_sold' }));

/** The regulator's alerts of a rule about an item, once its read model holds every block. */
async function raised(rule: string, epc: string, org: OrgName = 'Regulator'): Promise<Alert[]> {
  await caughtUp(network(), gateway(org));
  return (await alertsOf(gateway(org), alliance.key(org), `&rule=${rule}`)).filter((a) => a.evidence.epcs?.includes(epc));
}

describe('each rule: one case raises it, one does not', () => {
  test('failed-inspection: a non-conformant verdict, with its event, transaction and the holder', async () => {
    const failed = await inTransit();
    const id = await as('Customs', objectEvent({ epcList: [failed], bizStep: 'inspecting', disposition: 'non_conformant' }));
    const [alert, ...more] = await raised('failed-inspection', failed);
    expect(more).toEqual([]);
    // In transit, the manufacturer still holds it.
    expect(alert).toMatchObject({ rule: 'failed-inspection', responsible: 'ManufacturerMSP', evidence: { eventIds: [id], txIds: [expect.stringMatching(/^[0-9a-f]{64}$/)] } });
    expect(alert.parties).toEqual(['CustomsMSP', 'ManufacturerMSP']);

    const passed = await inTransit();
    await as('Customs', objectEvent({ epcList: [passed], bizStep: 'inspecting', disposition: 'conformant' }));
    expect(await raised('failed-inspection', passed)).toEqual([]);
  });

  test('customs-hold: customs holding the goods; accepting them is none', async () => {
    const held = await inTransit();
    const id = await as('Customs', objectEvent({ epcList: [held], bizStep: 'holding' }));
    expect(await raised('customs-hold', held)).toEqual([expect.objectContaining({ responsible: 'ManufacturerMSP', evidence: expect.objectContaining({ eventIds: [id] }) })]);

    const accepted = await inTransit();
    await as('Customs', objectEvent({ epcList: [accepted], bizStep: 'accepting' }));
    expect(await raised('customs-hold', accepted)).toEqual([]);
  });

  test("cold-chain-breach: a reading outside the product's 2..8 °C, seen where the detail may be read", async () => {
    const warm = await commissioned();
    const reading = (value: number, uom = 'CEL') => objectEvent({ epcList: [warm], bizStep: 'sensor_reporting', sensorElementList: [{ sensorReport: [{ type: 'Temperature', value, uom }] }] });
    const id = await as('Manufacturer', reading(12.5));
    const [alert] = await raised('cold-chain-breach', warm);
    expect(alert).toMatchObject({ responsible: 'ManufacturerMSP', evidence: { eventIds: [id] } });
    expect(alert.summary).toMatch(/12\.5 °C outside 2\.\.8 °C/);
    // The brand owner's own gateway reads its production detail and raises it too.
    expect(await raised('cold-chain-breach', warm, 'Manufacturer')).toEqual([expect.objectContaining({ id: alert.id })]);

    const cool = await commissioned();
    await as('Manufacturer', objectEvent({ epcList: [cool], bizStep: 'sensor_reporting', sensorElementList: [{ sensorReport: [{ type: 'Temperature', value: 41, uom: 'FAH' }] }] }));
    expect(await raised('cold-chain-breach', cool)).toEqual([]);
  });

  test('blind-spot-missing-step: sold without customs acceptance; with it, none', async () => {
    const unaccepted = await atPlatform(false);
    const sale = await sell(unaccepted);
    expect(await raised('blind-spot-missing-step', unaccepted)).toEqual([expect.objectContaining({ responsible: 'PlatformMSP', evidence: expect.objectContaining({ eventIds: [sale] }) })]);
    expect((await raised('blind-spot-missing-step', unaccepted))[0].summary).toMatch(/without accepting$/);

    const accepted = await atPlatform();
    await sell(accepted);
    expect(await raised('blind-spot-missing-step', accepted)).toEqual([]);
  });

  test('blind-spot-silent: nothing heard for more than 30 days; a day is none', async () => {
    const forgotten = await commissioned(new Date(Date.now() - 40 * 86_400_000));
    expect(await raised('blind-spot-silent', forgotten)).toEqual([expect.objectContaining({ responsible: 'ManufacturerMSP' })]);

    const recent = await commissioned(new Date(Date.now() - 86_400_000));
    expect(await raised('blind-spot-silent', recent)).toEqual([]);
  });

  test('clone-sold-twice: a second sale of one serial; one sale is none', async () => {
    const twice = await atPlatform();
    const first = await sell(twice);
    const second = await sell(twice);
    expect(await raised('clone-sold-twice', twice)).toEqual([expect.objectContaining({ responsible: 'PlatformMSP', evidence: expect.objectContaining({ eventIds: [first, second] }) })]);

    const once = await atPlatform();
    await sell(once);
    expect(await raised('clone-sold-twice', once)).toEqual([]);
  });

  test('clone-impossible-travel: seen in DE and CN ten minutes apart; five hours apart is none', async () => {
    const sighting = (epc: string, place: string, at: Date) => as('Manufacturer', objectEvent({ epcList: [epc], bizStep: 'sensor_reporting', readPoint: { id: place } }, at));
    const base = Date.now() - 10 * 3_600_000;
    const cloned = await commissioned(new Date(base - 60_000));
    const there = await sighting(cloned, WAREHOUSE_CN, new Date(base + 10 * 60_000));
    const [alert] = await raised('clone-impossible-travel', cloned);
    expect(alert).toMatchObject({ responsible: 'ManufacturerMSP' });
    expect(alert.evidence.eventIds).toContain(there);
    expect(alert.summary).toMatch(/seen in DE and CN 11 minutes apart/);

    const travelled = await commissioned(new Date(base - 60_000));
    await sighting(travelled, WAREHOUSE_CN, new Date(base + 5 * 3_600_000));
    expect(await raised('clone-impossible-travel', travelled)).toEqual([]);
  });

  test('recalled-item-sold: sold after its brand owner recalled it; a sale without a recall is none', async () => {
    const recalled = await atPlatform();
    const recall = await as('Manufacturer', objectEvent({ epcList: [recalled], disposition: 'recalled' }));
    const sale = await sell(recalled);
    expect(await raised('recalled-item-sold', recalled)).toEqual([expect.objectContaining({ responsible: 'PlatformMSP', evidence: expect.objectContaining({ eventIds: [recall, sale] }) })]);

    const fine = await atPlatform();
    await sell(fine);
    expect(await raised('recalled-item-sold', fine)).toEqual([]);
  });

  test("recalled-item-sold: an item a recall of the recall contract reached; the recall's transaction is evidence", async () => {
    const item = await atPlatform();
    const recall = network().connect('Regulator', 'User1').gateway.getNetwork('alliance').getContract('trace', 'recall');
    const request = { gtin: CHILLED, serials: [item.split('/').pop()], reason: 'listeria found in samples', severity: 'class_i' };
    const { id } = JSON.parse(Buffer.from(await recall.submitTransaction('issue', JSON.stringify(request))).toString('utf8')) as { id: string };
    await settled(network(), 'Regulator');
    const sale = await sell(item);
    const [alert, ...more] = await raised('recalled-item-sold', item);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ responsible: 'PlatformMSP', evidence: { eventIds: [sale], txIds: [id, expect.any(String)] } });
    // The read model holds the recall's record: the alert says its class and reason.
    expect(alert.summary).toContain(`recall ${id}, class i: listeria found in samples`);
  });

  // Last: the suspension stops the manufacturer's own captures until it is reinstated.
  test('suspended-enterprise-activity: an event on a suspended brand owner\'s item; before and after the suspension, none', async () => {
    const before = await inTransit();
    await as('Platform', objectEvent({ epcList: [before], bizStep: 'receiving' }));
    expect(await raised('suspended-enterprise-activity', before)).toEqual([]);

    const during = await inTransit();
    const after = await inTransit();
    await setStatus('ManufacturerMSP', 'suspended', 'cold chain records falsified');
    try {
      const received = await as('Platform', objectEvent({ epcList: [during], bizStep: 'receiving' }));
      const [alert] = await raised('suspended-enterprise-activity', during);
      expect(alert).toMatchObject({ responsible: 'ManufacturerMSP', evidence: { eventIds: [received] } });
      // The suspension's transaction is evidence too, and its reason is in the summary.
      expect(alert.evidence.txIds).toHaveLength(2);
      expect(alert.summary).toMatch(/suspended since .* \(cold chain records falsified\)$/);
    } finally {
      await setStatus('ManufacturerMSP', 'active', 'records restored and audited');
    }
    await as('Platform', objectEvent({ epcList: [after], bizStep: 'receiving' }));
    expect(await raised('suspended-enterprise-activity', after)).toEqual([]);
  });
});

/** The regulator sets a status, with its reason. */
async function setStatus(mspId: string, status: string, reason: string): Promise<void> {
  const response = await gateway('Regulator').call(alliance.key('Regulator'), 'PUT', `/enterprises/${mspId}/status`, { body: { status, reason } });
  expect(response.status).toBe(200);
  await settled(network(), 'Regulator');
}

describe('who sees which alert', () => {
  let all: Alert[];
  beforeAll(async () => {
    await caughtUp(network(), gateway('Regulator'));
    all = await alertsOf(gateway('Regulator'), alliance.key('Regulator'));
    expect(all.length).toBeGreaterThan(0);
  });

  test.each(ORGS.filter((org) => org !== 'Regulator'))("%s sees exactly the alerts that concern it, and no other firm's", async (org) => {
    const mspId = `${org}MSP`;
    await caughtUp(network(), gateway(org));
    const mine = await alertsOf(gateway(org), alliance.key(org));
    for (const alert of mine) expect(alert.parties).toContain(mspId);
    // The same alerts the regulator's gateway raised that concern the firm: every detail these rules read here is
    // the firm's own (or none), so its gateway could evaluate each of them.
    const concerning = all.filter((a) => a.parties.includes(mspId));
    expect(mine.map((a) => a.id).sort()).toEqual(concerning.map((a) => a.id).sort());
    const other = all.find((a) => !a.parties.includes(mspId));
    if (other) {
      await expectProblem(await gateway(org).call(alliance.key(org), 'GET', `/alerts/${other.id}`), 404, 'NOT_FOUND');
      await expectProblem(await gateway(org).call(alliance.key(org), 'POST', `/alerts/${other.id}/ack`, { body: { note: 'not mine' } }), 404, 'NOT_FOUND');
    }
  });

  test('Logistics, party to none of these flows, sees no alert at all', async () => {
    expect(await alertsOf(gateway('Logistics'), alliance.key('Logistics'))).toEqual([]);
  });

  test('an acknowledgement with a note, by the user who gave it; the list filters by it', async () => {
    const [first] = all;
    const acked = await gateway('Regulator').call(alliance.key('Regulator'), 'POST', `/alerts/${first.id}/ack`, { body: { note: 'inspector sent to the warehouse' } });
    expect(acked.status).toBe(200);
    expect(await jsonOf(acked)).toMatchObject({ id: first.id, acknowledgement: { user: 'User1', note: 'inspector sent to the warehouse' } });
    const open = await alertsOf(gateway('Regulator'), alliance.key('Regulator'), '&acknowledged=false');
    expect(open.map((a) => a.id)).not.toContain(first.id);
    expect((await alertsOf(gateway('Regulator'), alliance.key('Regulator'), '&acknowledged=true')).map((a) => a.id)).toEqual([first.id]);
    await expectProblem(await gateway('Regulator').call(alliance.key('Regulator'), 'POST', `/alerts/${first.id}/ack`, { body: { note: '' } }), 400, 'INVALID_BODY');
  });
});

test('bad requests: each a problem with its code', async () => {
  const regulator = gateway('Regulator');
  const key = alliance.key('Regulator');
  const [alert] = await alertsOf(regulator, key);
  await expectProblem(await regulator.call(undefined, 'GET', '/alerts'), 401, 'UNAUTHENTICATED');
  for (const query of ['limit=0', 'limit=501', 'after=-1', 'after=x', 'acknowledged=maybe']) await expectProblem(await regulator.call(key, 'GET', `/alerts?${query}`), 400, 'QUERY_PARAMETER');
  await expectProblem(await regulator.call(key, 'GET', '/alerts/stream', { headers: { 'Last-Event-ID': 'yesterday' } }), 400, 'QUERY_PARAMETER');
  await expectProblem(await regulator.call(key, 'GET', '/alerts/0123456789abcdef0123456789abcdef'), 404, 'NOT_FOUND');
  await expectProblem(await regulator.call(key, 'POST', '/alerts/0123456789abcdef0123456789abcdef/ack', { body: { note: 'none such' } }), 404, 'NOT_FOUND');
  const ack = (body: unknown, headers?: Record<string, string>) => regulator.call(key, 'POST', `/alerts/${alert.id}/ack`, { body, headers });
  await expectProblem(await ack('a note', { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  await expectProblem(await ack({ note: 'ok', by: 'someone else' }), 400, 'INVALID_BODY');
  await expectProblem(await ack({ note: 'x'.repeat(1_001) }), 400, 'INVALID_BODY');
  // None of them changed it.
  expect(await jsonOf<Alert>(await regulator.call(key, 'GET', `/alerts/${alert.id}`))).toEqual(alert);
});

test("/metrics: how far the read model is, and the alerts each rule raised", async () => {
  const regulator = gateway('Regulator');
  const checkpoint = await caughtUp(network(), regulator);
  const text = await (await regulator.call(undefined, 'GET', '/metrics')).text();
  expect(text).toContain(`read_model_blocks{org="Regulator"} ${checkpoint + 1n}`);
  expect(text).toMatch(/alerts_raised_total\{rule="failed-inspection",org="Regulator"\} [1-9]/);
});

describe('the stream', () => {
  /** Reads the stream's alerts until `count` have come; answers them and the raw text. */
  async function streamed(headers: Record<string, string>, count: number, whileOpen: () => Promise<void> = async () => undefined): Promise<Alert[]> {
    const controller = new AbortController();
    const response = await fetch(`${gateway('Regulator').url}/alerts/stream`, { headers: { authorization: `Bearer ${alliance.key('Regulator')}`, ...headers }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const alerts: Alert[] = [];
    let text = '';
    const acting = whileOpen();
    while (alerts.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
      const frames = text.split('\n\n');
      text = frames.pop() ?? '';
      for (const frame of frames) {
        const id = /^id: (\d+)$/m.exec(frame);
        const data = /^data: (.*)$/m.exec(frame);
        if (id && data) {
          const alert = JSON.parse(data[1]) as Alert;
          expect(alert.seq).toBe(Number(id[1]));
          alerts.push(alert);
        }
      }
    }
    await acting;
    controller.abort();
    return alerts;
  }

  test('an alert arrives live as its block commits; a reconnection with Last-Event-ID resumes after it, none twice', async () => {
    await caughtUp(network(), gateway('Regulator'));
    const backlog = await alertsOf(gateway('Regulator'), alliance.key('Regulator'));
    const last = backlog[backlog.length - 1].seq;
    // Everything so far, from the start.
    expect((await streamed({}, backlog.length)).map((a) => a.seq)).toEqual(backlog.map((a) => a.seq));

    let held = '';
    const [live] = await streamed({ 'Last-Event-ID': String(last) }, 1, async () => {
      held = await inTransit();
      await as('Customs', objectEvent({ epcList: [held], bizStep: 'holding' }));
    });
    expect(live).toMatchObject({ rule: 'customs-hold', evidence: expect.objectContaining({ epcs: [held] }) });
    expect(live.seq).toBeGreaterThan(last);

    let heldAgain = '';
    const [next] = await streamed({ 'Last-Event-ID': String(live.seq) }, 1, async () => {
      heldAgain = await inTransit();
      await as('Customs', objectEvent({ epcList: [heldAgain], bizStep: 'holding' }));
    });
    expect(next).toMatchObject({ rule: 'customs-hold', evidence: expect.objectContaining({ epcs: [heldAgain] }) });
  });

  test('a firm\'s stream carries only its own alerts', async () => {
    const controller = new AbortController();
    const response = await fetch(`${gateway('Logistics').url}/alerts/stream?lastEventId=0`, { headers: { authorization: `Bearer ${alliance.key('Logistics')}` }, signal: controller.signal });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    // The stream opens with its retry line; a firm party to nothing has no alert to follow it.
    const { value } = await reader.read();
    controller.abort();
    expect(value).toBe('retry: 2000\n\n');
  });
});
