import { createHash, hash } from 'node:crypto';

/**
 * Orders strings by their UTF-8 bytes, which is Go's string order and LevelDB's key order. JavaScript's own
 * `<` compares UTF-16 code units and puts U+10000.. before U+E000..U+FFFF; comparing code points agrees with
 * UTF-8 byte order. Fabric sorts rwset keys this way, and endorsers must produce identical bytes.
 */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Only when a surrogate meets a non-surrogate does code-unit order differ from code-point order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    // A surrogate starts a code point above U+FFFF, greater than any BMP character.
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** The entries of a map sorted by key in UTF-8 order (Fabric's util.GetValuesBySortedKeys). */
export function sortedEntries<V>(map: ReadonlyMap<string, V>): [string, V][] {
  const keys = [...map.keys()];
  // Without surrogates, code-unit order is UTF-8 order, and the engine's own sort of strings (no comparator to
  // call back) is much faster.
  if (keys.some((key) => SURROGATE.test(key))) keys.sort(compareUtf8);
  else keys.sort();
  return keys.map((key) => [key, map.get(key) as V]);
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Hashes every key a block writes, often several times; crypto.hash does it in one native call, without the Hash
 * object createHash builds (Node.js 20.12 and later; the engines field allows earlier 20.x).
 */
export const sha256: (data: Uint8Array | string) => Buffer =
  typeof hash === 'function' ? (data) => hash('sha256', data, 'buffer') : (data) => createHash('sha256').update(data).digest();
