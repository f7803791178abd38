import { IdentifierError } from '../gs1/identifiers';
import { canonicalTime } from './canonical-values';
import { EventHashError } from './errors';
import { eventHashId } from './event-hash';
import { preHashString } from './pre-hash';

const CONTEXT = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { example: 'https://ns.example.com/epcis/' }];

const shipping = (): Record<string, unknown> => ({
  type: 'ObjectEvent',
  eventTime: '2022-02-16T20:33:31.116-06:00',
  eventTimeZoneOffset: '-06:00',
  epcList: ['urn:epc:id:sgtin:0614141.107346.2018', 'urn:epc:id:sgtin:0614141.107346.2017'],
  action: 'OBSERVE',
  bizStep: 'shipping',
  disposition: 'in_transit',
  readPoint: { id: 'urn:epc:id:sgln:0614141.07346.1234' },
});

const SHIPPING_PRE_HASH =
  'eventType=ObjectEventeventTime=2022-02-17T02:33:31.116ZeventTimeZoneOffset=-06:00' +
  'epcListepc=https://id.gs1.org/01/10614141073464/21/2017epc=https://id.gs1.org/01/10614141073464/21/2018' +
  'action=OBSERVEbizStep=https://ref.gs1.org/cbv/BizStep-shippingdisposition=https://ref.gs1.org/cbv/Disp-in_transit' +
  'readPointid=https://id.gs1.org/414/0614141073467/254/1234';

test('fixed field order, sorted lists, Digital Links and CBV web URIs', () => {
  expect(preHashString(shipping(), CONTEXT)).toBe(SHIPPING_PRE_HASH);
});

test('the same event in another spelling hashes alike', () => {
  const respelled = {
    readPoint: { id: 'https://example.com/414/0614141073467/254/1234' },
    disposition: 'urn:epcglobal:cbv:disp:in_transit',
    bizStep: 'https://ref.gs1.org/cbv/BizStep-shipping',
    action: 'OBSERVE',
    epcList: ['https://id.gs1.org/01/10614141073464/21/2017', 'https://shop.example/01/10614141073464/21/2018?x=1'],
    eventTimeZoneOffset: '-06:00',
    eventTime: '2022-02-17T02:33:31.116000Z',
    eventID: 'urn:uuid:00000000-0000-4000-8000-000000000000',
    recordTime: '2024-01-01T00:00:00Z',
    errorDeclaration: { declarationTime: '2024-01-02T00:00:00Z', reason: 'incorrect_data' },
    type: 'ObjectEvent',
  };
  expect(eventHashId(respelled, CONTEXT)).toBe(eventHashId(shipping(), CONTEXT));
  expect(eventHashId(shipping(), CONTEXT)).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
});

test('any changed value changes the hash', () => {
  expect(eventHashId({ ...shipping(), disposition: 'in_progress' }, CONTEXT)).not.toBe(eventHashId(shipping(), CONTEXT));
});

test('user extensions are expanded to {namespace}name and sorted after the standard fields', () => {
  const event = { ...shipping(), 'example:z': 'last', 'example:a': { 'example:b': ['2', '1'] }, 'rdfs:comment': 'not hashed' };
  expect(preHashString(event, CONTEXT)).toBe(
    `${SHIPPING_PRE_HASH}{https://ns.example.com/epcis/}a{https://ns.example.com/epcis/}b=1{https://ns.example.com/epcis/}b=2{https://ns.example.com/epcis/}z=last`,
  );
});

test('an event document may carry its own @context', () => {
  const event = { ...shipping(), '@context': [{ ex: 'https://ex.example/' }], 'ex:f': 1.50 };
  expect(preHashString(event)).toBe(`${SHIPPING_PRE_HASH}{https://ex.example/}f=1.5`);
});

test('repository ignore-fields leave the hash unchanged', () => {
  const event = { ...shipping(), 'example:captureID': 'c-1' };
  expect(eventHashId(event, CONTEXT, { ignoreFields: ['example:captureID'] })).toBe(eventHashId(shipping(), CONTEXT));
});

test('sensor reports keep their field order and are sorted among themselves', () => {
  const event = {
    ...shipping(),
    sensorElementList: [
      {
        sensorMetadata: { time: '2022-02-16T14:05:00+01:00', deviceID: 'urn:epc:id:giai:4000001.111' },
        sensorReport: [
          { uom: 'CEL', value: 26.0, type: 'Temperature' },
          { type: 'gs1:Angle', component: 'latitude', value: 42.5, uom: 'DD' },
        ],
      },
    ],
  };
  expect(preHashString(event, CONTEXT)).toBe(
    `${SHIPPING_PRE_HASH}sensorElementListsensorElementsensorMetadatatime=2022-02-16T13:05:00.000ZdeviceID=https://id.gs1.org/8004/4000001111` +
      'sensorReporttype=https://gs1.org/voc/Anglevalue=42.5component=https://ref.gs1.org/cbv/Comp-latitudeuom=DD' +
      'sensorReporttype=https://gs1.org/voc/Temperaturevalue=26uom=CEL',
  );
});

test.each([
  ['2020-03-04T11:00:30+01:00', '2020-03-04T10:00:30.000Z'],
  ['2022-02-16T20:33:31.116000-06:00', '2022-02-17T02:33:31.116Z'],
  ['2022-12-31T23:59:59.9996Z', '2023-01-01T00:00:00.000Z'],
  ['2022-01-01T00:00:00.1234+05:30', '2021-12-31T18:30:00.123Z'],
])('time %s is %s', (time, canonical) => {
  expect(canonicalTime(time)).toBe(canonical);
});

test('unusable events are refused with typed errors', () => {
  expect(() => preHashString({ ...shipping(), type: undefined })).toThrow(EventHashError);
  expect(() => preHashString({ ...shipping(), eventTime: '16 Feb 2022' })).toThrow(/not an ISO 8601 date-time/);
  expect(() => preHashString({ ...shipping(), readPoint: 'urn:epc:id:sgln:0614141.07346.1234' })).toThrow(/readPoint must be an object/);
  expect(() => preHashString({ ...shipping(), epcList: ['urn:epc:id:sgtin:0614141.107346'] })).toThrow(IdentifierError);
});

describe('CBV 2.0 rules the pre-hash string once missed', () => {
  test('certificationInfo is hashed right after eventTimeZoneOffset, a list sorted like any other', () => {
    const event = { ...shipping(), certificationInfo: ['https://cert.example/b', 'https://cert.example/a'] };
    expect(preHashString(event, CONTEXT)).toBe(
      SHIPPING_PRE_HASH.replace('eventTimeZoneOffset=-06:00', 'eventTimeZoneOffset=-06:00certificationInfo=https://cert.example/acertificationInfo=https://cert.example/b'),
    );
    expect(eventHashId({ ...shipping(), certificationInfo: 'https://cert.example/a' }, CONTEXT)).not.toBe(eventHashId(shipping(), CONTEXT));
  });

  test('cbvmda, a prefix of the standard EPCIS context, expands without being declared inline', () => {
    const event = { ...shipping(), ilmd: { 'cbvmda:lotNumber': 'L1' } };
    expect(preHashString(event, ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'])).toBe(
      `${SHIPPING_PRE_HASH}ilmd{urn:epcglobal:cbv:mda:}lotNumber=L1`,
    );
  });

  test("a document's @context may bind a standard prefix to another namespace, and then that one expands", () => {
    const event = { ...shipping(), ilmd: { 'cbvmda:lotNumber': 'L1' } };
    expect(preHashString(event, [{ cbvmda: 'https://mda.example/' }])).toBe(`${SHIPPING_PRE_HASH}ilmd{https://mda.example/}lotNumber=L1`);
  });

  test('a compact IRI as the value of an extension field is expanded', () => {
    const event = { ...shipping(), 'example:kind': ' example:pallet ', 'example:unit': 'gs1:KGM' };
    expect(preHashString(event, CONTEXT)).toBe(
      `${SHIPPING_PRE_HASH}{https://ns.example.com/epcis/}kind=https://ns.example.com/epcis/pallet{https://ns.example.com/epcis/}unit=https://gs1.org/voc/KGM`,
    );
  });

  test('bizRules of a sensor report has its place in the report, after dataProcessingMethod', () => {
    const event = {
      ...shipping(),
      sensorElementList: [{ sensorReport: [{ value: 4, type: 'Temperature', bizRules: 'https://rules.example/cold', dataProcessingMethod: 'https://dpm.example/1' }] }],
    };
    expect(preHashString(event, CONTEXT)).toBe(
      `${SHIPPING_PRE_HASH}sensorElementListsensorElementsensorReporttype=https://gs1.org/voc/Temperature` +
        'dataProcessingMethod=https://dpm.example/1bizRules=https://rules.example/coldvalue=4',
    );
  });

  test('a Digital Link is hashed at its finest level of identification: no variant, no lot beside a serial', () => {
    const respelled = {
      ...shipping(),
      epcList: ['https://brand.example/gtin/10614141073464/cpv/B/lot/L7/ser/2017?17=260101', 'https://id.gs1.org/01/10614141073464/10/L7/21/2018'],
    };
    expect(preHashString(respelled, CONTEXT)).toBe(SHIPPING_PRE_HASH);
    const lotOnly = { ...shipping(), epcList: ['https://id.gs1.org/01/10614141073464/22/B/10/L7'] };
    expect(preHashString(lotOnly, CONTEXT)).toContain('epcListepc=https://id.gs1.org/01/10614141073464/10/L7action=');
  });
});
