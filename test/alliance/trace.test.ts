// Following an item through the alliance: its path through packing and making, both ways; its current state
// and that state's history; event search by the SimpleEventQuery dimensions, paginated.
import { randomBytes } from 'node:crypto';
import { useTestNetwork } from '../support/suite';
import { json, refusalOf, registerEnterprises, traceContracts, type OrgName } from './alliance';

jest.setTimeout(120_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

const GTIN = 'https://id.gs1.org/01/09506000134352/21';
const RAW = 'https://id.gs1.org/8004/9506000134352R1';
const [A, B] = [`${GTIN}/A`, `${GTIN}/B`];
// The pallet is the carrier's (its SSCC is under Logistics' company prefix); parties by their party GLNs.
const PALLET = 'https://id.gs1.org/00/340555550000000019';
const LOGISTICS_PARTY = 'https://id.gs1.org/417/4055555000018';
const PLATFORM_PARTY = 'https://id.gs1.org/417/6901234000016';
const PORT = 'https://id.gs1.org/414/9506000134369';
const SHOP = 'https://id.gs1.org/414/9506000134376';

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

/** A shipment to a party (its party GLN): the party takes the goods by receiving them. */
function shipping(epcList: string[], party: string): Record<string, unknown> {
  return { type: 'ObjectEvent', ...at(), action: 'OBSERVE', epcList, bizStep: 'shipping', destinationList: [{ type: 'possessing_party', destination: party }] };
}

interface Summary {
  readonly id: string;
  readonly type: string;
  readonly bizStep?: string;
}

beforeAll(async () => {
  await registerEnterprises(network());
  await record('made', 'Manufacturer', { type: 'TransformationEvent', ...at(), inputEPCList: [RAW], outputEPCList: [A], bizStep: 'commissioning' });
  await record('commissionedB', 'Manufacturer', { type: 'ObjectEvent', ...at(), action: 'ADD', epcList: [B], bizStep: 'commissioning', disposition: 'active' });
  await record('shipped', 'Manufacturer', shipping([A, B], LOGISTICS_PARTY));
  await record('received', 'Logistics', { type: 'ObjectEvent', ...at(), action: 'OBSERVE', epcList: [A, B], bizStep: 'receiving' });
  await record('packed', 'Logistics', { type: 'AggregationEvent', ...at(), action: 'ADD', parentID: PALLET, childEPCs: [A, B], bizStep: 'packing' });
  await record('palletShipped', 'Logistics', shipping([PALLET], PLATFORM_PARTY));
  await record('transported', 'Logistics', { type: 'ObjectEvent', ...at(), action: 'OBSERVE', epcList: [PALLET], bizStep: 'transporting', disposition: 'in_transit', bizLocation: { id: PORT } });
  await record('inspected', 'Customs', { type: 'ObjectEvent', ...at(), action: 'OBSERVE', epcList: [PALLET], bizStep: 'inspecting', disposition: 'conformant', bizLocation: { id: PORT } });
  await record('palletReceived', 'Platform', { type: 'ObjectEvent', ...at(), action: 'OBSERVE', epcList: [PALLET], bizStep: 'receiving' });
  await record('unpacked', 'Platform', { type: 'AggregationEvent', ...at(), action: 'DELETE', parentID: PALLET, childEPCs: [A, B], bizStep: 'unpacking', bizLocation: { id: SHOP } });
  await record('sold', 'Platform', { type: 'ObjectEvent', ...at(), action: 'OBSERVE', epcList: [A], bizStep: 'retail_selling', disposition: 'retail_sold', bizLocation: { id: SHOP } });
});

test("an item's trace follows what it was made from and what it was packed in, in time order", async () => {
  const trace = json<{ events: Summary[]; items: string[]; links: { to: string; relation: string }[]; state: Record<string, unknown> }>(
    await traceContracts(network(), 'Logistics').trace.evaluateTransaction('item', A),
  );
  expect(trace.events.map((e) => e.id)).toEqual(
    ['made', 'commissionedB', 'shipped', 'received', 'packed', 'palletShipped', 'transported', 'inspected', 'palletReceived', 'unpacked', 'sold'].map((n) => ids[n]),
  );
  expect(new Set(trace.items)).toEqual(new Set([A, RAW, PALLET, B]));
  expect(trace.links).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ to: RAW, relation: 'made_from' }),
      expect.objectContaining({ to: PALLET, relation: 'packed_in' }),
      expect.objectContaining({ to: B, relation: 'contains' }),
    ]),
  );
  expect(trace.state).toMatchObject({ lastEventId: ids.sold, custodian: 'PlatformMSP', disposition: 'retail_sold', bizLocation: SHOP });
});

test("the item's state history lists every change with the transaction that made it", async () => {
  const { history } = json<{ history: { txId: string; state: { lastEventId: string } | null }[] }>(
    await traceContracts(network(), 'Customs').trace.evaluateTransaction('history', A),
  );
  expect(history.map((h) => h.state?.lastEventId)).toEqual(['made', 'shipped', 'received', 'packed', 'unpacked', 'sold'].map((n) => ids[n]));
  expect(history.every((h) => /^[0-9a-f]{64}$/.test(h.txId))).toBe(true);
});

test('events by bizStep, by location and time range, by EPC, page after page', async () => {
  const { trace } = traceContracts(network(), 'Platform');
  const query = async (q: Record<string, unknown>) => json<{ events: Summary[]; bookmark: string }>(await trace.evaluateTransaction('events', JSON.stringify(q)));
  expect((await query({ bizStep: 'transporting' })).events.map((e) => e.id)).toEqual([ids.transported]);
  const atPort = await query({ bizLocation: PORT, fromTime: '2026-05-01T08:08:00Z', toTime: '2026-05-01T09:00:00Z' });
  expect(atPort.events.map((e) => e.id)).toEqual([ids.inspected]);
  const first = await query({ matchAnyEpc: PALLET, pageSize: 2 });
  expect(first.events.map((e) => e.id)).toEqual([ids.packed, ids.palletShipped]);
  expect(first.bookmark).not.toBe('');
  const second = await query({ matchAnyEpc: PALLET, pageSize: 2, bookmark: first.bookmark });
  expect(second.events.map((e) => e.id)).toEqual([ids.transported, ids.inspected]);
  const filtered = await query({ matchAnyEpc: PALLET, eventType: 'AggregationEvent' });
  expect(filtered.events.map((e) => e.id)).toEqual([ids.packed, ids.unpacked]);
  // MATCH_epc is about the objects of an event, not the parent it names: packing A matches, unpacking too.
  const aboutA = await query({ matchEpc: [A, RAW], eventType: ['AggregationEvent', 'TransformationEvent'] });
  expect(aboutA.events.map((e) => e.id)).toEqual([ids.made, ids.packed, ids.unpacked]);
  expect((await query({ matchEpc: PALLET, eventType: 'AggregationEvent' })).events).toEqual([]);
  expect((await query({ disposition: ['conformant', 'retail_sold'] })).events.map((e) => e.id)).toEqual([ids.inspected, ids.sold]);
});

test('every query takes the identifier forms capture takes: EPC URNs and Digital Links on any host', async () => {
  const { trace } = traceContracts(network(), 'Platform');
  const A_URN = 'urn:epc:id:sgtin:9506000.013435.A';
  const PALLET_URN = 'urn:epc:id:sscc:4055555.3000000001';
  const byLink = json<{ epc: string; events: Summary[] }>(await trace.evaluateTransaction('item', A));
  for (const form of [A_URN, 'https://brand.example/shop/gtin/9506000134352/ser/A?lang=de']) {
    expect(json(await trace.evaluateTransaction('item', form))).toEqual(byLink);
  }
  expect(json(await trace.evaluateTransaction('history', A_URN))).toEqual(json(await trace.evaluateTransaction('history', A)));
  const palletEvents = json<{ events: Summary[] }>(await trace.evaluateTransaction('events', JSON.stringify({ matchEpc: PALLET_URN, bizStep: 'urn:epcglobal:cbv:bizstep:inspecting' })));
  expect(palletEvents.events.map((e) => e.id)).toEqual([ids.inspected]);
  const atPort = json<{ events: Summary[] }>(await trace.evaluateTransaction('events', JSON.stringify({ bizLocation: 'urn:epc:id:sgln:9506000.13436.0', bizStep: 'inspecting' })));
  expect(atPort.events.map((e) => e.id)).toEqual([ids.inspected]);
  expect(await refusalOf(trace.evaluateTransaction('item', 'https://id.gs1.org/01/09506000134353/21/A'))).toMatch(/INVALID_QUERY: the item: .*check digit/);
});

test('a bookmark is only ever one the same query answered: made-up or borrowed ones are refused, issued ones resume exactly', async () => {
  const { trace } = traceContracts(network(), 'Customs');
  const query = async (q: Record<string, unknown>) => json<{ events: Summary[]; bookmark: string }>(await trace.evaluateTransaction('events', JSON.stringify(q)));
  const pageByPage = async (q: Record<string, unknown>) => {
    const paged: string[] = [];
    let bookmark = '';
    do {
      const page = await query({ ...q, pageSize: 1, bookmark });
      paged.push(...page.events.map((e) => e.id));
      bookmark = page.bookmark;
    } while (bookmark !== '');
    return paged;
  };
  // No dimension names one value: the entries of every event type, merged in event time order.
  const all = await query({ pageSize: 100 });
  const inTimeOrder = ['made', 'commissionedB', 'shipped', 'received', 'packed', 'palletShipped', 'transported', 'inspected', 'palletReceived', 'unpacked', 'sold'];
  expect(all.events.map((e) => e.id)).toEqual(inTimeOrder.map((n) => ids[n]));
  expect(new Set(all.events.map((e) => e.type)).size).toBeGreaterThan(2);
  expect(await pageByPage({})).toEqual(all.events.map((e) => e.id));
  // A list of types merges only theirs, and its bookmarks resume across them.
  const twoTypes = ['AggregationEvent', 'TransformationEvent'];
  const ofTwoTypes = all.events.filter((e) => twoTypes.includes(e.type)).map((e) => e.id);
  expect(ofTwoTypes.length).toBeGreaterThan(2);
  expect(await pageByPage({ eventType: twoTypes })).toEqual(ofTwoTypes);
  // A type named twice is read once: no event comes back twice.
  expect((await query({ eventType: [...twoTypes, twoTypes[0]], pageSize: 100 })).events.map((e) => e.id)).toEqual(ofTwoTypes);

  const palletPage = await query({ matchEpc: PALLET, pageSize: 1 });
  for (const bad of ['a', 'AAAA', 'aWR4\u0000', '\u0000\u0000', palletPage.bookmark + '=', Buffer.from('idx-epc\u0000zzz', 'utf8').toString('base64url')]) {
    expect(await refusalOf(trace.evaluateTransaction('events', JSON.stringify({ pageSize: 100, bookmark: bad })))).toMatch(/INVALID_QUERY: the bookmark is not one this query answered/);
  }
  // Another query's bookmark lies outside this query's range of the index.
  expect(await refusalOf(trace.evaluateTransaction('events', JSON.stringify({ matchEpc: A, bookmark: palletPage.bookmark })))).toMatch(/INVALID_QUERY: the bookmark/);
});
