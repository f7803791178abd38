import { sortedEntries } from './ordering';

const utf8Order = (keys: string[]) => [...keys].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));

test('sortedEntries orders keys by their UTF-8 bytes, with and without characters above U+FFFF', () => {
  const plain = ['b', 'a\u0000z', 'a', '\u0000event\u0000x', 'é', '\uffff', 'ab'];
  expect(sortedEntries(new Map(plain.map((k) => [k, k]))).map(([k]) => k)).toEqual(utf8Order(plain));
  const astral = [...plain, '\u{10000}', '\u{1f600}a', '\uffffz'];
  expect(sortedEntries(new Map(astral.map((k) => [k, k]))).map(([k]) => k)).toEqual(utf8Order(astral));
});
