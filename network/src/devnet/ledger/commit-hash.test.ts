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
