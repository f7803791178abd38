import { EpcisValidationError } from './issues';
import { parseEpcisJson } from './json';
import { pathsAndCodes } from './validate-test-support';

const DOCUMENT = '{"type":"EPCISDocument","schemaVersion":"2.0"}';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('parseEpcisJson', () => {
  test('reads UTF-8 bytes and text', () => {
    expect(parseEpcisJson(Buffer.from(DOCUMENT, 'utf8'))).toEqual({ type: 'EPCISDocument', schemaVersion: '2.0' });
    expect(parseEpcisJson(new TextEncoder().encode(DOCUMENT))).toEqual({ type: 'EPCISDocument', schemaVersion: '2.0' });
    expect(parseEpcisJson(DOCUMENT)).toEqual({ type: 'EPCISDocument', schemaVersion: '2.0' });
  });

  test('a document that starts with a UTF-8 byte-order mark is read, as bytes or as text', () => {
    expect(parseEpcisJson(Buffer.concat([BOM, Buffer.from(DOCUMENT, 'utf8')]))).toEqual({ type: 'EPCISDocument', schemaVersion: '2.0' });
    expect(parseEpcisJson(`\uFEFF${DOCUMENT}`)).toEqual({ type: 'EPCISDocument', schemaVersion: '2.0' });
  });

  test('only one leading mark is dropped; one inside a string value is kept', () => {
    expect(pathsAndCodes(() => parseEpcisJson(Buffer.concat([BOM, BOM, Buffer.from(DOCUMENT, 'utf8')])))).toEqual([{ path: '', code: 'invalid_json' }]);
    expect(parseEpcisJson(Buffer.concat([BOM, Buffer.from('{"note":"\uFEFFx"}', 'utf8')]))).toEqual({ note: '\uFEFFx' });
  });

  test('what is not JSON, or not UTF-8, is refused with invalid_json', () => {
    expect(pathsAndCodes(() => parseEpcisJson(Buffer.from('{"type":', 'utf8')))).toEqual([{ path: '', code: 'invalid_json' }]);
    expect(pathsAndCodes(() => parseEpcisJson(Buffer.from([0x7b, 0xff, 0x7d])))).toEqual([{ path: '', code: 'invalid_json' }]);
    expect(() => parseEpcisJson('')).toThrow(EpcisValidationError);
    expect(() => parseEpcisJson('')).toThrow(/the document is not JSON/);
  });
});
