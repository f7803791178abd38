import { TraceError } from './errors';
import type { AllianceCharter } from './charter';
import { objectsOf, type EventSummary } from './event-summary';
import { recallScope } from './recall-scope';
import { assertMayRecall, forwardLinks, parseItemSelector, parseRecallRequest, publicRecallNotice, recallSelector, salesOf, type RecallRecord } from './recall';

const charter: AllianceCharter = {
  version: 1,
  regulator: 'RegulatorMSP',
  members: {
    ManufacturerMSP: { country: 'DE', roles: ['manufacturer'], companyPrefixes: ['9506000'] },
    PlatformMSP: { country: 'CN', roles: ['platform'], companyPrefixes: ['6901234'] },
    RegulatorMSP: { country: 'CN', roles: ['regulator'], companyPrefixes: [] },
  },
};

const summary = (what: EventSummary['what'], extra: Partial<EventSummary> = {}): EventSummary => ({
  id: 'e1',
  type: 'TransformationEvent',
  eventTime: '2026-05-01T08:00:00Z',
  eventTimeZoneOffset: '+00:00',
  eventTimeUtc: '2026-05-01T08:00:00.000Z',
  what,
  recordedBy: 'ManufacturerMSP',
  level: 'production',
  ...extra,
});

test('the regulator and the brand owner recall; nobody else, whatever its role', () => {
  expect(assertMayRecall(charter, { mspId: 'RegulatorMSP', role: 'regulator' }, '09506000134352')).toBe('regulator');
  expect(assertMayRecall(charter, { mspId: 'ManufacturerMSP', role: 'manufacturer' }, '09506000134352')).toBe('brandOwner');
  for (const actor of [
    { mspId: 'PlatformMSP', role: 'platform' },
    { mspId: 'PlatformMSP', role: 'regulator' },
    { mspId: 'ManufacturerMSP', role: 'regulator' },
    { mspId: 'PlatformMSP', role: 'manufacturer' },
  ] as const) {
    expect(() => assertMayRecall(charter, actor, '09506000134352')).toThrow(TraceError);
  }
  expect(() => assertMayRecall(charter, { mspId: 'ManufacturerMSP', role: 'manufacturer' }, '06901234000016')).toThrow(/RECALL_NOT_AUTHORISED: .*its brand owner is PlatformMSP/);
  expect(() => assertMayRecall(charter, { mspId: 'ManufacturerMSP', role: 'manufacturer' }, '04000000000006')).toThrow(/no member holds its company prefix/);
});

test('a request selects items by GTIN, lot or serials, in canonical Digital Links', () => {
  const request = parseRecallRequest(JSON.stringify({ gtin: '9506000134352', lot: 'L/1', reason: ' bad ', severity: 'class_ii' }));
  expect(request).toMatchObject({ gtin: '09506000134352', lot: 'L/1', reason: 'bad' });
  expect(recallSelector(request)).toEqual({ prefixes: ['https://id.gs1.org/01/09506000134352/10/L%2F1/'], items: [] });
  expect(recallSelector({ gtin: '09506000134352' })).toEqual({ prefixes: ['https://id.gs1.org/01/09506000134352/'], items: [] });
  expect(recallSelector(parseItemSelector(JSON.stringify({ gtin: '09506000134352', serials: ['B', 'A', 'B'] })))).toEqual({
    prefixes: [],
    items: ['https://id.gs1.org/01/09506000134352/21/A', 'https://id.gs1.org/01/09506000134352/21/B'],
  });
  expect(() => parseRecallRequest(JSON.stringify({ gtin: '09506000134352', reason: 'x', severity: 'class_i', lot: 'A', serials: ['1'] }))).toThrow(/INVALID_RECALL/);
  expect(() => parseItemSelector(JSON.stringify({ gtin: '09506000134353' }))).toThrow(/INVALID_QUERY: gtin/);
});

test('forward is what was made from an item (recalled) and what it was packed in (a carrier), never backward', () => {
  const made = summary({ inputEPCList: ['in'], outputEPCList: ['out'] });
  expect(forwardLinks('in', made).map(({ link, effect }) => [link.to, effect])).toEqual([['out', 'recalls']]);
  expect(forwardLinks('out', made)).toEqual([]);
  const packed = summary({ parentID: 'pallet', childEPCs: ['a', 'b'] }, { type: 'AggregationEvent', action: 'ADD' });
  expect(forwardLinks('a', packed).map(({ link, effect }) => [link.to, effect])).toEqual([['pallet', 'carries']]);
  expect(forwardLinks('pallet', packed)).toEqual([]);
  expect(forwardLinks('a', { ...packed, action: 'DELETE' })).toEqual([]);
});

test('sales are retail_selling events, before or after the recall', () => {
  const sold = summary({ epcList: ['a'] }, { type: 'ObjectEvent', bizStep: 'retail_selling', recordedBy: 'PlatformMSP' });
  const shipped = summary({ epcList: ['a'] }, { type: 'ObjectEvent', bizStep: 'shipping' });
  expect(salesOf('a', [shipped, sold], '2026-05-01T09:00:00.000Z')).toEqual([{ epc: 'a', eventId: 'e1', platform: 'PlatformMSP', eventTime: '2026-05-01T08:00:00.000Z', bizLocation: undefined, afterRecall: false }]);
  expect(salesOf('a', [sold], '2026-05-01T07:00:00.000Z')[0].afterRecall).toBe(true);
});

describe('recallScope', () => {
  // A small ledger: ingredient in -> made into a and b; a packed on a case, the case on a pallet; c beside a.
  const events: EventSummary[] = [
    summary({ inputEPCList: ['in'], outputEPCList: ['a', 'b'] }, { id: 'made' }),
    summary({ parentID: 'case', childEPCs: ['a', 'c'] }, { id: 'casePacked', type: 'AggregationEvent', action: 'ADD' }),
    summary({ parentID: 'pallet', childEPCs: ['case'] }, { id: 'palletPacked', type: 'AggregationEvent', action: 'ADD' }),
    summary({ inputEPCList: ['pallet'], outputEPCList: ['x'] }, { id: 'palletMade' }),
  ];
  async function* about(epc: string): AsyncGenerator<EventSummary> {
    for (const event of events) if (objectsOf(event).includes(epc)) yield event;
  }

  test('forward through making (recalled) and packing (carriers, to their own containers), never to what shares a carrier', async () => {
    const scope = await recallScope(['in'], about);
    expect(scope).toEqual({
      items: [{ epc: 'in' }, { epc: 'a', via: { from: 'in', eventId: 'made', relation: 'made_into' } }, { epc: 'b', via: { from: 'in', eventId: 'made', relation: 'made_into' } }],
      carriers: [
        { epc: 'case', held: ['a'] },
        { epc: 'pallet', held: ['case'] },
      ],
      truncated: false,
    });
  });

  test('each bound cuts the scope and says so', async () => {
    const limits = { maxItems: 1_000, maxCarriers: 1_000, maxEvents: 1_000 };
    expect(await recallScope(['in'], about, { ...limits, maxItems: 2 })).toMatchObject({ items: [{ epc: 'in' }, { epc: 'a' }], truncated: true });
    expect(await recallScope(['in'], about, { ...limits, maxCarriers: 1 })).toMatchObject({ carriers: [{ epc: 'case' }], truncated: true });
    expect(await recallScope(['in'], about, { ...limits, maxEvents: 1 })).toMatchObject({ truncated: true });
    expect((await recallScope(['a', 'b', 'c'], about, { ...limits, maxItems: 2 })).items.map((i) => i.epc)).toEqual(['a', 'b']);
  });
});

test("the public channel's notice tells consumers the product, the items, the class and why; not carriers, sales or platforms", () => {
  const record: RecallRecord = {
    id: 'tx1',
    gtin: '09506000134352',
    lot: 'L1',
    reason: 'Salmonella',
    severity: 'class_i',
    issuedBy: 'ManufacturerMSP',
    issuedAs: 'brandOwner',
    issuedAt: '2026-05-01T08:00:00.000Z',
    regulator: 'RegulatorMSP',
    items: [{ epc: 'a' }, { epc: 'b', via: { from: 'a', eventId: 'e', relation: 'made_into' } }],
    carriers: [{ epc: 'pallet', held: ['a'] }],
    truncated: false,
  };
  const notice = publicRecallNotice(record);
  expect(notice).toEqual({
    recallId: 'tx1',
    gtin: '09506000134352',
    lot: 'L1',
    serials: undefined,
    items: ['a', 'b'],
    severity: 'class_i',
    severityMeaning: expect.stringMatching(/serious adverse health consequences or death/),
    reason: 'Salmonella',
    issuedBy: 'ManufacturerMSP',
    issuedAt: '2026-05-01T08:00:00.000Z',
    complete: true,
  });
  expect(JSON.stringify(notice)).not.toMatch(/pallet|"e"|RegulatorMSP/);
});
