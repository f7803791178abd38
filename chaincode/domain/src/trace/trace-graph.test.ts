import type { EventSummary } from './event-summary';
import { nextItemState } from './item-state';
import { byEventTime, linksOf } from './trace-graph';

function summary(partial: Partial<EventSummary> & Pick<EventSummary, 'id' | 'type'>): EventSummary {
  return {
    eventTime: '2026-01-01T00:00:00Z',
    eventTimeZoneOffset: '+00:00',
    eventTimeUtc: '2026-01-01T00:00:00.000Z',
    what: {},
    recordedBy: 'LogisticsMSP',
    level: 'transport',
    ...partial,
  };
}

const pallet = 'https://id.gs1.org/00/095060001343999993';
const [a, b] = ['https://id.gs1.org/01/09506000134352/21/A', 'https://id.gs1.org/01/09506000134352/21/B'];

test('aggregation links a child to its parent and a parent to its children; a DELETE unpacks', () => {
  const packing = summary({ id: 'p', type: 'AggregationEvent', action: 'ADD', what: { parentID: pallet, childEPCs: [a, b] } });
  expect(linksOf(a, packing)).toEqual([{ from: a, to: pallet, relation: 'packed_in', eventId: 'p' }]);
  expect(linksOf(pallet, packing).map((l) => [l.to, l.relation])).toEqual([[a, 'contains'], [b, 'contains']]);
  expect(linksOf(a, { ...packing, action: 'DELETE' })).toEqual([]);
});

test('transformation links outputs to inputs (made from) and inputs to outputs (made into)', () => {
  const mixing = summary({ id: 't', type: 'TransformationEvent', what: { inputEPCList: [a], outputEPCList: [b] } });
  expect(linksOf(b, mixing)).toEqual([{ from: b, to: a, relation: 'made_from', eventId: 't' }]);
  expect(linksOf(a, mixing)).toEqual([{ from: a, to: b, relation: 'made_into', eventId: 't' }]);
  expect(linksOf(a, summary({ id: 'o', type: 'ObjectEvent', what: { epcList: [a] } }))).toEqual([]);
});

test('events sort by UTC time, then id', () => {
  const later = summary({ id: 'a', type: 'ObjectEvent', eventTimeUtc: '2026-01-02T00:00:00.000Z' });
  const earlier = summary({ id: 'z', type: 'ObjectEvent' });
  const sameTime = summary({ id: 'b', type: 'ObjectEvent' });
  expect([later, earlier, sameTime].sort(byEventTime).map((e) => e.id)).toEqual(['b', 'z', 'a']);
});

test('an item state follows the latest event; a late-recorded older event leaves it', () => {
  const arriving = summary({ id: 'e2', type: 'ObjectEvent', eventTimeUtc: '2026-01-02T00:00:00.000Z', bizStep: 'arriving', bizLocation: 'loc:port', disposition: 'in_transit' });
  const state = nextItemState(a, undefined, arriving, { custodian: 'LogisticsMSP' });
  expect(state).toEqual({ epc: a, lastEventId: 'e2', lastEventTimeUtc: arriving.eventTimeUtc, lastBizStep: 'arriving', disposition: 'in_transit', bizLocation: 'loc:port', custodian: 'LogisticsMSP' });
  // A late event is history: only custody, which follows the ledger's order, changes.
  expect(nextItemState(a, state, summary({ id: 'e1', type: 'ObjectEvent' }), { custodian: 'PlatformMSP' })).toEqual({ ...state, custodian: 'PlatformMSP' });
  const inspected = nextItemState(a, state, summary({ id: 'e3', type: 'ObjectEvent', eventTimeUtc: '2026-01-03T00:00:00.000Z', recordedBy: 'CustomsMSP' }), { custodian: 'LogisticsMSP' });
  expect(inspected).toMatchObject({ bizLocation: 'loc:port', disposition: 'in_transit', custodian: 'LogisticsMSP', lastEventId: 'e3' });
});
