import { BinaryReader } from 'google-protobuf';

/**
 * Makes google-protobuf refuse an embedded message whose declared length runs past the bytes it was given.
 *
 * Its reader walks a claimed length byte by byte even beyond the end of the input, so a few bytes declaring a
 * 1 GiB submessage cost seconds of CPU, and a length of 2^31 or more never returns. Every message the devnet
 * receives (envelopes, proposals, seek infos, rwsets inside them) is decoded with google-protobuf through the
 * generated classes, which all read submessages with BinaryReader.readMessage; checking there bounds the work of
 * any decode by the size of its input. Installed once, on import.
 */
const readMessage = BinaryReader.prototype.readMessage;

BinaryReader.prototype.readMessage = function boundedReadMessage(this: BinaryReader, message: unknown, read: (msg: unknown, reader: BinaryReader) => void) {
  const buffer = this.getBuffer();
  const { length, next } = peekVarint(buffer, this.getCursor());
  const available = buffer.length - next;
  if (length > available) {
    throw new Error(`malformed protobuf: an embedded message declares ${length} bytes, ${available} remain`);
  }
  return readMessage.call(this, message, read);
};

/** The length prefix at cursor (up to 5 bytes, as a 32-bit length), and where the message content starts. */
function peekVarint(buffer: Uint8Array, cursor: number): { length: number; next: number } {
  let length = 0;
  for (let shift = 0, at = cursor; shift < 35; shift += 7, at++) {
    if (at >= buffer.length) throw new Error('malformed protobuf: truncated length of an embedded message');
    const byte = buffer[at];
    length += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return { length, next: at + 1 };
  }
  throw new Error('malformed protobuf: the length of an embedded message is not a 32-bit varint');
}
