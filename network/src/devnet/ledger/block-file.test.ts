import { appendFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { BlockFile } from './block-file';
import { blockOf, tempDir } from './test-fixtures';

const blockBytes = (n: number) => blockOf(n, [Uint8Array.of(n, n, n)]).serializeBinary();

async function fileWithBlocks(count: number): Promise<string> {
  const file = path.join(tempDir('blockfile-'), 'blockfile');
  const blocks = await BlockFile.open(file);
  for (let n = 0; n < count; n++) await blocks.append(blockBytes(n));
  await blocks.close();
  return file;
}

describe('BlockFile', () => {
  it('appends length-prefixed blocks and reads them back after reopening', async () => {
    const file = await fileWithBlocks(3);
    const blocks = await BlockFile.open(file);
    expect(blocks.height).toBe(3);
    expect(Buffer.from((await blocks.read(1))!)).toEqual(Buffer.from(blockBytes(1)));
    expect(await blocks.read(3)).toBeUndefined();
    await blocks.append(blockBytes(3));
    expect(Buffer.from((await blocks.read(3))!)).toEqual(Buffer.from(blockBytes(3)));
    await blocks.close();
  });

  it.each([
    ['a torn length prefix', Buffer.of(0, 0)],
    ['a torn record', Buffer.concat([Buffer.of(0, 0, 0, 100), Buffer.alloc(10, 7)])],
    ['a complete record that is not the next block', Buffer.concat([Buffer.of(0, 0, 0, 3), Buffer.of(0xff, 0xff, 0xff)])],
  ])('truncates %s left by a crash', async (_what, tail) => {
    const file = await fileWithBlocks(2);
    const size = statSync(file).size;
    appendFileSync(file, tail);
    const blocks = await BlockFile.open(file);
    expect(blocks.height).toBe(2);
    expect(statSync(file).size).toBe(size);
    await blocks.append(blockBytes(2));
    await blocks.close();
    const reopened = await BlockFile.open(file);
    expect(reopened.height).toBe(3);
    await reopened.close();
  });
});
