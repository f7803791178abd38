/**
 * The consumer's check that one step of a screened record belongs to the record's published tree head: the
 * RFC 9162 (Certificate Transparency 2.0) 2.1.3.2 inclusion proof verification, run in the browser.
 *
 * Why this algorithm exists twice: the gateway and chaincode build and check proofs with
 * chaincode/domain/src/public/merkle.ts, which hashes with node:crypto. The browser has neither node:crypto
 * nor a bundler here (the desk is served as plain ES modules), so it cannot import the domain package; it
 * verifies with WebCrypto's crypto.subtle.digest alone, which is asynchronous. The two copies are held to
 * the same published vectors (chaincode/domain/test-vectors/rfc9162-merkle/vectors.json) and to each other
 * over every leaf of trees of 1 to 70 leaves (test/web/merkle-proof.test.ts). See merkle.ts for why RFC 9162
 * rather than the copy-the-odd-hash rule.
 */

/** A leaf's audit path: lowercase hex SHA-256 digests, from the leaf's sibling up to the root's child. */
export interface InclusionProofInput {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly path: readonly string[];
}

const DIGEST_BYTES = 32;
const DIGEST_HEX = /^[0-9a-f]{64}$/;

/** SHA-256(prefix || parts...), with the prefix byte 0x00 for a leaf and 0x01 for an inner node. */
async function prefixedSha256(prefix: number, ...parts: readonly Uint8Array[]): Promise<Uint8Array> {
  const input = new Uint8Array(1 + parts.reduce((length, part) => length + part.length, 0));
  input[0] = prefix;
  let offset = 1;
  for (const part of parts) {
    input.set(part, offset);
    offset += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', input));
}

function digestBytes(hex: unknown): Uint8Array | undefined {
  if (typeof hex !== 'string' || !DIGEST_HEX.test(hex)) return undefined;
  const bytes = new Uint8Array(DIGEST_BYTES);
  for (let i = 0; i < DIGEST_BYTES; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/**
 * Whether a leaf hash (SHA-256(0x00 || leaf)) is proven in the tree with the given root, by RFC 9162 2.1.3.2.
 * Resolves false, never rejects, for anything malformed: a leaf hash that is not 32 bytes, an index or size
 * that is not a safe non-negative integer, leafIndex >= treeSize, a path element or root that is not 64
 * lowercase hex digits, or a path of the wrong length for the index and size.
 */
export async function verifyInclusionProofOfLeafHash(hash: Uint8Array, proof: InclusionProofInput, rootHex: string): Promise<boolean> {
  try {
    return await proven(hash, proof, rootHex);
  } catch {
    // WebCrypto can be missing (an insecure origin has no crypto.subtle): nothing is proven then.
    return false;
  }
}

/** Whether a leaf (one step's bytes) is proven in the tree with the given root; false, never a rejection, for bad input. */
export async function verifyInclusionProof(leaf: Uint8Array, proof: InclusionProofInput, rootHex: string): Promise<boolean> {
  if (!(leaf instanceof Uint8Array)) return false;
  try {
    return await proven(await prefixedSha256(0x00, leaf), proof, rootHex);
  } catch {
    return false;
  }
}

/** RFC 9162 2.1.3.2, step by step, after checking the input's shape. */
async function proven(hash: Uint8Array, proof: InclusionProofInput, rootHex: string): Promise<boolean> {
  if (!(hash instanceof Uint8Array) || hash.length !== DIGEST_BYTES) return false;
  if (typeof proof !== 'object' || proof === null) return false;
  const { leafIndex, treeSize, path } = proof;
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || !Array.isArray(path)) return false;
  const root = digestBytes(rootHex);
  if (root === undefined) return false;
  const elements: Uint8Array[] = [];
  for (const hex of path as readonly unknown[]) {
    const element = digestBytes(hex);
    if (element === undefined) return false;
    elements.push(element);
  }

  // 1. leaf_index >= tree_size fails.
  if (leafIndex >= treeSize) return false;
  // 2. fn = leaf_index, sn = tree_size - 1; 3. r = hash. (Halving by division: the values may exceed 32 bits.)
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = hash;
  // 4. For each p in inclusion_path:
  for (const p of elements) {
    // a. sn = 0 with path left over fails.
    if (sn === 0) return false;
    // b. If LSB(fn) is set or fn = sn, p is the left child; else it is the right child.
    if (fn % 2 === 1 || fn === sn) {
      r = await prefixedSha256(0x01, p, r);
      // ii. If LSB(fn) is not set, shift both right until LSB(fn) is set or fn is 0.
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await prefixedSha256(0x01, r, p);
    }
    // c. Shift both right once.
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 5. Proven when sn = 0 and r = root_hash.
  if (sn !== 0) return false;
  let difference = 0;
  for (let i = 0; i < DIGEST_BYTES; i++) difference |= r[i] ^ root[i];
  return difference === 0;
}
