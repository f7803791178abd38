import { BinaryReader, type BinaryDecoder } from 'google-protobuf';
import { strictUtf8 } from './strict-utf8';

/**
 * Makes google-protobuf refuse a length-delimited field whose declared length runs past the end of the message
 * that holds it, as Go's protobuf does.
 *
 * Its decoder walks a claimed length byte by byte even beyond the end of the input: a 7-byte request whose string
 * field declares 2^31-1 bytes costs 17 s of CPU, one declaring 2^32-1 several minutes, and a submessage of 2^31
 * bytes or more never returns. Every message the devnet receives (gRPC requests, chaincode stream messages, and the
 * envelopes, proposals, headers and rwsets decoded from bytes inside them) goes through the generated classes and
 * so through BinaryReader and BinaryDecoder. The check therefore sits there, not in any message: every read that
 * takes a length (strings, bytes, submessages, packed repeated fields, skipped unknown fields, field decoders,
 * and the decoder's own readString, readStringWithLength, readBytes and advance) first compares it with what
 * remains before the end of the enclosing message and throws a MalformedProtobufError when it runs past. The work
 * of any decode is then bounded by the size of its input. Installed once, on import.
 *
 * The library is closure-compiled and its own code calls its methods by minified names (skipField calls
 * skipDelimitedField as `gb`, readStringWithLength calls readString as `fa`), so each method is replaced under
 * every name that holds it. A google-protobuf whose reader no longer has these methods fails here, on import,
 * rather than decoding unbounded.
 */

/** What a decode throws when a length runs past the message that holds it. */
export class MalformedProtobufError extends Error {
  constructor(detail: string) {
    super(`malformed protobuf: ${detail}`);
    this.name = 'MalformedProtobufError';
  }
}

type Method = (this: unknown, ...args: unknown[]) => unknown;
type Prototype = Record<string, unknown>;

const WIRE_DELIMITED = 2;
/** A varint is at most 10 bytes (Go's protowire refuses longer ones as overflow). */
const MAX_VARINT_BYTES = 10;

/**
 * The property of a BinaryReader that holds its BinaryDecoder. Both are minified, and the module exports no
 * BinaryDecoder at runtime (its typings do), so the decoder is found on a reader.
 */
const decoderKey = findDecoderKey();

/** Reader methods that read a length prefix and then that many bytes, by what they read (for the error). */
const DELIMITED_READS: Record<string, string> = {
  readMessage: 'embedded message',
  readString: 'string',
  readBytes: 'bytes',
  skipDelimitedField: 'skipped',
  getFieldDecoder: 'length-delimited',
};

const readerPrototype = BinaryReader.prototype as unknown as Prototype;
for (const [name, kind] of Object.entries(DELIMITED_READS)) {
  replace(readerPrototype, name, (original) => boundedRead(kind, original));
}
const packedReads = Object.getOwnPropertyNames(readerPrototype).filter((name) => name.startsWith('readPacked'));
if (packedReads.length === 0) throw new Error('google-protobuf: BinaryReader has no readPacked* methods to bound');
for (const name of packedReads) replace(readerPrototype, name, boundedPackedRead);

const decoderPrototype = Object.getPrototypeOf(decoderOf(new BinaryReader(new Uint8Array(0)))) as Prototype;
// readString(length) also serves readStringWithLength, which calls it by its minified name.
replace(decoderPrototype, 'readString', boundedDecoderString);
for (const name of ['readBytes', 'advance']) replace(decoderPrototype, name, boundedDecoderRead);

/** Replaces prototype[name], and every other name the library calls the same function by, with make(original). */
function replace(prototype: Prototype, name: string, make: (original: Method) => Method): void {
  const original = prototype[name];
  if (typeof original !== 'function') throw new Error(`google-protobuf: no ${name} to bound`);
  const replacement = make(original as Method);
  for (const key of Object.getOwnPropertyNames(prototype)) {
    if (prototype[key] === original) prototype[key] = replacement;
  }
}

// The wrappers pass on a fixed number of arguments rather than spreading a rest array (every string, bytes and
// submessage of every decode goes through one): the reader's delimited reads take at most two (readMessage's
// message and reader), the decoder's one (the length); none of them looks at `arguments`.

function boundedRead(kind: string, read: Method): Method {
  return function boundedDelimitedRead(this: unknown, a?: unknown, b?: unknown) {
    // Any other wire type is refused by the original, as before.
    if ((this as BinaryReader).getWireType() === WIRE_DELIMITED) checkedLength(this as BinaryReader, kind);
    return read.call(this, a, b);
  };
}

/** A packed field also has to end where its length says: its last element may not run into the next field. */
function boundedPackedRead(read: Method): Method {
  return function boundedPacked(this: unknown, ...args: unknown[]) {
    const reader = this as BinaryReader;
    if (reader.getWireType() !== WIRE_DELIMITED) return read.apply(this, args);
    const end = checkedLength(reader, 'packed');
    const values = read.apply(this, args);
    if (reader.getCursor() !== end) {
      throw new MalformedProtobufError(`the last element of packed field ${reader.getFieldNumber()} runs past its declared length`);
    }
    return values;
  };
}

function boundedDecoderRead(read: Method): Method {
  return function boundedDecoderLength(this: unknown, length: unknown) {
    checkAvailable(this as BinaryDecoder, length);
    return read.call(this, length);
  };
}

/**
 * The decoder's readString, bounded like the other reads. Valid UTF-8 (every string a well-formed message holds)
 * is decoded natively, to what the library's own byte-by-byte decoder yields for it; anything else is left to
 * that decoder, which has its own way with invalid sequences.
 */
function boundedDecoderString(read: Method): Method {
  return function boundedDecoderLength(this: unknown, length: unknown) {
    const decoder = this as BinaryDecoder;
    checkAvailable(decoder, length);
    if (typeof length !== 'number') return read.call(this, length);
    const start = decoder.getCursor();
    const text = strictUtf8(decoder.getBuffer(), start, length);
    if (text === undefined) return read.call(this, length);
    decoder.setCursor(start + length);
    return text;
  };
}

function checkAvailable(decoder: BinaryDecoder, length: unknown): void {
  const available = decoder.getEnd() - decoder.getCursor();
  if (typeof length === 'number' && (length < 0 || length > available)) {
    throw new MalformedProtobufError(`${length} bytes declared, ${Math.max(available, 0)} remain`);
  }
}

/**
 * Reads, without consuming, the length prefix at the reader's cursor; throws unless that many bytes remain before
 * the end of the enclosing message. Returns where the field's content ends.
 */
function checkedLength(reader: BinaryReader, kind: string): number {
  const decoder = decoderOf(reader);
  const buffer = decoder.getBuffer();
  const end = Math.min(decoder.getEnd(), buffer.length);
  let length = 0;
  let at = decoder.getCursor();
  for (let count = 0; ; count++) {
    if (count === MAX_VARINT_BYTES) throw new MalformedProtobufError(`the length of ${kind} field ${reader.getFieldNumber()} is a varint of more than 10 bytes`);
    if (at >= end) throw new MalformedProtobufError(`the length of ${kind} field ${reader.getFieldNumber()} is truncated`);
    const byte = buffer[at++];
    length += (byte & 0x7f) * 2 ** (7 * count);
    if ((byte & 0x80) === 0) break;
  }
  const available = end - at;
  if (length > available) {
    throw new MalformedProtobufError(`${kind} field ${reader.getFieldNumber()} declares ${length} bytes, ${available} remain`);
  }
  return at + length;
}

function decoderOf(reader: BinaryReader): BinaryDecoder {
  return (reader as unknown as Record<string, BinaryDecoder>)[decoderKey];
}

function findDecoderKey(): string {
  const reader = new BinaryReader(new Uint8Array(0)) as unknown as Record<string, unknown>;
  const key = Object.keys(reader).find((name) => isDecoder(reader[name]));
  if (key === undefined) throw new Error('google-protobuf: cannot find the decoder of BinaryReader to bound its reads');
  return key;
}

function isDecoder(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return ['getEnd', 'getCursor', 'getBuffer', 'readStringWithLength'].every((name) => typeof candidate[name] === 'function');
}
