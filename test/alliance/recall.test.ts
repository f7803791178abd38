// Acting on the ledger: recalls (who may issue one, its scope forward through making and packing, the recalled
// items' states, the sales of recalled items and their platforms, the RecallIssued event), suspension with a
// reason in the firm's record and history, and the audit trail of every action and of the regulator's reads of
// private detail, which each firm reads as far as it concerns it.
import { randomBytes } from 'node:crypto';
import { createOutsiderIdentity } from '../support/outsider';
import { useTestNetwork } from '../support/suite';
import { collect } from '../support/streams';
import { eventually, rejectionOf, submitAndWait } from '../support/transactions';
import { CHAINCODE, CHANNEL, json, refusalOf, registerEnterprises, traceContracts, type OrgName } from './alliance';
import type { ClientIdentity } from '../support/gateway';

jest.setTimeout(180_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

// The ingredient's GTIN and the product's, both under the manufacturer's company prefix (9506000).
const INGREDIENT_GTIN = '09506000134369';
const PRODUCT_GTIN = '09506000134352';
const I1 = `https://id.gs1.org/01/${INGREDIENT_GTIN}/10/B7/21/I1`;
const I2 = `https://id.gs1.org/01/${INGREDIENT_GTIN}/10/B8/21/I2`;
const P1 = `https://id.gs1.org/01/${PRODUCT_GTIN}/21/P1`;
const P2 = `https://id.gs1.org/01/${PRODUCT_GTIN}/21/P2`;
const P3 = `https://id.gs1.org/01/${PRODUCT_GTIN}/21/P3`;
// The carrier's pallet and case (SSCCs under Logistics' prefix); parties by their party GLNs.
const PALLET = 'https://id.gs1.org/00/340555550000000019';
const LOGISTICS_PARTY = 'https://id.gs1.org/417/4055555000018';
const PLATFORM_PARTY = 'https://id.gs1.org/417/6901234000016';
const SHOP = 'https://id.gs1.org/414/9506000134376';
// A GTIN under the platform's prefix (6901234): its own brand.
const PLATFORM_GTIN = '06901234000016';

let minute = 0;
function at(): Record<string, string> {
  minute += 1;
  return { eventTime: `2026-05-01T08:${String(minute).padStart(2, '0')}:00.000Z`, eventTimeZoneOffset: '+00:00' };
}

const ids: Record<string, string> = {};
async function record(name: string, org: OrgName, event: Record<string, unknown>): Promise<void> {
  const epcis = Buffer.from(JSON.stringify({ '@context': [], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-05-01T09:00:00Z', epcisBody: { eventList: [event] } }));
  const result = await traceContracts(network(), org).event.submit('capture', { transientData: { epcis, salt: randomBytes(16) } });
  [ids[name]] = json<{ ids: string[] }>(result).ids;
}

const observe = (epcList: string[], bizStep: string, extra: Record<string, unknown> = {}) => ({ type: 'ObjectEvent', ...at(), action: 'OBSERVE', epcList, bizStep, ...extra });
const ship = (epcList: string[], party: string) => observe(epcList, 'shipping', { destinationList: [{ type: 'possessing_party', destination: party }] });

interface Recall {
  id: string;
  gtin: string;
  lot?: string;
  serials?: string[];
  severity: string;
  reason: string;
  issuedBy: string;
  issuedAs: string;
  regulator: string;
  items: { epc: string; via?: { from: string; eventId: string; relation: string } }[];
  carriers: { epc: string; held: string[] }[];
  truncated: boolean;
  sales?: { epc: string; platform: string; eventId: string; afterRecall: boolean }[];
  platforms?: string[];
}

interface AuditEntry {
  txId: string;
  action: string;
  actor: string;
  subject: string;
  concerns: string[];
  detail?: Record<string, unknown>;
}

const recallOf = (request: Record<string, unknown>) => JSON.stringify({ reason: 'Salmonella found in ingredient lot B7', severity: 'class_i', ...request });

beforeAll(async () => {
  await registerEnterprises(network());
  await record('i1', 'Manufacturer', { type: 'ObjectEvent', ...at(), action: 'ADD', epcList: [I1, I2], bizStep: 'commissioning', disposition: 'active' });
  await record('made1', 'Manufacturer', { type: 'TransformationEvent', ...at(), inputEPCList: [I1], outputEPCList: [P1], bizStep: 'commissioning' });
  await record('made2', 'Manufacturer', { type: 'TransformationEvent', ...at(), inputEPCList: [I2], outputEPCList: [P2, P3], bizStep: 'commissioning' });
  await record('shipped', 'Manufacturer', ship([P1, P2, P3], LOGISTICS_PARTY));
  await record('received', 'Logistics', observe([P1, P2, P3], 'receiving'));
  await record('packed', 'Logistics', { type: 'AggregationEvent', ...at(), action: 'ADD', parentID: PALLET, childEPCs: [P1, P2], bizStep: 'packing' });
  await record('palletShipped', 'Logistics', ship([PALLET], PLATFORM_PARTY));
  await record('palletReceived', 'Platform', observe([PALLET], 'receiving'));
  await record('unpacked', 'Platform', { type: 'AggregationEvent', ...at(), action: 'DELETE', parentID: PALLET, childEPCs: [P1, P2], bizStep: 'unpacking' });
  await record('sold1', 'Platform', observe([P1], 'retail_selling', { disposition: 'retail_sold', bizLocation: { id: SHOP } }));
});

describe('a recall by GTIN and lot, issued by the regulator', () => {
  let recall: Recall;
  let blockNumber: bigint;

  beforeAll(async () => {
    const committed = await submitAndWait(recallContract('Regulator'), 'issue', { arguments: [recallOf({ gtin: INGREDIENT_GTIN, lot: 'B7' })] });
    expect(committed.status.successful).toBe(true);
    blockNumber = committed.status.blockNumber;
    recall = json<Recall>(committed.result);
  });

  test('its scope runs forward: the lot, what was made from it, and the pallet that carried it; not the other lot', () => {
    expect(recall).toMatchObject({ gtin: INGREDIENT_GTIN, lot: 'B7', severity: 'class_i', issuedBy: 'RegulatorMSP', issuedAs: 'regulator', regulator: 'RegulatorMSP', truncated: false });
    expect(recall.items).toEqual([{ epc: I1 }, { epc: P1, via: { from: I1, eventId: ids.made1, relation: 'made_into' } }]);
    // The pallet held P1: listed to be found, but P2 beside it on the pallet is not recalled.
    expect(recall.carriers).toEqual([{ epc: PALLET, held: [P1] }]);
  });

  test("every member reads it with the sales of recalled items and their platforms; recalled items' states say so", async () => {
    // Another org's peer: on Fabric it may commit the block a moment later.
    const read = await eventually(
      () => recallContract('Manufacturer').evaluateTransaction('get', recall.id).then(json<Recall>, () => undefined),
      (found) => found !== undefined,
    );
    if (!read) throw new Error(`the manufacturer's peer never had recall ${recall.id}`);
    expect(read.sales).toEqual([{ epc: P1, eventId: ids.sold1, platform: 'PlatformMSP', eventTime: '2026-05-01T08:10:00.000Z', bizLocation: SHOP, afterRecall: false }]);
    expect(read.platforms).toEqual(['PlatformMSP']);
    const { trace } = traceContracts(network(), 'Regulator');
    expect(json<{ state: { recalls?: string[] } }>(await trace.evaluateTransaction('item', P1)).state.recalls).toEqual([recall.id]);
    expect(json<{ state: { recalls?: string[] } }>(await trace.evaluateTransaction('item', I1)).state.recalls).toEqual([recall.id]);
    expect(json<{ state: { recalls?: string[] } }>(await trace.evaluateTransaction('item', P2)).state.recalls).toBeUndefined();
    // The item's history shows the recall as a change of its state, by the recall's transaction.
    const { history } = json<{ history: { txId: string }[] }>(await trace.evaluateTransaction('history', P1));
    expect(history.at(-1)!.txId).toBe(recall.id);
  });

  test('a recalled item stays recalled when later events change its state', async () => {
    // Sold again, dated now: after the recall was issued.
    await record('soldAgain', 'Platform', observe([P1], 'retail_selling', { disposition: 'retail_sold', bizLocation: { id: SHOP }, eventTime: new Date().toISOString() }));
    const state = json<{ state: { recalls?: string[]; lastEventId: string } }>(await traceContracts(network(), 'Platform').trace.evaluateTransaction('item', P1)).state;
    expect(state).toMatchObject({ lastEventId: ids.soldAgain, recalls: [recall.id] });
    const read = json<Recall>(await recallContract('Platform').evaluateTransaction('get', recall.id));
    expect(read.sales!.map((s) => [s.eventId, s.afterRecall])).toEqual([
      [ids.sold1, false],
      [ids.soldAgain, true],
    ]);
  });

  test('the RecallIssued chaincode event carries the record: the seam for the public channel and the alerts', async () => {
    const events = await network().connect('Customs', 'User1').gateway.getNetwork(CHANNEL).getChaincodeEvents(CHAINCODE, { startBlock: blockNumber });
    const [event] = await collect(events, (got) => got.some((e) => e.eventName === 'RecallIssued'));
    expect(event).toMatchObject({ eventName: 'RecallIssued', transactionId: recall.id, blockNumber });
    expect(json<Recall>(event.payload)).toEqual(recall);
  });

  test('recall:list lists it without its items', async () => {
    const { recalls } = json<{ recalls: (Recall & { itemCount: number })[] }>(await recallContract('Logistics').evaluateTransaction('list'));
    expect(recalls.find((r) => r.id === recall.id)).toMatchObject({ gtin: INGREDIENT_GTIN, lot: 'B7', itemCount: 2, carrierCount: 1 });
    expect(recalls.find((r) => r.id === recall.id)).not.toHaveProperty('items');
  });
});

describe('who may recall', () => {
  test("the brand owner recalls its own GTIN's serials, naming the regulator; the whole GTIN by preview", async () => {
    const committed = await submitAndWait(recallContract('Manufacturer'), 'issue', { arguments: [recallOf({ gtin: PRODUCT_GTIN, serials: ['P3'], severity: 'class_iii', reason: 'label misprint' })] });
    expect(committed.status.successful).toBe(true);
    expect(json<Recall>(committed.result)).toMatchObject({ issuedBy: 'ManufacturerMSP', issuedAs: 'brandOwner', regulator: 'RegulatorMSP', items: [{ epc: P3 }], carriers: [] });
    // The whole GTIN: every serial the ledger knows under it; the pallet carried two of them.
    const whole = json<Recall>(await recallContract('Manufacturer').evaluateTransaction('preview', recallOf({ gtin: PRODUCT_GTIN })));
    expect(whole.items.map((i) => i.epc)).toEqual([P1, P2, P3]);
    expect(whole.carriers).toEqual([{ epc: PALLET, held: [P1, P2] }]);
  });

  test('no other member recalls: not another firm, not with a regulator or manufacturer certificate of its own CA, not for a GTIN of another brand', async () => {
    const before = json<{ recalls: unknown[] }>(await recallContract('Regulator').evaluateTransaction('list')).recalls.length;
    for (const org of ['Platform', 'Logistics', 'Customs'] as const) {
      expect(await refusalOf(recallContract(org).submitTransaction('issue', recallOf({ gtin: INGREDIENT_GTIN })))).toMatch(
        new RegExp(`RECALL_NOT_AUTHORISED: only the regulator \\(RegulatorMSP\\) or the brand owner recalls GTIN ${INGREDIENT_GTIN} \\(its brand owner is ManufacturerMSP\\); not ${org}MSP`),
      );
    }
    // The platform's own brand: a platform is no manufacturer, and the manufacturer is not its brand owner.
    expect(await refusalOf(recallContract('Platform').submitTransaction('issue', recallOf({ gtin: PLATFORM_GTIN })))).toMatch(/RECALL_NOT_AUTHORISED: .*its brand owner is PlatformMSP\); not PlatformMSP \(platform\)/);
    expect(await refusalOf(recallContract('Manufacturer').submitTransaction('issue', recallOf({ gtin: PLATFORM_GTIN })))).toMatch(/RECALL_NOT_AUTHORISED: .*not ManufacturerMSP \(manufacturer\)/);
    // A certificate the platform's own CA issued with role=regulator is the platform's word, not the charter's.
    const selfMadeRegulator = await network().issueUser('Platform', 'SelfMadeRegulator', { role: 'regulator' });
    const selfMadeManufacturer = await network().issueUser('Platform', 'SelfMadeManufacturer', { role: 'manufacturer' });
    for (const identity of [selfMadeRegulator, selfMadeManufacturer]) {
      expect(await refusalOf(contractAs('Platform', identity).submitTransaction('issue', recallOf({ gtin: INGREDIENT_GTIN })))).toMatch(/ROLE_NOT_GRANTED: the alliance charter grants PlatformMSP platform/);
    }
    // A self-signed certificate claiming the regulator's MSP: the peer refuses it before any chaincode runs.
    const outsider = await createOutsiderIdentity('RegulatorMSP');
    expect(String(await rejectionOf(contractAs('Regulator', outsider).submitTransaction('issue', recallOf({ gtin: INGREDIENT_GTIN }))))).not.toMatch(/RECALL/);
    expect(json<{ recalls: unknown[] }>(await recallContract('Regulator').evaluateTransaction('list')).recalls).toHaveLength(before);
  });

  test('a suspended brand owner does not recall; the regulator still does', async () => {
    const regulator = traceContracts(network(), 'Regulator').enterprise;
    await regulator.submitTransaction('setStatus', 'ManufacturerMSP', 'suspended', 'pending an inspection');
    try {
      expect(await refusalOf(recallContract('Manufacturer').submitTransaction('issue', recallOf({ gtin: PRODUCT_GTIN })))).toMatch(/ENTERPRISE_SUSPENDED: /);
      expect(json<Recall>(await recallContract('Regulator').evaluateTransaction('preview', recallOf({ gtin: PRODUCT_GTIN }))).issuedAs).toBe('regulator');
    } finally {
      await regulator.submitTransaction('setStatus', 'ManufacturerMSP', 'active', 'inspection passed');
    }
  });

  test('a malformed recall says what is wrong', async () => {
    const contract = recallContract('Regulator');
    const refused = async (request: Record<string, unknown>) => refusalOf(contract.evaluateTransaction('preview', JSON.stringify(request)));
    expect(await refused({ gtin: INGREDIENT_GTIN, reason: 'x', severity: 'class_iv' })).toMatch(/INVALID_RECALL: severity: /);
    expect(await refused({ gtin: '09506000134360', reason: 'x', severity: 'class_i' })).toMatch(/INVALID_RECALL: gtin: a GTIN/);
    expect(await refused({ gtin: INGREDIENT_GTIN, reason: ' ', severity: 'class_i' })).toMatch(/INVALID_RECALL: reason: /);
    expect(await refused({ gtin: INGREDIENT_GTIN, lot: 'B7', serials: ['I1'], reason: 'x', severity: 'class_i' })).toMatch(/INVALID_RECALL: serials: a lot or serials, not both/);
    expect(await refused({ gtin: INGREDIENT_GTIN, serials: ['a b'], reason: 'x', severity: 'class_i' })).toMatch(/INVALID_RECALL: serials\.0: /);
    expect(await refused({ gtin: INGREDIENT_GTIN, reason: 'x', severity: 'class_i', scope: 'all' })).toMatch(/INVALID_RECALL: /);
    expect(await refusalOf(contract.evaluateTransaction('get', 'no-such-recall'))).toMatch(/NOT_FOUND: no recall no-such-recall/);
  });
});

test("trace:itemsOf lists a lot's or a product's items, as an export starts from them", async () => {
  const { trace } = traceContracts(network(), 'Customs');
  expect(json(await trace.evaluateTransaction('itemsOf', JSON.stringify({ gtin: INGREDIENT_GTIN, lot: 'B8' })))).toEqual({ items: [I2], truncated: false });
  expect(json(await trace.evaluateTransaction('itemsOf', JSON.stringify({ gtin: PRODUCT_GTIN, serials: ['P2', 'P9'] })))).toEqual({ items: [P2], truncated: false });
  expect(json(await trace.evaluateTransaction('itemsOf', JSON.stringify({ gtin: '9506000134352' })))).toEqual({ items: [P1, P2, P3], truncated: false });
});

test("a recall's scope is bounded like every answer: past 1,000 items it is cut, says so, and still commits", async () => {
  const gtin = '09506000134376';
  const serials = Array.from({ length: 1_001 }, (_, i) => `https://id.gs1.org/01/${gtin}/21/S${String(i).padStart(4, '0')}`);
  // Two commissioning events: one event lists at most 1,000 EPCs.
  await record('many', 'Manufacturer', { type: 'ObjectEvent', ...at(), action: 'ADD', epcList: serials.slice(0, 1_000), bizStep: 'commissioning' });
  await record('oneMore', 'Manufacturer', { type: 'ObjectEvent', ...at(), action: 'ADD', epcList: serials.slice(1_000), bizStep: 'commissioning' });
  const request = recallOf({ gtin, reason: 'bound', severity: 'class_iii' });
  const preview = json<Recall>(await recallContract('Manufacturer').evaluateTransaction('preview', request));
  expect(preview.truncated).toBe(true);
  expect(preview.items.map((i) => i.epc)).toEqual(serials.slice(0, 1_000));
  expect(json(await traceContracts(network(), 'Manufacturer').trace.evaluateTransaction('itemsOf', JSON.stringify({ gtin })))).toEqual({ items: serials.slice(0, 1_000), truncated: true });
  const issued = await submitAndWait(recallContract('Manufacturer'), 'issue', { arguments: [request] });
  expect(issued.status.successful).toBe(true);
  const state = (epc: string) => traceContracts(network(), 'Manufacturer').trace.evaluateTransaction('item', epc).then((b) => json<{ state: { recalls?: string[] } }>(b).state.recalls);
  expect(await state(serials[999])).toEqual([issued.txId]);
  expect(await state(serials[1_000])).toBeUndefined();
});

describe('suspension with a reason', () => {
  test("the reason is in the firm's record and in its history, each change with its transaction", async () => {
    const regulator = traceContracts(network(), 'Regulator').enterprise;
    const suspended = await submitAndWait(regulator, 'setStatus', { arguments: ['LogisticsMSP', 'suspended', '  cold chain records missing for May  '] });
    const reinstated = await submitAndWait(regulator, 'setStatus', { arguments: ['LogisticsMSP', 'active', 'records supplied'] });
    const logistics = traceContracts(network(), 'Logistics').enterprise;
    const record = await eventually(async () => json<Record<string, unknown>>(await logistics.evaluateTransaction('get', 'LogisticsMSP')), (e) => e.statusTxId === reinstated.txId);
    expect(record).toMatchObject({ status: 'active', statusReason: 'records supplied', statusTxId: reinstated.txId });
    const { history } = json<{ history: { txId: string; value: { status: string; statusReason?: string } }[] }>(await logistics.evaluateTransaction('history', 'LogisticsMSP'));
    expect(history.slice(-2).map((v) => [v.txId, v.value.status, v.value.statusReason])).toEqual([
      [suspended.txId, 'suspended', 'cold chain records missing for May'],
      [reinstated.txId, 'active', 'records supplied'],
    ]);
    expect(history[0].value).toMatchObject({ mspId: 'LogisticsMSP', status: 'active' });
  });

  test('a status change without a reason, or with the old arguments, is refused and changes nothing', async () => {
    const regulator = traceContracts(network(), 'Regulator').enterprise;
    expect(await refusalOf(regulator.submitTransaction('setStatus', 'CustomsMSP', 'suspended', '   '))).toMatch(/INVALID_ENTERPRISE: a status change gives its reason/);
    expect(await refusalOf(regulator.submitTransaction('setStatus', 'CustomsMSP', 'suspended', 'x'.repeat(1001)))).toMatch(/INVALID_ENTERPRISE: a status change gives its reason/);
    await rejectionOf(regulator.submitTransaction('setStatus', 'CustomsMSP', 'suspended'));
    expect(json<{ status: string }>(await regulator.evaluateTransaction('get', 'CustomsMSP')).status).toBe('active');
    expect(await refusalOf(regulator.evaluateTransaction('history', 'NobodyMSP'))).toMatch(/NOT_FOUND: /);
  });
});

describe('the audit trail', () => {
  test("the regulator's reads of detail and its actions are entries; a firm reads those that concern it, and only those", async () => {
    const audit = auditContract('Regulator');
    const read = await submitAndWait(audit, 'recordRead', { arguments: [ids.sold1, 'recall follow-up'] });
    expect(read.status.successful).toBe(true);
    expect(json<AuditEntry>(read.result)).toMatchObject({ txId: read.txId, action: 'detail_read', actor: 'RegulatorMSP', subject: ids.sold1, concerns: ['PlatformMSP'], detail: { level: 'platformTransaction', purpose: 'recall follow-up' } });
    // The entry says which event was read, never what it holds.
    expect(Buffer.from(read.result).toString()).not.toMatch(/retail_sold|sensor|bizTransaction/);

    const all = await eventually(async () => json<{ entries: AuditEntry[] }>(await audit.evaluateTransaction('list', JSON.stringify({ pageSize: 100 }))).entries, (entries) => entries.some((e) => e.txId === read.txId));
    const actions = all.map((e) => `${e.action}:${e.actor}:${e.subject}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^recall:RegulatorMSP:/),
        expect.stringMatching(/^recall:ManufacturerMSP:/),
        'enterprise_status:RegulatorMSP:ManufacturerMSP',
        'enterprise_status:RegulatorMSP:LogisticsMSP',
        `detail_read:RegulatorMSP:${ids.sold1}`,
      ]),
    );
    expect(all.find((e) => e.action === 'enterprise_status' && e.subject === 'LogisticsMSP')!.detail).toMatchObject({ status: 'suspended', reason: 'cold chain records missing for May' });

    // Each firm: the entries that concern it. The manufacturer's recalls and suspension; the platform's read.
    const of = async (org: OrgName, query: Record<string, unknown> = {}) =>
      eventually(async () => json<{ entries: AuditEntry[] }>(await auditContract(org).evaluateTransaction('list', JSON.stringify({ pageSize: 100, ...query }))).entries, (entries) => entries.length > 0);
    const manufacturer = await of('Manufacturer');
    expect(manufacturer.every((e) => e.concerns.includes('ManufacturerMSP'))).toBe(true);
    // Suspended and reinstated; the regulator's recall of its ingredient, its own two recalls.
    expect(manufacturer.map((e) => e.action).sort()).toEqual(['enterprise_status', 'enterprise_status', 'recall', 'recall', 'recall']);
    expect((await of('Platform')).map((e) => `${e.action}:${e.subject}`)).toEqual([`detail_read:${ids.sold1}`]);
    expect(await refusalOf(auditContract('Platform').evaluateTransaction('list', JSON.stringify({ concerning: 'ManufacturerMSP' })))).toMatch(
      /ROLE_NOT_AUTHORISED: PlatformMSP reads the audit entries that concern it, not ManufacturerMSP's/,
    );
    // The regulator narrows to one firm, pages through it, and by time.
    const platformOnly = json<{ entries: AuditEntry[] }>(await audit.evaluateTransaction('list', JSON.stringify({ concerning: 'PlatformMSP' }))).entries;
    expect(platformOnly.map((e) => e.txId)).toEqual([read.txId]);
    const first = json<{ entries: AuditEntry[]; bookmark: string }>(await audit.evaluateTransaction('list', JSON.stringify({ concerning: 'ManufacturerMSP', pageSize: 1 })));
    expect(first.entries).toHaveLength(1);
    const rest = json<{ entries: AuditEntry[] }>(await audit.evaluateTransaction('list', JSON.stringify({ concerning: 'ManufacturerMSP', pageSize: 100, bookmark: first.bookmark })));
    expect([...first.entries, ...rest.entries].map((e) => e.txId)).toEqual(manufacturer.map((e) => e.txId));
    expect(await refusalOf(audit.evaluateTransaction('list', JSON.stringify({ concerning: 'PlatformMSP', bookmark: first.bookmark })))).toMatch(/INVALID_QUERY: the bookmark/);
    expect(json<{ entries: AuditEntry[] }>(await audit.evaluateTransaction('list', JSON.stringify({ fromTime: '2999-01-01T00:00:00Z' }))).entries).toEqual([]);
  });

  test('the regulator gets no detail without a recorded read: the chaincode refuses it, whatever client asks', async () => {
    const detail = () => traceContracts(network(), 'Regulator').event.evaluateTransaction('detail', ids.made2);
    expect(await refusalOf(detail())).toMatch(/READ_NOT_RECORDED: the regulator reads the detail of .* within 10 minutes of recording the read \(audit:recordRead\); none is recorded/);
    // A read recorded for another event opens nothing here.
    await auditContract('Regulator').submitTransaction('recordRead', ids.made1, '');
    expect(await refusalOf(detail())).toMatch(/READ_NOT_RECORDED: /);
    await auditContract('Regulator').submitTransaction('recordRead', ids.made2, 'lot B8 review');
    expect(json<{ id: string; recordedBy: string }>(await detail())).toMatchObject({ id: ids.made2, recordedBy: 'ManufacturerMSP' });
    // The recorder reads its own detail without any record, as before.
    expect(json<{ id: string }>(await traceContracts(network(), 'Manufacturer').event.evaluateTransaction('detail', ids.made2)).id).toBe(ids.made2);
  });

  test('only the regulator records reads, of events that exist', async () => {
    for (const org of ['Manufacturer', 'Platform'] as const) {
      expect(await refusalOf(auditContract(org).submitTransaction('recordRead', ids.sold1, ''))).toMatch(/ROLE_NOT_AUTHORISED: only the regulator \(RegulatorMSP\) records its reads/);
    }
    expect(await refusalOf(auditContract('Regulator').submitTransaction('recordRead', 'urn:crossborder-trace:event:00', ''))).toMatch(/NOT_FOUND: no event/);
  });
});

function recallContract(org: OrgName) {
  return network().connect(org, 'User1').gateway.getNetwork(CHANNEL).getContract(CHAINCODE, 'recall');
}

function auditContract(org: OrgName) {
  return network().connect(org, 'User1').gateway.getNetwork(CHANNEL).getContract(CHAINCODE, 'audit');
}

function contractAs(org: OrgName, identity: ClientIdentity) {
  return network().connectAs(org, identity).gateway.getNetwork(CHANNEL).getContract(CHAINCODE, 'recall');
}
