import { common, orderer } from '@hyperledger/fabric-protos';
import { BadSeekRequestError, parseSeekEnvelope, resolveSeekRange } from './seek';
import { seekEnvelope, seekPosition, testSigner, type Position } from './test-fakes';

const HEIGHT = 5;

function seekInfo(start?: Position, stop?: Position): orderer.SeekInfo {
  const info = new orderer.SeekInfo();
  if (start !== undefined) info.setStart(seekPosition(start));
  if (stop !== undefined) info.setStop(seekPosition(stop));
  return info;
}

test.each<[string, Position | undefined, Position | undefined, ReturnType<typeof resolveSeekRange>]>([
  ['oldest to newest', 'oldest', 'newest', { kind: 'range', start: 0, stop: 4 }],
  ['newest to newest: the last block', 'newest', 'newest', { kind: 'range', start: 4, stop: 4 }],
  ['oldest to oldest: block 0', 'oldest', 'oldest', { kind: 'range', start: 0, stop: 0 }],
  ['a start at the height waits for the next block', HEIGHT, HEIGHT, { kind: 'range', start: 5, stop: 5 }],
  ['next_commit starts at the height', 'next', 9, { kind: 'range', start: 5, stop: 9 }],
  ['a stop Fabric does not handle stays 0: the stream runs on', 'next', 'next', { kind: 'range', start: 5, stop: 0 }],
  ['a start past the height', HEIGHT + 1, HEIGHT + 1, { kind: 'status', status: common.Status.NOT_FOUND }],
  ['a stop before the start', 3, 2, { kind: 'status', status: common.Status.BAD_REQUEST }],
  ['no stop', 'oldest', undefined, { kind: 'status', status: common.Status.BAD_REQUEST }],
])('%s', (_what, start, stop, expected) => {
  expect(resolveSeekRange(seekInfo(start, stop), HEIGHT)).toEqual(expected);
});

test('the envelope: channel, creator and signed bytes; a stale timestamp is refused', () => {
  const signer = testSigner('Org1MSP');
  const envelope = seekEnvelope(signer, { channel: 'ch', start: 'oldest', stop: 'newest' });
  const parsed = parseSeekEnvelope(envelope, 60_000);
  expect(parsed.channelId).toBe('ch');
  expect(parsed.signedData).toEqual({ data: envelope.getPayload_asU8(), identity: signer.identity.serialized, signature: envelope.getSignature_asU8() });
  expect(() => parseSeekEnvelope(envelope, 60_000, Date.now() + 120_000)).toThrow(BadSeekRequestError);
});
