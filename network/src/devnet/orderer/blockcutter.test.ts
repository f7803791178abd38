import { common } from '@hyperledger/fabric-protos';
import { BlockCutter, messageSizeBytes } from './blockcutter';

/** An envelope of exactly `bytes` bytes by Fabric's measure (payload + signature). */
function message(bytes: number, tag = 0): common.Envelope {
  const envelope = new common.Envelope();
  envelope.setPayload(new Uint8Array(bytes - 1).fill(tag));
  envelope.setSignature(Uint8Array.of(tag));
  return envelope;
}

const sizes = (batches: common.Envelope[][]) => batches.map((batch) => batch.map(messageSizeBytes));

describe('BlockCutter', () => {
  const batch = { timeoutMs: 1000, maxMessageCount: 3, absoluteMaxBytes: 1000, preferredMaxBytes: 100 };

  it('measures a message as payload plus signature', () => {
    expect(messageSizeBytes(message(42))).toBe(42);
  });

  it('keeps messages pending until maxMessageCount is reached, then cuts them together', () => {
    const cutter = new BlockCutter(batch);
    expect(cutter.ordered(message(10))).toEqual({ batches: [], pending: true });
    expect(cutter.ordered(message(10))).toEqual({ batches: [], pending: true });
    const third = cutter.ordered(message(10));
    expect(sizes(third.batches)).toEqual([[10, 10, 10]]);
    expect(third.pending).toBe(false);
    expect(cutter.cut()).toEqual([]);
  });

  it('cuts the pending batch first when the next message would take it past preferredMaxBytes', () => {
    const cutter = new BlockCutter(batch);
    cutter.ordered(message(40));
    cutter.ordered(message(40));
    const result = cutter.ordered(message(30));
    expect(sizes(result.batches)).toEqual([[40, 40]]);
    expect(result.pending).toBe(true);
    expect(cutter.cut().map(messageSizeBytes)).toEqual([30]);
  });

  it('fills up to exactly preferredMaxBytes without cutting', () => {
    const cutter = new BlockCutter({ ...batch, maxMessageCount: 10 });
    cutter.ordered(message(50));
    expect(cutter.ordered(message(50))).toEqual({ batches: [], pending: true });
  });

  it('isolates a message larger than preferredMaxBytes, after cutting what was pending', () => {
    const cutter = new BlockCutter(batch);
    cutter.ordered(message(10));
    const result = cutter.ordered(message(101));
    expect(sizes(result.batches)).toEqual([[10], [101]]);
    expect(result.pending).toBe(false);
  });

  it('isolates a large message alone when nothing is pending', () => {
    const cutter = new BlockCutter(batch);
    expect(sizes(cutter.ordered(message(500)).batches)).toEqual([[500]]);
  });

  it('cuts one batch per message with maxMessageCount 1', () => {
    const cutter = new BlockCutter({ ...batch, maxMessageCount: 1 });
    for (let i = 0; i < 3; i++) expect(cutter.ordered(message(10, i))).toEqual({ batches: [[message(10, i)]], pending: false });
  });

  it('cut() hands over the pending batch in order and starts afresh', () => {
    const cutter = new BlockCutter(batch);
    cutter.ordered(message(10, 1));
    cutter.ordered(message(20, 2));
    expect(cutter.cut()).toEqual([message(10, 1), message(20, 2)]);
    expect(cutter.cut()).toEqual([]);
    // The byte count started afresh too: 90 more bytes fit.
    cutter.ordered(message(90));
    expect(cutter.ordered(message(10))).toEqual({ batches: [], pending: true });
  });
});
