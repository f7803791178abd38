import { parseEpcisEvent } from './validate';
import {
  aggregationEvent,
  associationEvent,
  objectEvent,
  SGTIN,
  transactionEvent,
  transformationEvent,
  without,
  type RawEvent,
} from './test-events';
import { pathsAndCodes, refusal } from './validate-test-support';

const refused = (event: unknown) => pathsAndCodes(() => parseEpcisEvent(event));

describe('valid events of each type are accepted as written', () => {
  test.each([objectEvent(), aggregationEvent(), transactionEvent(), transformationEvent(), associationEvent()])('$type', (event) => {
    expect(parseEpcisEvent(event)).toEqual(event);
  });
});

describe('members every event needs', () => {
  const makers = [objectEvent, aggregationEvent, transactionEvent, transformationEvent, associationEvent];

  test.each(makers.map((make) => [make().type, make]))('%s needs eventTime and eventTimeZoneOffset', (_type, make) => {
    expect(refused(without(make(), 'eventTime', 'eventTimeZoneOffset'))).toEqual([
      { path: 'eventTime', code: 'required' },
      { path: 'eventTimeZoneOffset', code: 'required' },
    ]);
  });

  test.each([objectEvent, aggregationEvent, transactionEvent, associationEvent].map((make) => [make().type, make]))('%s needs an action', (_type, make) => {
    expect(refused(without(make(), 'action'))).toContainEqual({ path: 'action', code: 'required' });
  });

  test('a type is required and must be one of the five', () => {
    expect(refused(without(objectEvent(), 'type'))).toEqual([{ path: 'type', code: 'required' }]);
    expect(refused(objectEvent({ type: 'QuantityEvent' }))).toEqual([{ path: 'type', code: 'unknown_type' }]);
  });

  test('an event is a JSON object', () => {
    expect(refused([objectEvent()])).toEqual([{ path: '', code: 'invalid_type' }]);
    expect(refused('ObjectEvent')).toEqual([{ path: '', code: 'invalid_type' }]);
  });
});

describe('action', () => {
  test('is ADD, OBSERVE or DELETE', () => {
    expect(refused(objectEvent({ action: 'UPDATE' }))).toEqual([{ path: 'action', code: 'invalid_action' }]);
    expect(refused(objectEvent({ action: 'add' }))).toEqual([{ path: 'action', code: 'invalid_action' }]);
  });

  test('a TransformationEvent has none', () => {
    expect(refused(transformationEvent({ action: 'ADD' }))).toEqual([{ path: 'action', code: 'unknown_field' }]);
  });
});

describe('ObjectEvent names its objects', () => {
  test('by epcList or quantityList', () => {
    expect(refused(without(objectEvent(), 'epcList'))).toEqual([{ path: 'epcList', code: 'required' }]);
    expect(refused(objectEvent({ epcList: [] }))).toEqual([{ path: 'epcList', code: 'required' }]);
    expect(parseEpcisEvent(without(objectEvent({ quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.LOT1' }] }), 'epcList'))).toBeDefined();
  });

  const reading = { sensorElementList: [{ sensorReport: [{ type: 'Temperature', value: 4.5, uom: 'CEL' }] }] };

  test('except an OBSERVE event reporting sensor data', () => {
    expect(parseEpcisEvent(without(objectEvent(reading), 'epcList'))).toBeDefined();
    expect(refused(without(objectEvent({ ...reading, action: 'ADD' }), 'epcList'))).toEqual([{ path: 'epcList', code: 'required' }]);
  });
});

describe.each([aggregationEvent, associationEvent].map((make) => [make().type, make]))('%s parent', (_type, make) => {
  test.each(['ADD', 'DELETE'])('is required for %s', (action) => {
    expect(refused(without(make({ action }), 'parentID'))).toEqual([{ path: 'parentID', code: 'required' }]);
  });

  test('may be omitted for OBSERVE', () => {
    expect(parseEpcisEvent(without(make({ action: 'OBSERVE' }), 'parentID'))).toBeDefined();
  });
});

test('TransactionEvent needs a business transaction', () => {
  expect(refused(without(transactionEvent(), 'bizTransactionList'))).toEqual([{ path: 'bizTransactionList', code: 'required' }]);
  expect(refused(transactionEvent({ bizTransactionList: [] }))).toEqual([{ path: 'bizTransactionList', code: 'required' }]);
});

describe('TransformationEvent inputs and outputs', () => {
  test('both are required without a transformationID', () => {
    expect(refused(without(transformationEvent(), 'outputEPCList'))).toEqual([{ path: 'outputEPCList', code: 'required' }]);
    expect(refused(without(transformationEvent(), 'inputQuantityList'))).toEqual([{ path: 'inputEPCList', code: 'required' }]);
  });

  test('one side suffices with a transformationID', () => {
    const id = { transformationID: 'urn:uuid:0b7f8bd6-2ac7-4e4c-9a19-0de5c1f0a8d2' };
    expect(parseEpcisEvent(without(transformationEvent(id), 'outputEPCList'))).toBeDefined();
    expect(refused(without(transformationEvent(id), 'outputEPCList', 'inputQuantityList'))).toEqual([{ path: 'inputEPCList', code: 'required' }]);
  });
});

describe('nested structures', () => {
  test('an error declaration needs its declarationTime', () => {
    expect(refused(objectEvent({ errorDeclaration: { reason: 'incorrect_data' } }))).toEqual([
      { path: 'errorDeclaration.declarationTime', code: 'required' },
    ]);
  });

  test('a source or destination needs its type', () => {
    expect(refused(objectEvent({ sourceList: [{ source: 'urn:epc:id:pgln:4012345.00000' }] }))).toEqual([{ path: 'sourceList[0].type', code: 'required' }]);
  });

  test('a place needs its id', () => {
    expect(refused(objectEvent({ bizLocation: {} }))).toEqual([{ path: 'bizLocation.id', code: 'required' }]);
  });

  test('a sensor element needs at least one report', () => {
    expect(refused(objectEvent({ sensorElementList: [{}] }))).toEqual([{ path: 'sensorElementList[0].sensorReport', code: 'required' }]);
    expect(refused(objectEvent({ sensorElementList: [{ sensorReport: [] }] }))).toEqual([{ path: 'sensorElementList[0].sensorReport', code: 'required' }]);
  });

  test('a unit needs a quantity', () => {
    const quantityList = [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.LOT1', uom: 'KGM' }];
    expect(refused(objectEvent({ quantityList }))).toEqual([{ path: 'quantityList[0].quantity', code: 'required' }]);
  });

  test('a persistent disposition sets or unsets something', () => {
    expect(refused(objectEvent({ persistentDisposition: {} }))).toEqual([{ path: 'persistentDisposition.set', code: 'required' }]);
  });
});

describe('value types', () => {
  test.each<[RawEvent, string]>([
    [{ epcList: SGTIN }, 'epcList'],
    [{ quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.LOT1', quantity: '10' }] }, 'quantityList[0].quantity'],
    [{ readPoint: 'urn:epc:id:sgln:4012345.00011.987' }, 'readPoint'],
    [{ bizStep: 7 }, 'bizStep'],
    [{ sensorElementList: [{ sensorReport: [{ booleanValue: 'yes' }] }] }, 'sensorElementList[0].sensorReport[0].booleanValue'],
    [{ eventTime: null }, 'eventTime'],
  ])('%j is refused at %s', (members, path) => {
    expect(refused(objectEvent(members))).toEqual([{ path, code: 'invalid_type' }]);
  });

  test('a unit is a UN/ECE Recommendation 20 code and hex binary is pairs of hex digits', () => {
    const report = { type: 'Temperature', value: 4, uom: 'celsius', hexBinaryValue: 'f0f' };
    expect(refused(objectEvent({ sensorElementList: [{ sensorReport: [report] }] }))).toEqual([
      { path: 'sensorElementList[0].sensorReport[0].hexBinaryValue', code: 'invalid_value' },
      { path: 'sensorElementList[0].sensorReport[0].uom', code: 'invalid_value' },
    ]);
  });

  test('certificationInfo is a URI or a list of URIs, and a refusal names the real fault', () => {
    expect(parseEpcisEvent(objectEvent({ certificationInfo: ['https://cert.example/1', 'https://cert.example/2'] }))).toBeDefined();
    const [item] = refusal(() => parseEpcisEvent(objectEvent({ certificationInfo: ['https://cert.example/1', { id: 'https://cert.example/2' }] })));
    expect(item).toEqual({ path: 'certificationInfo[1]', code: 'invalid_type', message: 'certificationInfo[1]: must be a string, not an object' });
    const [uri] = refusal(() => parseEpcisEvent(objectEvent({ certificationInfo: 'certificate 7' })));
    expect(uri).toEqual({ path: 'certificationInfo', code: 'invalid_uri', message: "certificationInfo: 'certificate 7' is not an absolute URI" });
    const [neither] = refusal(() => parseEpcisEvent(objectEvent({ certificationInfo: 7 })));
    expect(neither).toEqual({ path: 'certificationInfo', code: 'invalid_type', message: 'certificationInfo: number 7 is not of an allowed type here' });
  });

  test('URIs are absolute', () => {
    expect(refused(objectEvent({ eventID: 'event-1', epcList: ['item 1'] }))).toEqual([
      { path: 'eventID', code: 'invalid_uri' },
      { path: 'epcList[0]', code: 'invalid_uri' },
    ]);
  });
});

describe('members outside the standard', () => {
  test('namespaced extensions are kept at every level', () => {
    const event = objectEvent({
      'example:myField': { 'example:nested': [1, 'two'] },
      readPoint: { id: 'urn:epc:id:sgln:4012345.00011.987', 'example:dock': '7' },
      ilmd: { 'cbvmda:lotNumber': 'LOT1' },
      errorDeclaration: { declarationTime: '2024-05-02T08:00:00Z', 'example:issuer': 'QA' },
      'https://example.com/epcis/flag': true,
    });
    expect(parseEpcisEvent(event)).toEqual(event);
  });

  test('un-prefixed unknown members are refused where they stand', () => {
    expect(refused(objectEvent({ myField: 1, readPoint: { id: 'urn:epc:id:sgln:4012345.00011.987', dock: '7' }, ilmd: { lotNumber: 'LOT1' } }))).toEqual([
      { path: 'readPoint.dock', code: 'unknown_field' },
      { path: 'ilmd.lotNumber', code: 'unknown_field' },
      { path: 'myField', code: 'unknown_field' },
    ]);
  });

  test('members of another event type are unknown here', () => {
    expect(refused(objectEvent({ childEPCs: [] }))).toEqual([{ path: 'childEPCs', code: 'unknown_field' }]);
  });
});

test('every problem of an event is reported at once, with a message naming the place', () => {
  const issues = refusal(() => parseEpcisEvent(objectEvent({ action: 'KEEP', bizStep: 'shiping', eventTime: '2024-05-01' })));
  expect(issues.map((issue) => issue.path)).toEqual(['eventTime', 'bizStep', 'action']);
  expect(issues[1]?.message).toMatch(/^bizStep: 'shiping' is not a CBV 2\.0 business step/);
});
