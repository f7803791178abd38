import { createHash } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { commitHashOf, nextCommitHash, setCommitHash, updateBatchBytes } from './commit-hash';
import { BlockUpdates, collSpace, hashKey } from './updates';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

test("the update bytes: Fabric's txmgr.Updates, the namespace and collection named once, deletes flagged", () => {
  const updates = new BlockUpdates();
  updates.public.set('cc', 'b', { version: { blockNum: 3, txNum: 2 } });
  updates.public.set('cc', 'a', { value: Buffer.from('x'), version: { blockNum: 3, txNum: 0 } });
  updates.hashed.set(collSpace('cc', 'c'), hashKey(Buffer.from([1])), { value: Buffer.from([2]), version: { blockNum: 3, txNum: 1 } });
  updates.public.set('', 'ignored', { value: Buffer.from('y'), version: { blockNum: 3, txNum: 0 } });
  expect(updateBatchBytes(updates)).toEqual(
    Buffer.concat([
      hex('0a 0f  0a 02 6363  1a 01 61  2a 01 78  32 03 010300'),
      hex('0a 0b  1a 01 62  20 01  32 04 01030102'),
      hex('0a 0f  12 01 63  1a 01 01  2a 01 02  32 04 01030101'),
    ]),
  );
});

test('the commit hash chains over the flags, the update bytes and the previous hash, in metadata slot 4', () => {
  const block = new common.Block();
  const metadata = new common.BlockMetadata();
  metadata.setMetadataList([new Uint8Array(0), new Uint8Array(0), Uint8Array.from([0, 11])]);
  block.setMetadata(metadata);
  const previous = Buffer.alloc(32, 7);
  const hash = nextCommitHash(block, Buffer.from('updates'), previous);
  expect(hash).toEqual(createHash('sha256').update(Buffer.from([2, 0, 11])).update('updates').update(previous).digest());
  setCommitHash(block, hash);
  expect(Buffer.from(commitHashOf(block))).toEqual(hash);
  expect(commitHashOf(new common.Block())).toHaveLength(0);
});

test('the update bytes of a large block: versions of every size, deletes, empty keys and values, many namespaces and collections', () => {
  const updates = new BlockUpdates();
  const versions = [0, 1, 255, 256, 65_535, 2 ** 24, 2 ** 40 + 3];
  for (let i = 0; i < 300; i++) {
    const version = { blockNum: versions[i % versions.length], txNum: versions[(i * 3) % versions.length] };
    updates.public.set(`ns${i % 3}`, i % 50 === 0 ? '' : `\u0000event\u0000${i}é\u0000`, i % 7 === 0 ? { version } : { value: Buffer.alloc(i % 11 === 0 ? 0 : 200 + i, i), version });
    updates.hashed.set(collSpace(`ns${i % 2}`, `coll${i % 4}`), hashKey(createHash('sha256').update(String(i)).digest()), i % 5 === 0 ? { version } : { value: Buffer.alloc(32, i), version });
  }
  expect(updateBatchBytes(updates)).toEqual(referenceUpdateBytes(updates));
});

/** The update bytes written message by message, as the devnet first wrote them: the reference for the one-buffer writer. */
function referenceUpdateBytes(updates: BlockUpdates): Buffer {
  const varint = (n: number): Buffer => {
    const bytes: number[] = [];
    let rest = n;
    while (rest >= 0x80) {
      bytes.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    bytes.push(rest);
    return Buffer.from(bytes);
  };
  const field = (number: number, bytes: Buffer) => Buffer.concat([varint((number << 3) | 2), varint(bytes.length), bytes]);
  const orderPreserving = (n: number) => {
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64BE(BigInt(n));
    const start = bytes.findIndex((b) => b !== 0);
    return start < 0 ? Buffer.from([0]) : Buffer.concat([Buffer.from([8 - start]), bytes.subarray(start)]);
  };
  type Entry = { ns: string; coll: string; key: Buffer; update: { value?: Uint8Array; version: { blockNum: number; txNum: number } } };
  const entries: Entry[] = [];
  for (const [ns, key, update] of updates.public.entries()) entries.push({ ns, coll: '', key: Buffer.from(key, 'utf8'), update });
  for (const [space, key, update] of updates.hashed.entries()) {
    const [ns, coll] = space.split('\u0000');
    entries.push({ ns, coll, key: Buffer.from(key, 'latin1'), update });
  }
  const utf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  const out: Buffer[] = [];
  for (const ns of [...new Set(entries.map((e) => e.ns))].filter(Boolean).sort(utf8)) {
    const ordered = [
      ...entries.filter((e) => e.ns === ns && e.coll === '').sort((a, b) => Buffer.compare(a.key, b.key)),
      ...[...new Set(entries.filter((e) => e.ns === ns && e.coll !== '').map((e) => e.coll))]
        .sort(utf8)
        .flatMap((coll) => entries.filter((e) => e.ns === ns && e.coll === coll).sort((a, b) => Buffer.compare(a.key, b.key)).map((e, i) => ({ ...e, named: i === 0 }))),
    ] as (Entry & { named?: boolean })[];
    ordered.forEach((e, i) => {
      const parts: Buffer[] = [];
      if (i === 0) parts.push(field(1, Buffer.from(ns, 'utf8')));
      if (e.coll && e.named) parts.push(field(2, Buffer.from(e.coll, 'utf8')));
      if (e.key.length > 0) parts.push(field(3, e.key));
      if (e.update.value === undefined) parts.push(Buffer.from([4 << 3, 1]));
      else if (e.update.value.length > 0) parts.push(field(5, Buffer.from(e.update.value)));
      parts.push(field(6, Buffer.concat([orderPreserving(e.update.version.blockNum), orderPreserving(e.update.version.txNum)])));
      out.push(field(1, Buffer.concat(parts)));
    });
  }
  return Buffer.concat(out);
}
