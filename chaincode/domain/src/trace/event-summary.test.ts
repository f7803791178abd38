import { objectsOf, summariseEvent, utcSortable } from './event-summary';

const inspection = {
  type: 'ObjectEvent',
  eventTime: '2026-03-04T10:00:30.5+08:00',
  eventTimeZoneOffset: '+08:00',
  action: 'OBSERVE',
  bizStep: 'inspecting',
  disposition: 'non_conformant',
  readPoint: { id: 'https://id.gs1.org/414/4012345000115' },
  epcList: ['https://id.gs1.org/01/04012345000009/21/1', 'https://id.gs1.org/01/04012345000009/21/2'],
  quantityList: [{ epcClass: 'https://id.gs1.org/01/04012345000016/10/L7' }],
};

test('the summary keeps who, what, when, where and the verdict of an inspection, in UTC for sorting', () => {
  const summary = summariseEvent('ni:///sha-256;ab?ver=CBV2.0', inspection, 'CustomsMSP', 'customsQc');
  expect(summary).toMatchObject({
    eventTimeUtc: '2026-03-04T02:00:30.500Z',
    bizStep: 'inspecting',
    verdict: 'non_conformant',
    readPoint: 'https://id.gs1.org/414/4012345000115',
    recordedBy: 'CustomsMSP',
    level: 'customsQc',
    what: { epcList: inspection.epcList, epcClasses: ['https://id.gs1.org/01/04012345000016/10/L7'] },
  });
  expect(summary.bizLocation).toBeUndefined();
});

test('only inspection steps carry a verdict; objects gather every instance identifier once', () => {
  const packing = summariseEvent('id', {
    type: 'AggregationEvent',
    eventTime: '2026-03-04T10:00:00Z',
    eventTimeZoneOffset: '+00:00',
    bizStep: 'packing',
    disposition: 'in_progress',
    parentID: 'https://id.gs1.org/00/340123450000000003',
    childEPCs: ['https://id.gs1.org/01/04012345000009/21/1', 'https://id.gs1.org/01/04012345000009/21/1'],
  }, 'LogisticsMSP', 'transport');
  expect(packing.verdict).toBeUndefined();
  expect(objectsOf(packing)).toEqual(['https://id.gs1.org/00/340123450000000003', 'https://id.gs1.org/01/04012345000009/21/1']);
});

test('utcSortable refuses what is not a date-time', () => {
  expect(() => utcSortable('yesterday')).toThrow('not a date-time: yesterday');
});
