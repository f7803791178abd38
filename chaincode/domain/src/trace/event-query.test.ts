import { indexFor, matchesQuery, parseEventQuery } from './event-query';

test('a query picks the most selective index and converts its time range to UTC', () => {
  const query = parseEventQuery('{"bizStep":"shipping","matchEpc":"https://id.gs1.org/01/09506000134352/21/A","fromTime":"2026-03-04T10:00:00+08:00"}');
  expect(indexFor(query)).toEqual({ index: 'epc', values: ['https://id.gs1.org/01/09506000134352/21/A'] });
  expect(query).toMatchObject({ pageSize: 20, bookmark: '', fromUtc: '2026-03-04T02:00:00.000Z' });
  expect(indexFor(parseEventQuery('{}'))).toEqual({ index: 'type', values: ['ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent'] });
  expect(indexFor(parseEventQuery('{"eventType":["TransactionEvent","ObjectEvent"]}'))).toEqual({ index: 'type', values: ['TransactionEvent', 'ObjectEvent'] });
  expect(indexFor(parseEventQuery('{"eventType":"ObjectEvent","bizStep":"x"}'))).toEqual({ index: 'bizStep', values: ['x'] });
});

test('bad queries say what is wrong', () => {
  expect(() => parseEventQuery('{"pageSize":1000}')).toThrow(/^INVALID_QUERY: pageSize: /);
  expect(() => parseEventQuery('{"eventType":"Sale"}')).toThrow(/^INVALID_QUERY: eventType: /);
  expect(() => parseEventQuery('{"fromTime":"soon"}')).toThrow('INVALID_QUERY: not a date-time: soon');
  expect(() => parseEventQuery('{"colour":"red"}')).toThrow(/^INVALID_QUERY: \(root\): /);
});

test('every dimension filters what the index found; a list matches any of its values', () => {
  const X = 'https://x.example/x';
  const query = parseEventQuery(JSON.stringify({ matchEpc: X, bizStep: 'shipping', eventType: 'ObjectEvent' }));
  const base = { id: 'e', eventTime: '', eventTimeZoneOffset: '', eventTimeUtc: '', what: { epcList: [X] }, recordedBy: 'M', level: 'production' as const };
  expect(matchesQuery({ ...base, type: 'ObjectEvent', bizStep: 'shipping' }, query)).toBe(true);
  expect(matchesQuery({ ...base, type: 'ObjectEvent', bizStep: 'receiving' }, query)).toBe(false);
  expect(matchesQuery({ ...base, type: 'AggregationEvent', bizStep: 'shipping' }, query)).toBe(false);
  const listed = parseEventQuery(JSON.stringify({ bizStep: ['shipping', 'urn:epcglobal:cbv:bizstep:receiving'], disposition: ['in_transit'] }));
  expect(indexFor(listed)).toEqual({ index: 'type', values: ['ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent'] });
  // Two spellings of one EPC are one value: its own index serves the query.
  const twoSpellings = parseEventQuery(JSON.stringify({ matchEpc: ['urn:epc:id:sgtin:9506000.013435.A', 'https://id.gs1.org/01/09506000134352/21/A'] }));
  expect(indexFor(twoSpellings)).toEqual({ index: 'epc', values: ['https://id.gs1.org/01/09506000134352/21/A'] });
  expect(matchesQuery({ ...base, type: 'ObjectEvent', bizStep: 'receiving', disposition: 'in_transit' }, listed)).toBe(true);
  expect(matchesQuery({ ...base, type: 'ObjectEvent', bizStep: 'receiving' }, listed)).toBe(false);
  // MATCH_epc is about the event's objects; MATCH_anyEPC names the parent too.
  const parent = { ...base, type: 'AggregationEvent', what: { parentID: X, childEPCs: ['https://x.example/c'] } };
  expect(matchesQuery(parent, parseEventQuery(JSON.stringify({ matchEpc: X })))).toBe(false);
  expect(matchesQuery(parent, parseEventQuery(JSON.stringify({ matchAnyEpc: [X, 'https://x.example/y'] })))).toBe(true);
  expect(() => parseEventQuery(JSON.stringify({ bizStep: Array.from({ length: 51 }, () => 'shipping') }))).toThrow(/^INVALID_QUERY: bizStep: /);
});

test('identifiers and steps are read in every form capture takes', () => {
  const link = 'https://id.gs1.org/01/09506000134352/21/A';
  for (const epc of [link, 'urn:epc:id:sgtin:9506000.013435.A', 'https://example.com/gtin/9506000134352/ser/A?x=1']) {
    expect(parseEventQuery(JSON.stringify({ matchEpc: epc })).matchEpc).toEqual([link]);
  }
  expect(parseEventQuery('{"bizLocation":"urn:epc:id:sgln:9506000.00011.0"}').bizLocation).toEqual(['https://id.gs1.org/414/9506000000114']);
  for (const step of ['shipping', 'urn:epcglobal:cbv:bizstep:shipping', 'https://ref.gs1.org/cbv/BizStep-shipping', 'cbv:BizStep-shipping']) {
    expect(parseEventQuery(JSON.stringify({ bizStep: step })).bizStep).toEqual(['shipping']);
  }
  expect(parseEventQuery('{"bizStep":"https://example.com/steps/own"}').bizStep).toEqual(['https://example.com/steps/own']);
  expect(() => parseEventQuery('{"matchEpc":"https://id.gs1.org/01/09506000134353/21/A"}')).toThrow(/^INVALID_QUERY: matchEpc: .*check digit/);
  expect(() => parseEventQuery(JSON.stringify({ matchEpc: `https://x.example/${'a'.repeat(3000)}` }))).toThrow(/^INVALID_QUERY: matchEpc: an identifier may have at most 2048/);
});
