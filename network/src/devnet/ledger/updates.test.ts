import { sha256 } from './ordering';
import { BlockUpdates, collSpace, UpdateSpace } from './updates';

describe('UpdateSpace.spaces', () => {
  it('groups the updates by space then key, as entries() lists them', () => {
    const space = new UpdateSpace();
    const v = { blockNum: 1, txNum: 0 };
    space.set('a', 'k1', { value: Buffer.from('1'), version: v });
    space.set('b', 'k2', { version: v });
    space.set('a', 'k3', { value: Buffer.from('3'), version: v });
    const grouped = [...space.spaces()].map(([s, keys]) => [s, [...keys.keys()]]);
    expect(grouped).toEqual([
      ['a', ['k1', 'k3']],
      ['b', ['k2']],
    ]);
    expect([...space.entries()].map(([s, k]) => [s, k])).toEqual([
      ['a', 'k1'],
      ['a', 'k3'],
      ['b', 'k2'],
    ]);
  });
});

describe('BlockUpdates.toBatch', () => {
  it('puts a private key after its value in the hash index, and deletes both for a delete', () => {
    const updates = new BlockUpdates();
    const v = { blockNum: 2, txNum: 1 };
    updates.private('Org1MSP').set(collSpace('cc', 'coll'), 'k', { value: Buffer.from('x'), version: v });
    updates.private('Org1MSP').set(collSpace('cc', 'coll'), 'gone', { version: v });
    const ops = updates.toBatch();
    expect(ops.map((op) => op.type)).toEqual(['put', 'put', 'del', 'del']);
    expect(ops[1]).toMatchObject({ value: Buffer.from('k', 'utf8') });
  });

  it('writes the same hash index whether or not the writer passed the key hash along', () => {
    const v = { blockNum: 2, txNum: 1 };
    const batch = (keyHash?: Uint8Array) => {
      const updates = new BlockUpdates();
      updates.private('Org1MSP').set(collSpace('cc', 'coll'), 'k', { value: Buffer.from('x'), version: v, keyHash });
      return updates.toBatch();
    };
    expect(batch(sha256('k'))).toEqual(batch());
  });
});
