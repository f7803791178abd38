import { normalizeEvent } from './normalize';
import type { EpcisEvent, ObjectEvent } from './types';
import { parseEpcisEvent } from './validate';
import { aggregationEvent, BAD_CHECK_DIGIT, objectEvent, type RawEvent } from './test-events';
import { pathsAndCodes, refusal } from './validate-test-support';

const refused = (event: unknown) => pathsAndCodes(() => parseEpcisEvent(event));
const accepted = (event: RawEvent) => expect(parseEpcisEvent(event)).toEqual(event);
const sensorReport = (report: RawEvent) => ({ sensorElementList: [{ sensorReport: [{ value: 4, uom: 'CEL', ...report }] }] });

describe('times', () => {
  test.each([
    '2024-05-01T08:30:00Z',
    '2024-05-01T08:30:00.1+08:00',
    '2005-04-03T20:33:31.116000-06:00',
    '2024-02-29T23:59:59.999-14:00',
  ])('%s is an event time', (eventTime) => accepted(objectEvent({ eventTime })));

  test.each([
    ['2024-05-01T08:30:00', 'no zone'],
    ['2024-05-01', 'no time'],
    ['2024-05-01 08:30:00Z', 'a space for T'],
    ['2023-02-29T08:30:00Z', 'no leap day in 2023'],
    ['2024-13-01T08:30:00Z', 'month 13'],
    ['2024-05-01T24:30:00Z', 'hour 24'],
    ['2024-05-01T08:30:00+15:00', 'zone beyond +14:00'],
    ['1714523400000', 'epoch milliseconds'],
    ['12024-05-01T08:30:00Z', 'a five-digit year'],
  ])('%s is refused (%s)', (eventTime) => {
    expect(refused(objectEvent({ eventTime }))).toEqual([{ path: 'eventTime', code: 'invalid_time' }]);
  });

  test.each(['+8:00', '08:00', '+0800', 'Z', '+14:30', '+05:60'])('offset %s is refused', (eventTimeZoneOffset) => {
    expect(refused(objectEvent({ eventTimeZoneOffset }))).toEqual([{ path: 'eventTimeZoneOffset', code: 'invalid_time' }]);
  });

  test('record, declaration and sensor times are checked where they stand', () => {
    const event = objectEvent({
      recordTime: 'yesterday',
      errorDeclaration: { declarationTime: '2024-05-01T08:30Z' },
      sensorElementList: [{ sensorMetadata: { startTime: '2024-05-01T08:30:00' }, sensorReport: [{ type: 'Temperature', time: '2024-05-32T00:00:00Z' }] }],
    });
    expect(refused(event)).toEqual([
      { path: 'recordTime', code: 'invalid_time' },
      { path: 'errorDeclaration.declarationTime', code: 'invalid_time' },
      { path: 'sensorElementList[0].sensorMetadata.startTime', code: 'invalid_time' },
      { path: 'sensorElementList[0].sensorReport[0].time', code: 'invalid_time' },
    ]);
  });
});

describe('CBV 2.0 vocabulary', () => {
  test.each([
    'shipping',
    'urn:epcglobal:cbv:bizstep:shipping',
    'https://ref.gs1.org/cbv/BizStep-shipping',
    'cbv:BizStep-shipping',
    'https://example.com/bizStep/inspecting',
    'example:summarising_discharge',
  ])('bizStep %s is accepted', (bizStep) => accepted(objectEvent({ bizStep })));

  test.each([
    ['shiping', 'a misspelt word'],
    ['Shipping', 'a word in the wrong case'],
    ['urn:epcglobal:cbv:bizstep:shiping', 'an unknown word in the CBV URN namespace'],
    ['https://ref.gs1.org/cbv/BizStep-in_transit', 'a disposition spelt as a business step'],
    ['cbv:BizStep-', 'an empty word'],
  ])('bizStep %s is refused (%s)', (bizStep) => {
    expect(refused(objectEvent({ bizStep }))).toEqual([{ path: 'bizStep', code: 'unknown_vocabulary' }]);
  });

  test('dispositions, including persistent ones', () => {
    accepted(objectEvent({ disposition: 'urn:epcglobal:cbv:disp:in_transit', persistentDisposition: { set: ['https://ref.gs1.org/cbv/Disp-completeness_verified'] } }));
    expect(refused(objectEvent({ disposition: 'moving', persistentDisposition: { set: ['completeness_verified'], unset: ['complete'] } }))).toEqual([
      { path: 'disposition', code: 'unknown_vocabulary' },
      { path: 'persistentDisposition.unset[0]', code: 'unknown_vocabulary' },
    ]);
  });

  test('business transaction, source and destination types, error reasons', () => {
    accepted(
      objectEvent({
        bizTransactionList: [{ type: 'urn:epcglobal:cbv:btt:desadv', bizTransaction: 'https://example.com/desadv/1' }, { bizTransaction: 'https://example.com/po/1' }],
        sourceList: [{ type: 'https://ref.gs1.org/cbv/SDT-owning_party', source: 'urn:epc:id:pgln:4012345.00000' }],
        destinationList: [{ type: 'cbv:my_own_party', destination: 'https://example.com/party/9' }],
        errorDeclaration: { declarationTime: '2024-05-02T08:00:00Z', reason: 'did_not_occur' },
      }),
    );
    const event = objectEvent({
      bizTransactionList: [{ type: 'purchase_order', bizTransaction: 'https://example.com/po/1' }],
      sourceList: [{ type: 'owner', source: 'urn:epc:id:pgln:4012345.00000' }],
      destinationList: [{ type: 'SDT-location', destination: 'urn:epc:id:sgln:4012345.00011.0' }],
      errorDeclaration: { declarationTime: '2024-05-02T08:00:00Z', reason: 'typo' },
    });
    expect(refused(event)).toEqual([
      { path: 'errorDeclaration.reason', code: 'unknown_vocabulary' },
      { path: 'bizTransactionList[0].type', code: 'unknown_vocabulary' },
      { path: 'sourceList[0].type', code: 'unknown_vocabulary' },
      { path: 'destinationList[0].type', code: 'unknown_vocabulary' },
    ]);
  });

  test('sensor measurement types, alert types and components', () => {
    accepted(objectEvent(sensorReport({ type: 'gs1:Temperature', exception: 'gs1:ALARM_CONDITION', component: 'cbv:Comp-latitude' })));
    accepted(objectEvent(sensorReport({ type: 'https://gs1.org/voc/RelativeHumidity', component: 'easting' })));
    accepted(objectEvent(sensorReport({ type: 'example:ethyleneLevel' })));
    accepted(objectEvent(sensorReport({})));
    expect(refused(objectEvent(sensorReport({ type: 'Temprature', exception: 'ALARM', component: 'lattitude' })))).toEqual([
      { path: 'sensorElementList[0].sensorReport[0].type', code: 'unknown_vocabulary' },
      { path: 'sensorElementList[0].sensorReport[0].exception', code: 'unknown_vocabulary' },
      { path: 'sensorElementList[0].sensorReport[0].component', code: 'unknown_vocabulary' },
    ]);
    expect(refused(objectEvent(sensorReport({ type: 'gs1:Temprature' })))).toEqual([{ path: 'sensorElementList[0].sensorReport[0].type', code: 'unknown_vocabulary' }]);
  });
});

describe('GS1 identifiers', () => {
  test('a wrong check digit is named as such, wherever the identifier stands', () => {
    const event = objectEvent({
      epcList: ['urn:epc:id:sgtin:4012345.012345.12', BAD_CHECK_DIGIT],
      quantityList: [{ epcClass: 'https://id.gs1.org/01/04012345123457/10/LOT1', quantity: 1 }],
      readPoint: { id: 'https://id.gs1.org/414/4012345000116' },
      destinationList: [{ type: 'location', destination: 'https://id.gs1.org/414/4012345000116' }],
    });
    expect(refused(event)).toEqual([
      { path: 'readPoint.id', code: 'bad_check_digit' },
      { path: 'destinationList[0].destination', code: 'bad_check_digit' },
      { path: 'epcList[1]', code: 'bad_check_digit' },
      { path: 'quantityList[0].epcClass', code: 'bad_check_digit' },
    ]);
  });

  test('a malformed GS1 identifier is invalid', () => {
    expect(refused(aggregationEvent({ parentID: 'urn:epc:id:sscc:4012345.123' }))).toEqual([{ path: 'parentID', code: 'invalid_identifier' }]);
    expect(refused(objectEvent({ epcList: ['urn:epc:id:sgtin:4012345.12345.12'] }))).toEqual([{ path: 'epcList[0]', code: 'invalid_identifier' }]);
  });

  test('the message names the identifier and the place', () => {
    const [issue] = refusal(() => parseEpcisEvent(objectEvent({ epcList: [BAD_CHECK_DIGIT] })));
    expect(issue?.message).toContain('epcList[0]');
    expect(issue?.message).toContain(BAD_CHECK_DIGIT);
  });

  test('identifiers outside GS1 are any absolute URI', () => {
    accepted(objectEvent({ epcList: ['urn:uuid:5a3c2b0e-8d7f-4c1e-9b6a-1f2e3d4c5b6a', 'https://example.com/item/1', 'urn:epc:id:gid:95100000.12345.400'] }));
  });
});

describe('identifier length', () => {
  /** The EPC that kept a peer busy for many seconds: 144 KB of a Digital Link path. */
  const HUGE = `https://x.example/${'01/'.repeat(48_000)}`;

  test('a 144 KB identifier is refused as too long, before it is parsed, wherever it stands', () => {
    const issues = refusal(() =>
      parseEpcisEvent(objectEvent({ epcList: [HUGE], readPoint: { id: HUGE }, quantityList: [{ epcClass: HUGE, quantity: 1 }] })),
    );
    expect(issues.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'readPoint.id', code: 'too_long' },
      { path: 'epcList[0]', code: 'too_long' },
      { path: 'quantityList[0].epcClass', code: 'too_long' },
    ]);
    expect(issues[0]?.message).toBe(`readPoint.id: an identifier may have at most 2048 characters; this one has ${HUGE.length} ('https://x.example/01/01/01/01/01/01/01/0…')`);
  });

  test('normalising refuses it too, and an identifier of the longest allowed length is read as usual', () => {
    expect(pathsAndCodes(() => normalizeEvent(objectEvent({ epcList: [HUGE] }) as unknown as EpcisEvent))).toEqual([{ path: 'epcList[0]', code: 'too_long' }]);
    const longest = `https://example.com/${'p'.repeat(2048 - 'https://example.com//01/04012345123456'.length)}/01/04012345123456`;
    expect(longest).toHaveLength(2048);
    accepted(objectEvent({ epcList: [longest] }));
    expect((normalizeEvent(objectEvent({ epcList: [longest] }) as unknown as EpcisEvent) as ObjectEvent).epcList).toEqual(['https://id.gs1.org/01/04012345123456']);
  });
});
