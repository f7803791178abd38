import { createHash } from 'node:crypto';
import { sha256, sortedEntries } from './ordering';

const utf8Order = (keys: string[]) => [...keys].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));

test('sortedEntries orders keys by their UTF-8 bytes, with and without characters above U+FFFF', () => {
  const plain = ['b', 'a\u0000z', 'a', '\u0000event\u0000x', 'é', '\uffff', 'ab'];
  expect(sortedEntries(new Map(plain.map((k) => [k, k]))).map(([k]) => k)).toEqual(utf8Order(plain));
  const astral = [...plain, '\u{10000}', '\u{1f600}a', '\uffffz'];
  expect(sortedEntries(new Map(astral.map((k) => [k, k]))).map(([k]) => k)).toEqual(utf8Order(astral));
});

test('sha256 gives the digest of the UTF-8 bytes of a string, or of the bytes given', () => {
  const text = 'key\u0000é\u{1f600}\ud800';
  expect(sha256(text)).toEqual(createHash('sha256').update(Buffer.from(text, 'utf8')).digest());
  const bytes = Uint8Array.of(0, 1, 2, 255);
  expect(sha256(bytes)).toEqual(createHash('sha256').update(bytes).digest());
  expect(Buffer.isBuffer(sha256(''))).toBe(true);
});
