import { CAPTURE_LIMITS } from './capture-limits';
import { parseEpcisJson } from './json';
import { epcisDocument, objectEvent, SGTIN } from './test-events';
import { parseEpcisDocument } from './validate';
import { pathsAndCodes } from './validate-test-support';

const events = (count: number) => Array.from({ length: count }, () => objectEvent());

describe('capture limits', () => {
  test('a document of exactly maxEvents events is accepted; one more is refused, naming the list', () => {
    expect(parseEpcisDocument(epcisDocument(events(CAPTURE_LIMITS.maxEvents))).events).toHaveLength(CAPTURE_LIMITS.maxEvents);
    expect(pathsAndCodes(() => parseEpcisDocument(epcisDocument(events(CAPTURE_LIMITS.maxEvents + 1))))).toEqual([{ path: 'epcisBody.eventList', code: 'too_large' }]);
  });

  test('any list of an event, extensions included, is bounded by maxListLength', () => {
    const full = Array.from({ length: CAPTURE_LIMITS.maxListLength }, () => SGTIN);
    expect(parseEpcisDocument(epcisDocument([objectEvent({ epcList: full })])).events).toHaveLength(1);
    const quantities = Array.from({ length: CAPTURE_LIMITS.maxListLength + 1 }, () => ({ epcClass: 'urn:epc:class:lgtin:4012345.012345.LOT1', quantity: 1 }));
    const extension = { 'ex:readings': [Array.from({ length: CAPTURE_LIMITS.maxListLength + 1 }, (_, i) => i)] };
    expect(pathsAndCodes(() => parseEpcisDocument(epcisDocument([objectEvent({ quantityList: quantities }), objectEvent(extension)])))).toEqual([
      { path: 'epcisBody.eventList[0].quantityList', code: 'too_large' },
      { path: 'epcisBody.eventList[1].ex:readings[0]', code: 'too_large' },
    ]);
  });

  test('a document beyond maxDocumentBytes is refused before it is decoded, as text or as bytes', () => {
    const padding = ' '.repeat(CAPTURE_LIMITS.maxDocumentBytes);
    const text = `{"type":"EPCISDocument"}${padding}`;
    expect(pathsAndCodes(() => parseEpcisJson(text))).toEqual([{ path: '', code: 'too_large' }]);
    expect(pathsAndCodes(() => parseEpcisJson(Buffer.from(text, 'utf8')))).toEqual([{ path: '', code: 'too_large' }]);
    // The bound is on bytes: 'é' is two of them.
    const accented = `{"n":"${'é'.repeat(CAPTURE_LIMITS.maxDocumentBytes / 2)}"}`;
    expect(pathsAndCodes(() => parseEpcisJson(accented))).toEqual([{ path: '', code: 'too_large' }]);
    expect(parseEpcisJson(`{"n":"${'é'.repeat(CAPTURE_LIMITS.maxDocumentBytes / 2 - 8)}"}`)).toEqual({ n: 'é'.repeat(CAPTURE_LIMITS.maxDocumentBytes / 2 - 8) });
  });

  test('nesting beyond maxDepth is refused; brackets and escaped quotes inside strings do not count', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(parseEpcisJson(nested(CAPTURE_LIMITS.maxDepth))).toBeInstanceOf(Array);
    expect(pathsAndCodes(() => parseEpcisJson(nested(CAPTURE_LIMITS.maxDepth + 1)))).toEqual([{ path: '', code: 'too_large' }]);
    expect(pathsAndCodes(() => parseEpcisJson(nested(100_000)))).toEqual([{ path: '', code: 'too_large' }]);
    const inString = JSON.stringify({ note: `\\"${'['.repeat(1000)}` });
    expect(parseEpcisJson(inString)).toEqual({ note: `\\"${'['.repeat(1000)}` });
  });
});
