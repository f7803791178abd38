import { StateReads } from './state-reads';

const value = (blockNum: number) => ({ value: Uint8Array.of(blockNum), version: { blockNum, txNum: 0 } });

describe('StateReads', () => {
  it('hands over what was read since the last write, by namespace, collection and key, once', () => {
    const reads = new StateReads();
    const token = reads.token();
    reads.record(token, 'cc', '', 'k', value(1));
    reads.record(token, 'cc', 'coll', 'hash', undefined);
    const taken = reads.take();
    expect(taken.in('cc', '').get('k')).toEqual(value(1));
    expect(taken.in('cc', 'coll').has('hash')).toBe(true);
    expect(reads.take().in('cc', '').size).toBe(0);
  });

  it('drops a read that a write overlapped, and forgets what was read before a write', async () => {
    const reads = new StateReads();
    reads.record(reads.token(), 'cc', '', 'before', value(1));
    const stale = reads.token();
    let duringWrite: number | undefined = -1;
    await reads.writing(async () => {
      duringWrite = reads.token();
      reads.record(duringWrite, 'cc', '', 'during', value(2));
    });
    reads.record(stale, 'cc', '', 'stale', value(3));
    reads.record(duringWrite, 'cc', '', 'late', value(4));
    reads.record(reads.token(), 'cc', '', 'after', value(5));
    expect(duringWrite).toBeUndefined();
    expect([...reads.take().in('cc', '').keys()]).toEqual(['after']);
  });

  it('ends the write even when it fails', async () => {
    const reads = new StateReads();
    await expect(reads.writing(() => Promise.reject(new Error('disk')))).rejects.toThrow('disk');
    reads.record(reads.token(), 'cc', '', 'k', undefined);
    expect(reads.take().in('cc', '').has('k')).toBe(true);
  });
});
