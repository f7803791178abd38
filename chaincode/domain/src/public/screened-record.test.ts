import type { EventSummary } from '../trace/event-summary';
import { linksOf, type TraceLink } from '../trace/trace-graph';
import type { JourneyAnswer } from './journey';
import { verifyInclusion } from './merkle';
import { screenRecord, stepLeaf, stepProof, type ScreeningSources } from './screened-record';
import { HIDDEN_STEPS, SCREENED_STEPS } from './screening-table';
import { AUTHORISED_STEPS } from '../trace/authority';

const item = 'https://id.gs1.org/01/09506000134352/21/S1';
const sibling = 'https://id.gs1.org/01/09506000134352/21/S2';
const pallet = 'https://id.gs1.org/00/340555550000000019';
const leaf = 'https://id.gs1.org/01/09506000134369/10/B7/21/L1';

let clock = 0;
function event(partial: Partial<EventSummary> & Pick<EventSummary, 'id'>): EventSummary {
  clock += 1;
  const time = `2026-01-01T00:${String(clock).padStart(2, '0')}:00.000Z`;
  return { type: 'ObjectEvent', eventTime: time, eventTimeZoneOffset: '+00:00', eventTimeUtc: time, what: {}, recordedBy: 'ManufacturerMSP', level: 'production', ...partial };
}

/** The journey trace:journey would answer: links followed upward from the item, breadth first. */
function journey(events: EventSummary[], extra: Partial<JourneyAnswer> = {}): JourneyAnswer {
  const links: TraceLink[] = [];
  const queue = [item];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const e of events) {
      for (const link of linksOf(current, e).filter((l) => l.relation === 'packed_in' || l.relation === 'made_from')) {
        links.push(link);
        if (!seen.has(link.to)) {
          seen.add(link.to);
          queue.push(link.to);
        }
      }
    }
  }
  return { epc: item, state: null, events, links, items: [...seen], truncated: false, declaredErroneous: [], ...extra };
}

const sources = (answer: JourneyAnswer, extra: Partial<ScreeningSources> = {}): ScreeningSources => ({
  journey: answer,
  product: null,
  enterprises: { ManufacturerMSP: { mspId: 'ManufacturerMSP', name: 'Maker GmbH', country: 'DE', roles: ['manufacturer'], status: 'active' } },
  recalls: [],
  transportDetails: {},
  ...extra,
});

const made = event({ id: 'made', type: 'TransformationEvent', bizStep: 'commissioning', bizLocation: 'https://id.gs1.org/414/9506000134376', what: { inputEPCList: [leaf], outputEPCList: [item] } });

describe('the journey of the sold item, not of its neighbours', () => {
  const leafGrown = { ...event({ id: 'leafGrown', bizStep: 'commissioning', what: { epcList: [leaf] } }), eventTimeUtc: '2025-12-31T00:00:00.000Z' };
  const leafUsedLater = event({ id: 'leafAgain', bizStep: 'inspecting', what: { epcList: [leaf] } });
  const packed = event({ id: 'packed', type: 'AggregationEvent', action: 'ADD', bizStep: 'packing', recordedBy: 'LogisticsMSP', level: 'transport', what: { parentID: pallet, childEPCs: [item, sibling] } });
  const carried = event({ id: 'carried', bizStep: 'transporting', recordedBy: 'LogisticsMSP', level: 'transport', what: { epcList: [pallet] } });
  const stored = event({ id: 'stored', bizStep: 'storing', recordedBy: 'LogisticsMSP', level: 'transport', what: { epcList: [pallet] } });
  const unpacked = event({ id: 'unpacked', type: 'AggregationEvent', action: 'DELETE', bizStep: 'unpacking', recordedBy: 'PlatformMSP', level: 'platformTransaction', what: { parentID: pallet, childEPCs: [item] } });
  const palletLater = event({ id: 'palletLater', bizStep: 'shipping', recordedBy: 'LogisticsMSP', level: 'transport', what: { epcList: [pallet] } });
  const siblingSold = event({ id: 'siblingSold', bizStep: 'retail_selling', recordedBy: 'PlatformMSP', level: 'platformTransaction', what: { epcList: [sibling] } });
  const sold = event({ id: 'sold', bizStep: 'retail_selling', recordedBy: 'PlatformMSP', level: 'platformTransaction', what: { epcList: [item] } });
  // The leaf grew before the item was made from it; its later inspection is not the item's.
  const all = [leafGrown, made, leafUsedLater, packed, carried, stored, unpacked, palletLater, siblingSold, sold].sort((x, y) => (x.eventTimeUtc < y.eventTimeUtc ? -1 : 1));
  const record = screenRecord(sources(journey(all)));

  test("an input's steps up to its transformation, a container's while the item was in it, none hidden or of others", () => {
    expect(record.steps.map((s) => [s.eventId, s.relation])).toEqual([
      ['leafGrown', 'input'],
      ['made', 'item'],
      ['packed', 'item'],
      ['carried', 'container'],
      ['unpacked', 'item'],
      ['sold', 'item'],
    ]);
    expect(record.sale).toEqual({ eventId: 'sold', time: sold.eventTimeUtc, seller: 'PlatformMSP' });
    expect(record.flags).toEqual([]);
  });

  test('the site shows where the table says so; an unregistered enterprise is named by its MSP', () => {
    expect(record.steps[1]).toMatchObject({ enterprise: { mspId: 'ManufacturerMSP', name: 'Maker GmbH', country: 'DE' }, where: { country: 'DE', site: made.bizLocation } });
    expect(record.steps[2]).toMatchObject({ enterprise: { mspId: 'LogisticsMSP', name: 'LogisticsMSP', country: 'unknown' }, where: { country: 'unknown' } });
  });

  test('every step proves its place under the root, and only its own bytes do', () => {
    record.steps.forEach((step, index) => {
      const proof = stepProof(record, index);
      expect(verifyInclusion(stepLeaf(step), proof, record.merkleRoot)).toBe(true);
      expect(verifyInclusion(stepLeaf({ ...step, time: '2020-01-01T00:00:00.000Z' }), proof, record.merkleRoot)).toBe(false);
    });
  });

  test('an event declared erroneous, and the declaration, are not the story', () => {
    const declaration = { ...carried, id: 'declaration', errorDeclaration: { declarationTime: '2026-01-02T00:00:00.000Z', reason: 'incorrect_data' } };
    const corrected = screenRecord(sources(journey([...all, declaration], { declaredErroneous: ['carried'] })));
    expect(corrected.steps.map((s) => s.eventId)).not.toContain('carried');
    expect(corrected.steps.map((s) => s.eventId)).not.toContain('declaration');
  });
});

describe('the consumer check of the serial', () => {
  const sale = (id: string) => event({ id, bizStep: 'retail_selling', recordedBy: 'PlatformMSP', level: 'platformTransaction', what: { epcList: [item] } });

  test('an item never commissioned, sold twice, or failing inspection is flagged', () => {
    const flags = screenRecord(sources(journey([event({ id: 'checked', bizStep: 'inspecting', verdict: 'non_conformant', what: { epcList: [item] } }), sale('s1'), sale('s2')]))).flags;
    expect(flags).toEqual(['never_commissioned', 'sold_more_than_once', 'failed_inspection']);
  });

  test('an item made by transformation is commissioned by it', () => {
    expect(screenRecord(sources(journey([made, sale('s1')]))).flags).toEqual([]);
  });

  test('the cold chain: readings against the product range, counted only, never shown', () => {
    const product = { gtin: '09506000134352', name: 'Tea', brandOwner: 'ManufacturerMSP', category: 'food', origin: 'CN', standards: [], expectedSteps: [], limits: { storageTemperature: { min: 0, max: 8 } } };
    const report = (value: number, uom = 'CEL') => ({ sensorElementList: [{ sensorReport: [{ type: 'gs1:Temperature', value, uom }] }] });
    const answer = journey([made, sale('s1')]);
    expect(screenRecord(sources(answer, { product, transportDetails: { a: report(4), b: report(40, 'FAH') } })).coldChain).toEqual({ verdict: 'within_limits', readings: 2, outside: 0 });
    const breach = screenRecord(sources(answer, { product, transportDetails: { a: report(4), b: report(31.5) } }));
    expect(breach.coldChain).toEqual({ verdict: 'outside_limits', readings: 2, outside: 1 });
    expect(breach.flags).toEqual(['cold_chain_breach']);
    expect(JSON.stringify(breach)).not.toContain('31.5');
    expect(screenRecord(sources(answer, { transportDetails: { a: report(4) } })).coldChain.verdict).toBe('no_limits_registered');
    expect(screenRecord(sources(answer)).coldChain.verdict).toBe('not_monitored');
  });
});

test('the screening table decides every CBV step a role may record: shown or hidden, never forgotten', () => {
  const decided = new Set([...Object.keys(SCREENED_STEPS), ...Object.keys(HIDDEN_STEPS)]);
  expect(AUTHORISED_STEPS.filter((step) => !decided.has(step))).toEqual([]);
  expect(Object.keys(SCREENED_STEPS).filter((step) => step in HIDDEN_STEPS)).toEqual([]);
});
