import { EpcisValidationError } from './issues';
import { parseEpcisDocument } from './validate';
import { aggregationEvent, epcisDocument, objectEvent, transformationEvent, without } from './test-events';
import { pathsAndCodes, refusal } from './validate-test-support';

const refused = (json: unknown) => pathsAndCodes(() => parseEpcisDocument(json));

describe('an EPCISDocument', () => {
  test('gives its context and its events as written', () => {
    const events = [objectEvent(), aggregationEvent(), transformationEvent()];
    const document = epcisDocument(events);
    expect(parseEpcisDocument(document)).toEqual({ context: document['@context'], events });
  });

  test('problems are reported with the event position, for every event at once', () => {
    const document = epcisDocument([objectEvent(), objectEvent({ action: 'MOVE' }), objectEvent({ bizStep: 'shiping' })]);
    expect(refused(document)).toEqual([
      { path: 'epcisBody.eventList[1].action', code: 'invalid_action' },
      { path: 'epcisBody.eventList[2].bizStep', code: 'unknown_vocabulary' },
    ]);
  });

  test('the message says what and where', () => {
    const [issue] = refusal(() => parseEpcisDocument(epcisDocument([objectEvent(), objectEvent(), objectEvent({ bizStep: 'shiping' })])));
    expect(issue?.message).toBe("epcisBody.eventList[2].bizStep: 'shiping' is not a CBV 2.0 business step; a value of one's own must be an absolute URI");
  });

  test('needs its context, schema version and creation date', () => {
    expect(refused(without(epcisDocument([objectEvent()]), '@context', 'schemaVersion', 'creationDate'))).toEqual([
      { path: '@context', code: 'required' },
      { path: 'schemaVersion', code: 'required' },
      { path: 'creationDate', code: 'required' },
    ]);
  });

  test('is EPCIS 2.0', () => {
    expect(refused(epcisDocument([objectEvent()], { schemaVersion: '1.2' }))).toEqual([{ path: 'schemaVersion', code: 'invalid_value' }]);
    expect(refused(epcisDocument([objectEvent()], { creationDate: '2024-05-01' }))).toEqual([{ path: 'creationDate', code: 'invalid_time' }]);
  });

  test('carries at least one event in a list', () => {
    expect(refused(epcisDocument([]))).toEqual([{ path: 'epcisBody.eventList', code: 'required' }]);
    expect(refused(epcisDocument([], { epcisBody: { eventList: objectEvent() } }))).toEqual([{ path: 'epcisBody.eventList', code: 'invalid_type' }]);
    expect(refused(epcisDocument([], { epcisBody: {} }))).toEqual([{ path: 'epcisBody.eventList', code: 'required' }]);
    expect(refused(epcisDocument([], { epcisBody: { eventList: [42] } }))).toEqual([{ path: 'epcisBody.eventList[0]', code: 'invalid_type' }]);
  });

  test('has namespaced extensions only', () => {
    expect(parseEpcisDocument(epcisDocument([objectEvent()], { 'example:batch': 'B-7', sender: 'urn:epc:id:sgln:4012345.00001.0' })).events).toHaveLength(1);
    expect(refused(epcisDocument([objectEvent()], { batch: 'B-7' }))).toEqual([{ path: 'batch', code: 'unknown_field' }]);
  });
});

describe('a bare event', () => {
  test('is captured alone, with its own context', () => {
    const event = { '@context': 'https://ref.gs1.org/standards/epcis/epcis-context.jsonld', ...objectEvent() };
    expect(parseEpcisDocument(event)).toEqual({ context: event['@context'], events: [event] });
  });

  test('needs a context, and is checked as any event', () => {
    expect(refused(objectEvent({ action: 'MOVE' }))).toEqual([
      { path: '@context', code: 'required' },
      { path: 'action', code: 'invalid_action' },
    ]);
  });
});

describe('anything else', () => {
  test.each([
    [[], ''],
    ['{"type":"EPCISDocument"}', ''],
    [null, ''],
  ])('%j is not a document', (json, path) => {
    expect(refused(json)).toEqual([{ path, code: 'invalid_type' }]);
  });

  test('an unknown or missing type is named', () => {
    expect(refused({ type: 'EPCISQueryDocument' })).toEqual([{ path: 'type', code: 'unknown_type' }]);
    expect(refused({ epcisBody: { eventList: [] } })).toEqual([{ path: 'type', code: 'required' }]);
  });

  test('the refusal is a typed error carrying its issues', () => {
    try {
      parseEpcisDocument({ type: 'EPCISQueryDocument' });
      throw new Error('accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(EpcisValidationError);
      expect(err).toBeInstanceOf(Error);
      expect((err as EpcisValidationError).name).toBe('EpcisValidationError');
      expect((err as EpcisValidationError).message).toContain('type: "EPCISQueryDocument" is neither EPCISDocument nor an EPCIS 2.0 event type');
    }
  });
});
