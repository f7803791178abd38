/**
 * Merkle tree hashing and inclusion proofs for the public channel's screened records, as RFC 9162
 * (Certificate Transparency 2.0) section 2.1 defines them: the steps of a record are the leaves, in order; the
 * record publishes the tree head (MTH); a consumer given one step and its audit path can check that the step
 * belongs to that head without seeing the other steps.
 *
 * Why RFC 9162 and not the rule of the source paper, which builds the tree the Bitcoin way (hash pairs
 * level by level, and where a level has an odd count, pair its last hash with a copy of itself):
 *
 * - Copying the odd hash lets two different leaf lists share a root. [a, b, c] pairs c with itself, so it has
 *   the root of [a, b, c, c]; a record could be shown with a step repeated (or the repeat dropped) under the
 *   same anchored head. This is CVE-2012-2459, which let a Bitcoin block be replaced by an invalid one with
 *   the same Merkle root. RFC 9162 never duplicates anything: a list of n > 1 leaves splits at k, the largest
 *   power of two smaller than n, into D[0:k] and D[k:n], so the tree's shape is fixed by n alone and the root
 *   commits to the exact list.
 * - Leaves and inner nodes are hashed in different domains: SHA-256(0x00 || leaf) for a leaf,
 *   SHA-256(0x01 || left || right) for a node. Without the prefixes, the 64 bytes left || right of an inner
 *   node could be presented as a leaf, and a proof for that forged "leaf" one level up would verify (a second
 *   pre-image of the tree); with them, no leaf hash can equal a node hash short of a SHA-256 collision.
 *
 * The consumer's browser checks proofs with its own copy of verifyInclusion (gateway/web/src/merkle-proof.ts,
 * WebCrypto and no imports); both copies are held to the same published vectors
 * (chaincode/domain/test-vectors/rfc9162-merkle).
 */
import { createHash } from 'node:crypto';

/** RFC 9162 2.1.1: the byte put before a leaf's data, and the one put before two children's hashes. */
const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** SHA-256's output, in bytes; every path element and root has this length. */
const DIGEST_BYTES = 32;
const DIGEST_HEX = /^[0-9a-f]{64}$/;

function sha256(...parts: readonly Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  // A copy: a Buffer may share a pooled ArrayBuffer, and callers compare and keep these bytes.
  return new Uint8Array(hash.digest());
}

/** The hash of one leaf: SHA-256(0x00 || leaf). */
export function leafHash(leaf: Uint8Array): Uint8Array {
  return sha256(LEAF_PREFIX, leaf);
}

/** The hash of an inner node: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE_PREFIX, left, right);
}

/** k for a list of n > 1 leaves: the largest power of two smaller than n. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH of the leaf hashes hashes[start:end], end - start >= 1. */
function subtreeRoot(hashes: readonly Uint8Array[], start: number, end: number): Uint8Array {
  const n = end - start;
  if (n === 1) return hashes[start];
  const k = splitPoint(n);
  return nodeHash(subtreeRoot(hashes, start, start + k), subtreeRoot(hashes, start + k, end));
}

/**
 * The Merkle Tree Hash of a list of leaves (RFC 9162 2.1.1): SHA-256 of nothing for the empty list, the leaf
 * hash for one leaf, and otherwise nodeHash(MTH(D[0:k]), MTH(D[k:n])) with k the largest power of two below n.
 */
export function merkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256();
  return subtreeRoot(leaves.map(leafHash), 0, leaves.length);
}

/** A leaf's audit path in the tree of treeSize leaves: lowercase hex SHA-256 digests, from the leaf's sibling up to the root's child. */
export interface InclusionProof {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly path: readonly string[];
}

/**
 * The inclusion proof of leaves[leafIndex] (RFC 9162 2.1.3.1): PATH(m, D[n]) is PATH(m, D[0:k]) : MTH(D[k:n])
 * when m < k and PATH(m - k, D[k:n]) : MTH(D[0:k]) otherwise, so the path runs from the leaf upwards.
 * Throws RangeError unless 0 <= leafIndex < leaves.length.
 */
export function inclusionProof(leaves: readonly Uint8Array[], leafIndex: number): InclusionProof {
  if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= leaves.length) {
    throw new RangeError(`leaf index ${String(leafIndex)} is not in a tree of ${leaves.length} leaves`);
  }
  const hashes = leaves.map(leafHash);
  const siblings: Uint8Array[] = [];
  // Walk down from the root to the leaf; each level's sibling goes before those found above it.
  let start = 0;
  let end = hashes.length;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (leafIndex < start + k) {
      siblings.push(subtreeRoot(hashes, start + k, end));
      end = start + k;
    } else {
      siblings.push(subtreeRoot(hashes, start, start + k));
      start += k;
    }
  }
  return { leafIndex, treeSize: leaves.length, path: siblings.reverse().map(toHex) };
}

/** Lowercase hex of some bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** The bytes of a lowercase hex SHA-256 digest, or undefined for anything else. */
function digestBytes(hex: unknown): Uint8Array | undefined {
  if (typeof hex !== 'string' || !DIGEST_HEX.test(hex)) return undefined;
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}

/**
 * Whether a leaf hash is proven in the tree with the given root, by exactly the verification algorithm of
 * RFC 9162 2.1.3.2. False, never an exception, for anything malformed: a leaf hash that is not 32 bytes, an
 * index or size that is not a safe non-negative integer, leafIndex >= treeSize, a path element or root that
 * is not 64 lowercase hex digits, or a path of the wrong length for the index and size.
 *
 * The proof fixes the leaf's position (its turns from the root), not the tree size: another size that leaves
 * the leaf where it was (leaf 0 of 3 leaves and of 4 both turn right, right) is accepted too, as in RFC 9162.
 * Take treeSize with the root from the record's anchored tree head, never from whoever sent the proof.
 */
export function verifyInclusionOfLeafHash(hash: Uint8Array, proof: InclusionProof, rootHex: string): boolean {
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
      r = nodeHash(p, r);
      // ii. If LSB(fn) is not set, shift both right until LSB(fn) is set or fn is 0.
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    // c. Shift both right once.
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 5. Proven when sn = 0 and r = root_hash.
  return sn === 0 && sameBytes(r, root);
}

/**
 * Whether a leaf is proven in the tree with the given root (RFC 9162 2.1.3.2 on its leaf hash). False, never
 * an exception, for bad input: see verifyInclusionOfLeafHash.
 */
export function verifyInclusion(leaf: Uint8Array, proof: InclusionProof, rootHex: string): boolean {
  if (!(leaf instanceof Uint8Array)) return false;
  return verifyInclusionOfLeafHash(leafHash(leaf), proof, rootHex);
}
