import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inclusionProof, leafHash, merkleRoot, nodeHash, toHex, verifyInclusion, verifyInclusionOfLeafHash, type InclusionProof } from './merkle';
import * as fromIndex from './index';

/** transparency-dev/merkle's RFC 6962 vectors, converted to hex (see the README beside them). */
interface Vectors {
  readonly source: { readonly repository: string; readonly commit: string };
  readonly hasher: readonly { readonly desc: string; readonly kind: 'empty' | 'leaf' | 'node'; readonly leaf?: string; readonly left?: string; readonly right?: string; readonly hash: string }[];
  readonly leaves: readonly string[];
  readonly nodeHashes: readonly (readonly string[])[];
  readonly roots: readonly { readonly treeSize: number; readonly root: string }[];
  readonly someHash: string;
  readonly inclusion: readonly InclusionProof[];
  readonly probes: readonly {
    readonly file: string;
    readonly desc: string;
    readonly leafIndex: number;
    readonly treeSize: number;
    readonly root: string;
    readonly leafHash: string;
    readonly leaf: string | null;
    readonly path: readonly string[];
    readonly wantErr: boolean;
  }[];
  readonly accumulated: { readonly maxSize: number; readonly subtreeHashes: string; readonly subtreeInclusionProofs: string };
}

const VECTORS: Vectors = JSON.parse(readFileSync(join(__dirname, '..', '..', 'test-vectors', 'rfc9162-merkle', 'vectors.json'), 'utf8')) as Vectors;

const bytes = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const LEAVES = VECTORS.leaves.map(bytes);

/** Leaves of a test tree: distinct, of varied lengths (the empty leaf included). */
const generated = (n: number): Uint8Array[] => Array.from({ length: n }, (_, i) => utf8('step '.repeat(i % 3) + String(i)).subarray(i === 0 ? 6 : 0));

/**
 * The sides of a leaf's path elements, leaf upwards, from the recursive definition of RFC 9162 2.1.3.1 (not
 * from the verifier): 'R' where the sibling is the right child, 'L' where it is the left one.
 */
const turns = (index: number, n: number): string => {
  let sides = '';
  let [start, end] = [0, n];
  while (end - start > 1) {
    let k = 1;
    while (k * 2 < end - start) k *= 2;
    if (index < start + k) {
      sides = `R${sides}`;
      end = start + k;
    } else {
      sides = `L${sides}`;
      start += k;
    }
  }
  return sides;
};

/** A hex digest with one bit flipped in its first byte. */
const flipped = (hex: string): string => (parseInt(hex.slice(0, 2), 16) ^ 0x08).toString(16).padStart(2, '0') + hex.slice(2);

describe('RFC 9162 hashing against the published hasher vectors', () => {
  it.each(VECTORS.hasher.map((v) => [v.desc, v] as const))('%s', (_desc, vector) => {
    const hash =
      vector.kind === 'empty' ? merkleRoot([]) : vector.kind === 'leaf' ? leafHash(bytes(vector.leaf ?? '')) : nodeHash(bytes(vector.left ?? ''), bytes(vector.right ?? ''));
    expect(toHex(hash)).toBe(vector.hash);
  });

  it('hashes every test leaf and every complete subtree to the published node hashes', () => {
    VECTORS.nodeHashes.forEach((level, height) =>
      level.forEach((hash, index) => {
        const width = 2 ** height;
        expect(toHex(merkleRoot(LEAVES.slice(index * width, (index + 1) * width)))).toBe(hash);
      }),
    );
    expect(VECTORS.nodeHashes[0]).toEqual(LEAVES.map((leaf) => toHex(leafHash(leaf))));
  });

  it('matches node:crypto SHA-256 with the 0x00 and 0x01 prefixes and returns plain bytes', () => {
    const a = utf8('a');
    const b = utf8('bc');
    expect(toHex(leafHash(a))).toBe(createHash('sha256').update(Buffer.from([0, 0x61])).digest('hex'));
    expect(toHex(nodeHash(a, b))).toBe(createHash('sha256').update(Buffer.from([1, 0x61, 0x62, 0x63])).digest('hex'));
    expect(leafHash(a)).toBeInstanceOf(Uint8Array);
    expect(leafHash(a)).toHaveLength(32);
  });

  it('writes lowercase hex', () => {
    expect(toHex(Uint8Array.of(0, 0x0f, 0xab, 0xff))).toBe('000fabff');
    expect(toHex(new Uint8Array(0))).toBe('');
  });
});

describe('Merkle Tree Hash (RFC 9162 2.1.1) against the published roots', () => {
  it.each(VECTORS.roots.map((r) => [r.treeSize, r.root] as const))('tree of the first %i test leaves', (treeSize, root) => {
    expect(toHex(merkleRoot(LEAVES.slice(0, treeSize)))).toBe(root);
  });

  it('covers sizes 0 to 8', () => {
    expect(VECTORS.roots.map((r) => r.treeSize)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('inclusion proofs (RFC 9162 2.1.3) against the published proofs', () => {
  it.each(VECTORS.inclusion.map((v) => [v.leafIndex, v.treeSize, v] as const))('leaf %i of %i: the proof is the published path, and it verifies', (leafIndex, treeSize, vector) => {
    const leaves = LEAVES.slice(0, treeSize);
    const proof = inclusionProof(leaves, leafIndex);
    expect(proof).toEqual({ leafIndex, treeSize, path: vector.path });
    const root = VECTORS.roots[treeSize].root;
    expect(verifyInclusion(leaves[leafIndex], vector, root)).toBe(true);
    expect(verifyInclusionOfLeafHash(bytes(VECTORS.nodeHashes[0][leafIndex]), vector, root)).toBe(true);
  });

  const probes = VECTORS.probes.map((p) => [`${p.file}: ${p.desc}`, p] as const);

  it.each(probes)('%s is accepted or refused as published (by leaf hash)', (_name, probe) => {
    const proof: InclusionProof = { leafIndex: probe.leafIndex, treeSize: probe.treeSize, path: probe.path };
    expect(verifyInclusionOfLeafHash(bytes(probe.leafHash), proof, probe.root)).toBe(!probe.wantErr);
  });

  it.each(probes.filter(([, p]) => p.leaf !== null))('%s is accepted or refused as published (by leaf)', (_name, probe) => {
    const proof: InclusionProof = { leafIndex: probe.leafIndex, treeSize: probe.treeSize, path: probe.path };
    expect(verifyInclusion(bytes(probe.leaf ?? ''), proof, probe.root)).toBe(!probe.wantErr);
  });

  it('has the published probes: every negative case of the five proofs and the single-entry and static cases', () => {
    expect(VECTORS.probes).toHaveLength(98);
    expect(VECTORS.probes.filter((p) => !p.wantErr)).toHaveLength(6);
    const descs = new Set(VECTORS.probes.map((p) => p.desc));
    for (const desc of ['leafIdx sub @1', 'leafIdx plus @1', 'leafIdx XOR @2', 'treeSize mul @2', 'treeSize div @2', 'wrong leaf', 'empty root', 'random root', 'trailing garbage', 'trailing root', 'preceding garbage', 'preceding root', 'modified proof[0] bit @3', 'removed component', 'inserted component', 'random leaf', 'empty leaf']) {
      expect(descs).toContain(desc);
    }
  });

  it('refuses each published happy path with the leaf changed', () => {
    for (const probe of VECTORS.probes.filter((p) => !p.wantErr && p.leaf !== null)) {
      const proof = { leafIndex: probe.leafIndex, treeSize: probe.treeSize, path: probe.path };
      expect(verifyInclusion(bytes(`${probe.leaf}00`), proof, probe.root)).toBe(false);
      expect(verifyInclusion(utf8('WrongLeaf'), proof, probe.root)).toBe(false);
    }
  });
});

describe('the accumulated subtree vectors of transparency-dev/merkle (every leaf of trees of up to 130 leaves)', () => {
  // Its testonly/vectors_test.go: leaf i is the single byte i; a subtree [start, end) is valid when start is 0,
  // or start = end, or start is a multiple of the smallest power of two >= end - start; its hash is the MTH of
  // those leaves, and a leaf's subtree inclusion proof is its inclusion proof in that MTH.
  const size = VECTORS.accumulated.maxSize;
  const tree = Array.from({ length: size }, (_, i) => Uint8Array.of(i));
  const valid = (start: number, end: number): boolean => {
    if (start === 0 || start === end) return true;
    let ceil = 1;
    while (ceil < end - start) ceil *= 2;
    return start % ceil === 0;
  };

  it('hashes every valid subtree to the published running digest', () => {
    const digest = createHash('sha256');
    for (let end = 0; end <= size; end++) {
      for (let start = 0; start <= end; start++) {
        if (valid(start, end)) digest.update(`[${start}, ${end}) ${toHex(merkleRoot(tree.slice(start, end)))}\n`);
      }
    }
    expect(digest.digest('hex')).toBe(VECTORS.accumulated.subtreeHashes);
  });

  it('proves every leaf of every valid subtree to the published running digest, and every proof verifies', () => {
    const digest = createHash('sha256');
    let verified = 0;
    for (let end = 0; end <= size; end++) {
      for (let start = 0; start <= end; start++) {
        if (!valid(start, end)) continue;
        const leaves = tree.slice(start, end);
        const root = start === 0 ? toHex(merkleRoot(leaves)) : undefined;
        for (let index = start; index < end; index++) {
          const proof = inclusionProof(leaves, index - start);
          digest.update(`${index} [${start}, ${end})${proof.path.map((hash) => ` ${hash}`).join('')}\n`);
          if (root !== undefined) {
            expect(verifyInclusion(leaves[index], proof, root)).toBe(true);
            verified++;
          }
        }
      }
    }
    expect(digest.digest('hex')).toBe(VECTORS.accumulated.subtreeInclusionProofs);
    expect(verified).toBe((size * (size + 1)) / 2);
  });
});

describe('every leaf of trees of 1 to 70 leaves', () => {
  const SIZES = Array.from({ length: 70 }, (_, i) => i + 1);

  let refusedSizes = 0;
  let acceptedSizes = 0;

  it.each(SIZES)('size %i: each proof verifies, and fails with any path element, the index or the size altered', (n) => {
    const leaves = generated(n);
    const root = toHex(merkleRoot(leaves));
    const wrongRoot = flipped(root);
    for (let index = 0; index < n; index++) {
      const proof = inclusionProof(leaves, index);
      expect(proof.treeSize).toBe(n);
      expect(proof.path.every((hash) => /^[0-9a-f]{64}$/.test(hash))).toBe(true);
      expect(verifyInclusion(leaves[index], proof, root)).toBe(true);

      expect(verifyInclusion(leaves[index], proof, wrongRoot)).toBe(false);
      expect(verifyInclusion(utf8(`${index} altered`), proof, root)).toBe(false);
      proof.path.forEach((hash, i) => {
        const path = [...proof.path];
        path[i] = flipped(hash);
        expect(verifyInclusion(leaves[index], { ...proof, path }, root)).toBe(false);
      });
      for (let other = 0; other < n + 2; other++) {
        if (other !== index) expect(verifyInclusion(leaves[index], { ...proof, leafIndex: other }, root)).toBe(false);
      }
      // Another size is refused whenever it moves the leaf in the tree (another sequence of turns from the root),
      // as it does in every published case. Where it leaves the leaf's turns as they were (leaf 0 of 3 and of 4:
      // right, right), the RFC 9162 algorithm computes the same root and accepts: the proof does not authenticate
      // the size, the tree head that carries the root with its size does.
      for (const treeSize of new Set([1, n - 1, n + 1, Math.floor(n / 2), 2 * n, 2 * n + 1, n + 64])) {
        if (treeSize === n || treeSize < 1) continue;
        const moved = index >= treeSize || turns(index, treeSize) !== turns(index, n);
        expect(verifyInclusion(leaves[index], { ...proof, treeSize }, root)).toBe(!moved);
        if (moved) refusedSizes++;
        else acceptedSizes++;
      }
      expect(verifyInclusion(leaves[index], { ...proof, path: proof.path.slice(0, -1) }, root)).toBe(proof.path.length === 0);
      expect(verifyInclusion(leaves[index], { ...proof, path: [...proof.path, root] }, root)).toBe(false);
      expect(verifyInclusion(leaves[index], { ...proof, path: [VECTORS.someHash, ...proof.path] }, root)).toBe(false);
    }
  });
  it('refused the altered sizes that move the leaf, and accepted the others, as RFC 9162 2.1.3.2 does', () => {
    expect(refusedSizes).toBeGreaterThan(0);
    expect(acceptedSizes).toBeGreaterThan(0);
    const proof = inclusionProof(LEAVES.slice(0, 3), 0);
    expect(verifyInclusion(LEAVES[0], proof, VECTORS.roots[3].root)).toBe(true);
    expect(verifyInclusion(LEAVES[0], { ...proof, treeSize: 4 }, VECTORS.roots[3].root)).toBe(true);
    expect(verifyInclusion(LEAVES[0], { ...proof, treeSize: 5 }, VECTORS.roots[3].root)).toBe(false);
  });
});

describe('no duplicated odd leaf (CVE-2012-2459)', () => {
  const [a, b, c] = [utf8('pick'), utf8('pack'), utf8('ship')];

  it('gives [a, b, c] and [a, b, c, c] different roots', () => {
    expect(toHex(merkleRoot([a, b, c]))).not.toBe(toHex(merkleRoot([a, b, c, c])));
  });

  it('builds [a, b, c] as node(node(a, b), c), not node(node(a, b), node(c, c)) as the copy-the-odd-hash rule would', () => {
    const ab = nodeHash(leafHash(a), leafHash(b));
    expect(merkleRoot([a, b, c])).toEqual(nodeHash(ab, leafHash(c)));
    expect(merkleRoot([a, b, c, c])).toEqual(nodeHash(ab, nodeHash(leafHash(c), leafHash(c))));
  });

  it('does not prove the repeated step of [a, b, c, c] against the root of [a, b, c]', () => {
    const root = toHex(merkleRoot([a, b, c]));
    expect(verifyInclusion(c, inclusionProof([a, b, c, c], 3), root)).toBe(false);
    expect(verifyInclusion(c, { leafIndex: 3, treeSize: 4, path: inclusionProof([a, b, c], 2).path }, root)).toBe(false);
  });

  it('does not take an inner node for a leaf (second pre-image)', () => {
    const [ha, hb] = [leafHash(a), leafHash(b)];
    const root = toHex(merkleRoot([a, b]));
    const forged = new Uint8Array([...ha, ...hb]);
    expect(toHex(leafHash(forged))).not.toBe(root);
    expect(verifyInclusion(forged, { leafIndex: 0, treeSize: 1, path: [] }, root)).toBe(false);
  });
});

describe('bad input', () => {
  const leaves = generated(5);
  const root = toHex(merkleRoot(leaves));
  const proof = inclusionProof(leaves, 2);

  it('throws RangeError for an index outside the tree', () => {
    for (const index of [-1, 5, 6, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => inclusionProof(leaves, index)).toThrow(RangeError);
    expect(() => inclusionProof([], 0)).toThrow(RangeError);
  });

  it('refuses, without throwing, indices and sizes that are not safe non-negative integers or leafIndex >= treeSize', () => {
    for (const leafIndex of [-1, 2.5, Number.NaN, 2 ** 53, Number('18446744073709551615')]) expect(verifyInclusion(leaves[2], { ...proof, leafIndex }, root)).toBe(false);
    for (const treeSize of [0, 2, 3, -5, 5.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(verifyInclusion(leaves[2], { ...proof, treeSize }, root)).toBe(false);
  });

  it('refuses malformed hex in the path or the root', () => {
    const upper = proof.path[0].toUpperCase();
    for (const bad of ['', upper, `${proof.path[0]}00`, proof.path[0].slice(2), `zz${proof.path[0].slice(2)}`, ` ${proof.path[0].slice(1)}`]) {
      expect(verifyInclusion(leaves[2], { ...proof, path: [bad, ...proof.path.slice(1)] }, root)).toBe(false);
      expect(verifyInclusion(leaves[2], proof, bad)).toBe(false);
    }
  });

  it('refuses values of the wrong type', () => {
    const anything = (value: unknown) => value as never;
    expect(verifyInclusion(anything('leaf'), proof, root)).toBe(false);
    expect(verifyInclusion(anything(null), proof, root)).toBe(false);
    expect(verifyInclusion(leaves[2], anything(null), root)).toBe(false);
    expect(verifyInclusion(leaves[2], anything(undefined), root)).toBe(false);
    expect(verifyInclusion(leaves[2], anything({ ...proof, path: proof.path.join('') }), root)).toBe(false);
    expect(verifyInclusion(leaves[2], anything({ ...proof, path: [1, 2, 3] }), root)).toBe(false);
    expect(verifyInclusion(leaves[2], anything({ ...proof, leafIndex: '2' }), root)).toBe(false);
    expect(verifyInclusion(leaves[2], proof, anything(undefined))).toBe(false);
    expect(verifyInclusionOfLeafHash(utf8('WrongLeaf'), proof, root)).toBe(false);
    expect(verifyInclusion(leaves[2], proof, root)).toBe(true);
  });
});

describe('the public index', () => {
  it('exports the Merkle API', () => {
    expect(Object.keys(fromIndex)).toEqual(expect.arrayContaining(['inclusionProof', 'leafHash', 'merkleRoot', 'nodeHash', 'toHex', 'verifyInclusion', 'verifyInclusionOfLeafHash']));
  });
});
