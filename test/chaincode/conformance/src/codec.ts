// Byte and iterator helpers shared by the conformance contracts. Every transaction answers with a JSON string so
// the suite can compare results field for field, whatever client reads them.
import { createHash } from 'node:crypto';
import type { Iterators } from 'fabric-shim';

export function bytes(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

export function text(value: Uint8Array): string {
  return Buffer.from(value).toString('utf8');
}

/** Fabric answers an absent key with empty bytes; JSON null keeps "absent" distinct from any stored string. */
export function textOrNull(value: Uint8Array | undefined): string | null {
  return value === undefined || value.length === 0 ? null : text(value);
}

/** Arguments are strings on the wire; lists travel as JSON arrays of strings. */
export function parseStringArray(json: string, what: string): string[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
    throw new Error(`${what} must be a JSON array of strings`);
  }
  return parsed;
}

/** Reads an iterator to its end and always closes it, so the peer can release the query context. */
export async function drain<T>(iterator: Iterators.CommonIterator<T>): Promise<T[]> {
  const items: T[] = [];
  try {
    for (let result = await iterator.next(); !result.done; result = await iterator.next()) items.push(result.value);
  } finally {
    await iterator.close();
  }
  return items;
}

export interface KeyValueJson {
  readonly key: string;
  readonly value: string;
}

export function keyValues(kvs: readonly Iterators.KV[]): KeyValueJson[] {
  return kvs.map((kv) => ({ key: kv.key, value: text(kv.value) }));
}

export function sha256Hex(value: Uint8Array): string {
  return createHash('sha256').update(value).digest('hex');
}
