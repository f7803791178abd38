import { BinaryReader, BinaryWriter } from 'google-protobuf';
import './bounded-decoding';
import { strictUtf8 } from './strict-utf8';

/** google-protobuf as it comes, without the bounded reads this process installed. */
let Pristine: typeof BinaryReader;
jest.isolateModules(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a second, unpatched copy of the library
  Pristine = (require('google-protobuf') as { BinaryReader: typeof BinaryReader }).BinaryReader;
});

/** Field 1 holding `content` as a string, then field 2 holding the varint 7. */
function message(content: Uint8Array): Uint8Array {
  const writer = new BinaryWriter();
  writer.writeBytes(1, content);
  writer.writeUint32(2, 7);
  return writer.getResultBuffer();
}

/**
 * The string field 1 holds, and what the reader finds after it, as the given library decodes them; or the error
 * (a truncated sequence at the end of the string runs the library's decoder into the next field).
 */
function decoded(Reader: typeof BinaryReader, bytes: Uint8Array): [string, number, number] | string {
  const reader = new Reader(bytes);
  reader.nextField();
  const text = reader.readString();
  try {
    reader.nextField();
  } catch (err) {
    return `${text} then ${String(err)}`;
  }
  return [text, reader.getFieldNumber(), reader.getCursor()];
}

/** Deterministic pseudo-random bytes, biased towards the bytes that start and continue UTF-8 sequences. */
function randomBytes(seed: number, length: number): Uint8Array {
  const pick = [0x41, 0x00, 0x7f, 0x80, 0xbf, 0xc2, 0xc0, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xbb, 0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0, 0x90];
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    bytes[i] = state % 3 === 0 ? state % 256 : pick[state % pick.length];
  }
  return bytes;
}

describe('strings decode as google-protobuf decodes them', () => {
  const texts = ['', 'key', '\u0000ns\u0000key\u0000', 'é', '\u20ac', '\u{1f600}x', '\ufeffBOM kept', '\uffff', 'a'.repeat(10_000) + '\u{10ffff}'];

  test('the library compared with is a copy of its own', () => {
    expect(Pristine).not.toBe(BinaryReader);
  });

  test.each(texts)('valid UTF-8: %j', (text) => {
    const bytes = message(Buffer.from(text, 'utf8'));
    expect(decoded(BinaryReader, bytes)).toEqual(decoded(Pristine, bytes));
    // After field 2's tag: only its one-byte value remains.
    expect(decoded(BinaryReader, bytes)).toEqual([text, 2, bytes.length - 1]);
  });

  test('invalid UTF-8 (overlong, surrogates, truncated, stray continuations) decodes as the library always did', () => {
    const samples = [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x80], [0xf5, 0x80, 0x80, 0x80], [0x41, 0xff], [0xf0, 0x9f, 0x98]];
    for (let seed = 1; seed < 400; seed++) samples.push([...randomBytes(seed, 1 + (seed % 23))]);
    for (const sample of samples) {
      const bytes = message(Uint8Array.from(sample));
      expect(decoded(BinaryReader, bytes)).toEqual(decoded(Pristine, bytes));
    }
  });

  test('strictUtf8 answers only for valid UTF-8, and reads only the range given', () => {
    const bytes = Uint8Array.from([0xff, 0x61, 0xc3, 0xa9, 0xff]);
    expect(strictUtf8(bytes, 1, 3)).toBe('aé');
    expect(strictUtf8(bytes, 0, 2)).toBeUndefined();
    expect(strictUtf8(bytes, 1, 2)).toBeUndefined();
  });
});
