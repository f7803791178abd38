/**
 * The browser's inclusion proof verifier (gateway/web/src/merkle-proof.ts), run under Node's WebCrypto
 * (globalThis.crypto.subtle): held to the same published vectors as the domain's verifyInclusion, and to
 * agreement with it over every leaf of trees of 1 to 70 leaves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inclusionProof, merkleRoot, toHex, verifyInclusion, type InclusionProof } from '../../chaincode/domain/src/public/merkle';
import { verifyInclusionProof, verifyInclusionProofOfLeafHash } from '../../gateway/web/src/merkle-proof';

interface Vectors {
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
}

const ROOT = join(__dirname, '..', '..');
const VECTORS = JSON.parse(readFileSync(join(ROOT, 'chaincode', 'domain', 'test-vectors', 'rfc9162-merkle', 'vectors.json'), 'utf8')) as Vectors;

const bytes = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const flipped = (hex: string): string => (parseInt(hex.slice(0, 2), 16) ^ 0x08).toString(16).padStart(2, '0') + hex.slice(2);
const LEAVES = VECTORS.leaves.map(bytes);

it('runs where the browser does: WebCrypto only, no imports', () => {
  expect(typeof globalThis.crypto?.subtle?.digest).toBe('function');
  const source = readFileSync(join(ROOT, 'gateway', 'web', 'src', 'merkle-proof.ts'), 'utf8');
  expect(source).not.toMatch(/^\s*import\b/m);
  expect(source).not.toMatch(/\brequire\(|from ['"]node:|\bBuffer\b|\bprocess\./);
});

describe('the published vectors', () => {
  it.each(VECTORS.inclusion.map((v) => [v.leafIndex, v.treeSize, v] as const))('leaf %i of %i verifies with its published path', async (leafIndex, treeSize, vector) => {
    const root = VECTORS.roots[treeSize].root;
    await expect(verifyInclusionProof(LEAVES[leafIndex], vector, root)).resolves.toBe(true);
    await expect(verifyInclusionProofOfLeafHash(bytes(VECTORS.nodeHashes[0][leafIndex]), vector, root)).resolves.toBe(true);
    await expect(verifyInclusionProof(utf8('WrongLeaf'), vector, root)).resolves.toBe(false);
  });

  const probes = VECTORS.probes.map((p) => [`${p.file}: ${p.desc}`, p] as const);

  it.each(probes)('%s is accepted or refused as published (by leaf hash)', async (_name, probe) => {
    const proof = { leafIndex: probe.leafIndex, treeSize: probe.treeSize, path: probe.path };
    await expect(verifyInclusionProofOfLeafHash(bytes(probe.leafHash), proof, probe.root)).resolves.toBe(!probe.wantErr);
  });

  it.each(probes.filter(([, p]) => p.leaf !== null))('%s is accepted or refused as published (by leaf)', async (_name, probe) => {
    const proof = { leafIndex: probe.leafIndex, treeSize: probe.treeSize, path: probe.path };
    await expect(verifyInclusionProof(bytes(probe.leaf ?? ''), proof, probe.root)).resolves.toBe(!probe.wantErr);
  });
});

describe('agreement with the domain verifier over every leaf of trees of 1 to 70 leaves', () => {
  const leavesOf = (n: number): Uint8Array[] => Array.from({ length: n }, (_, i) => utf8(`screened step ${i}`));

  it.each(Array.from({ length: 70 }, (_, i) => i + 1))('size %i', async (n) => {
    const leaves = leavesOf(n);
    const root = toHex(merkleRoot(leaves));
    let refused = 0;
    for (let index = 0; index < n; index++) {
      const proof = inclusionProof(leaves, index);
      const cases: { leaf: Uint8Array; proof: InclusionProof; root: string }[] = [{ leaf: leaves[index], proof, root }];
      proof.path.forEach((hash, i) => {
        const path = [...proof.path];
        path[i] = flipped(hash);
        cases.push({ leaf: leaves[index], proof: { ...proof, path }, root });
      });
      for (const leafIndex of new Set([index - 1, index + 1, index ^ 1, index ^ 2, n - 1 - index, n])) {
        if (leafIndex !== index) cases.push({ leaf: leaves[index], proof: { ...proof, leafIndex }, root });
      }
      for (const treeSize of new Set([1, n - 1, n + 1, Math.floor(n / 2), 2 * n, n + 64])) {
        if (treeSize !== n) cases.push({ leaf: leaves[index], proof: { ...proof, treeSize }, root });
      }
      cases.push({ leaf: leaves[index], proof: { ...proof, path: proof.path.slice(0, -1) }, root });
      cases.push({ leaf: leaves[index], proof: { ...proof, path: [...proof.path, root] }, root });
      cases.push({ leaf: leaves[index], proof: { ...proof, path: [VECTORS.someHash, ...proof.path] }, root });
      cases.push({ leaf: leaves[index], proof, root: flipped(root) });
      cases.push({ leaf: utf8(`screened step ${index} altered`), proof, root });

      for (const c of cases) {
        const expected = verifyInclusion(c.leaf, c.proof, c.root);
        await expect(verifyInclusionProof(c.leaf, c.proof, c.root)).resolves.toBe(expected);
        if (!expected) refused++;
      }
      await expect(verifyInclusionProof(leaves[index], proof, root)).resolves.toBe(true);
    }
    expect(refused).toBeGreaterThan(0);
  });
});

describe('bad input resolves false and never rejects', () => {
  const leaves = Array.from({ length: 5 }, (_, i) => utf8(`step ${i}`));
  const root = toHex(merkleRoot(leaves));
  const proof = inclusionProof(leaves, 2);
  const anything = (value: unknown) => value as never;

  it.each([
    ['a leaf that is not bytes', anything('step 2'), proof, root],
    ['no proof', leaves[2], anything(null), root],
    ['a path that is not an array', leaves[2], anything({ ...proof, path: proof.path.join('') }), root],
    ['a path of numbers', leaves[2], anything({ ...proof, path: [1, 2, 3] }), root],
    ['an index as a string', leaves[2], anything({ ...proof, leafIndex: '2' }), root],
    ['a negative index', leaves[2], { ...proof, leafIndex: -1 }, root],
    ['a fractional index', leaves[2], { ...proof, leafIndex: 2.5 }, root],
    ['an index past 2^53', leaves[2], { ...proof, leafIndex: Number('18446744073709551615') }, root],
    ['leafIndex = treeSize', leaves[2], { ...proof, leafIndex: 5 }, root],
    ['an infinite size', leaves[2], { ...proof, treeSize: Number.POSITIVE_INFINITY }, root],
    ['uppercase hex in the path', leaves[2], { ...proof, path: [proof.path[0].toUpperCase(), ...proof.path.slice(1)] }, root],
    ['a short path element', leaves[2], { ...proof, path: [proof.path[0].slice(2), ...proof.path.slice(1)] }, root],
    ['a root that is not hex', leaves[2], proof, `zz${root.slice(2)}`],
    ['no root', leaves[2], proof, anything(undefined)],
  ])('%s', async (_name, leaf, badProof, rootHex) => {
    await expect(verifyInclusionProof(leaf, badProof, rootHex)).resolves.toBe(false);
    expect(verifyInclusion(leaf, badProof, rootHex)).toBe(false);
  });

  it('refuses a leaf hash that is not 32 bytes', async () => {
    await expect(verifyInclusionProofOfLeafHash(utf8('WrongLeaf'), proof, root)).resolves.toBe(false);
    await expect(verifyInclusionProofOfLeafHash(anything(undefined), proof, root)).resolves.toBe(false);
  });

  it('resolves false when WebCrypto is missing (an insecure origin)', async () => {
    const subtle = Object.getOwnPropertyDescriptor(globalThis.crypto, 'subtle');
    const spy = jest.spyOn(globalThis.crypto.subtle, 'digest').mockRejectedValue(new Error('no WebCrypto'));
    try {
      await expect(verifyInclusionProof(leaves[2], proof, root)).resolves.toBe(false);
    } finally {
      spy.mockRestore();
    }
    expect(Object.getOwnPropertyDescriptor(globalThis.crypto, 'subtle')).toEqual(subtle);
    await expect(verifyInclusionProof(leaves[2], proof, root)).resolves.toBe(true);
  });
});
