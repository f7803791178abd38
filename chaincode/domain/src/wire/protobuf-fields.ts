// Protobuf fields written straight into one buffer: the bytes google-protobuf's generated writers produce (fields in
// number order; empty strings and bytes, false and 0 left out; a set submessage written even when empty), without
// its writer, which turns every string into UTF-8 in script a character at a time. Measure first (the *Size
// functions), then write with FieldWriter. Its string writer differs from google-protobuf's only on unpaired
// surrogates: a caller sends text holding any surrogate through google-protobuf instead. Field numbers are below 16.

const VARINT = 0;
const DELIMITED = 2;

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Whether FieldWriter writes this text as google-protobuf would: text holding no surrogate (half of a pair, or a lone
 * one). A caller sends anything else through google-protobuf.
 */
export function writesAlike(text: unknown): text is string {
  return typeof text === 'string' && !SURROGATE.test(text);
}

/** A length-delimited field's size with its tag and length (field numbers below 16: every tag is one byte). */
export function messageSize(contentSize: number): number {
  return 1 + varintSize(contentSize) + contentSize;
}

export function repeatedSize<T>(items: readonly T[], size: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += messageSize(size(item));
  return total;
}

export function stringSize(s: string): number {
  return s.length === 0 ? 0 : messageSize(Buffer.byteLength(s, 'utf8'));
}

export function bytesSize(bytes: Uint8Array): number {
  return bytes.length === 0 ? 0 : messageSize(bytes.length);
}

export function boolSize(b: boolean): number {
  return b ? 2 : 0;
}

export function uint64Size(n: number): number {
  return n === 0 ? 0 : 1 + varintSize(n);
}

export function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    size++;
  }
  return size;
}

/** Writes fields into a buffer of the size measured beforehand, failing if a measure was wrong. */
export class FieldWriter {
  /** Its own memory, not a view into Node's shared pool: what serializeBinary() answers is a Uint8Array of its own. */
  readonly #bytes: Uint8Array;
  readonly #buf: Buffer;
  #pos = 0;

  constructor(size: number) {
    this.#bytes = new Uint8Array(size);
    this.#buf = Buffer.from(this.#bytes.buffer, 0, size);
  }

  message(field: number, contentSize: number, writeContent: () => void): void {
    this.#tag(field, DELIMITED);
    this.#varint(contentSize);
    const end = this.#pos + contentSize;
    writeContent();
    if (this.#pos !== end) throw new Error(`protobuf encoding: field ${field} measured ${contentSize} bytes, wrote ${contentSize + this.#pos - end}`);
  }

  string(field: number, s: string): void {
    if (s.length === 0) return;
    this.#tag(field, DELIMITED);
    this.#varint(Buffer.byteLength(s, 'utf8'));
    this.#pos += this.#buf.write(s, this.#pos, 'utf8');
  }

  bytes(field: number, bytes: Uint8Array): void {
    if (bytes.length > 0) this.serialized(field, bytes);
  }

  /** A submessage already serialised: written even when empty, as a set submessage is. */
  serialized(field: number, message: Uint8Array): void {
    this.#tag(field, DELIMITED);
    this.#varint(message.length);
    this.#buf.set(message, this.#pos);
    this.#pos += message.length;
  }

  bool(field: number, b: boolean): void {
    if (!b) return;
    this.#tag(field, VARINT);
    this.#buf[this.#pos++] = 1;
  }

  uint64(field: number, n: number): void {
    if (n === 0) return;
    this.#tag(field, VARINT);
    this.#varint(n);
  }

  finish(): Uint8Array {
    if (this.#pos !== this.#buf.length) throw new Error(`protobuf encoding: measured ${this.#buf.length} bytes, wrote ${this.#pos}`);
    return this.#bytes;
  }

  #tag(field: number, wireType: number): void {
    this.#buf[this.#pos++] = (field << 3) | wireType;
  }

  #varint(n: number): void {
    while (n >= 0x80) {
      this.#buf[this.#pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.#buf[this.#pos++] = n;
  }
}
