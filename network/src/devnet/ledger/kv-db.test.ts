import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KeyValueDB } from './kv-db';

describe('KeyValueDB.write', () => {
  let dir: string;
  let db: KeyValueDB;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kv-db-'));
    db = await KeyValueDB.open(dir);
  });

  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores values given as Buffers or as views into larger Uint8Arrays, exactly their bytes, and deletes', async () => {
    const backing = Uint8Array.from([9, 9, 1, 2, 3, 9, 9]);
    await db.write(
      [
        { type: 'put', key: Buffer.from('a'), value: backing.subarray(2, 5) },
        { type: 'put', key: Buffer.from('b'), value: Buffer.from('buffer') },
        { type: 'put', key: Buffer.from('c'), value: new Uint8Array(0) },
      ],
      false,
    );
    backing.fill(0);
    expect(await db.get(Buffer.from('a'))).toEqual(Buffer.from([1, 2, 3]));
    expect(await db.get(Buffer.from('b'))).toEqual(Buffer.from('buffer'));
    expect(await db.get(Buffer.from('c'))).toEqual(Buffer.alloc(0));
    await db.write([{ type: 'del', key: Buffer.from('a') }], true);
    expect(await db.getMany([Buffer.from('a'), Buffer.from('b')])).toEqual([undefined, Buffer.from('buffer')]);
  });
});
