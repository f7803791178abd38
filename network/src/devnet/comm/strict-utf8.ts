// ignoreBOM keeps a leading U+FEFF in the text, as google-protobuf's decoder does; fatal refuses invalid UTF-8.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of bytes[start, start + length) when those bytes are valid UTF-8; undefined when they are not. */
export function strictUtf8(bytes: Uint8Array, start: number, length: number): string | undefined {
  try {
    return decoder.decode(bytes.subarray(start, start + length));
  } catch {
    return undefined;
  }
}
