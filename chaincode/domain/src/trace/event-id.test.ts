import { allianceEventId, collectionKeyFrom, EVENT_ID_PREFIX } from './event-id';
import { assertNotInFuture, MAX_CLOCK_SKEW_MS } from './event-time';

const hashId = 'ni:///sha-256;df7bb3c352fef055578554f09f5e2aa41782150ced7bd0b8af24dd3ccb30ba69?ver=CBV2.0';

test("an alliance id is keyed by its collection: the same event, another firm's collection, another id", () => {
  const key = collectionKeyFrom(Buffer.alloc(16, 1));
  const id = allianceEventId(key, hashId);
  expect(id).toMatch(new RegExp(`^${EVENT_ID_PREFIX}[0-9a-f]{64}$`));
  expect(allianceEventId(key, hashId)).toBe(id);
  expect(allianceEventId(collectionKeyFrom(Buffer.alloc(16, 2)), hashId)).not.toBe(id);
  expect(id).not.toContain('df7bb3c352fef055');
  expect(collectionKeyFrom(Buffer.alloc(16, 1))).not.toEqual(Buffer.alloc(16, 1));
});

test('an event may lie ahead of its transaction, and the transaction ahead of the peer, by the skew alone', () => {
  const now = Date.parse('2026-06-01T12:00:00.000Z');
  expect(() => assertNotInFuture('2026-06-01T12:05:00.000Z', now, now)).not.toThrow();
  expect(() => assertNotInFuture(new Date(now + MAX_CLOCK_SKEW_MS + 1).toISOString(), now, now)).toThrow(
    /^EVENT_IN_FUTURE: eventTime 2026-06-01T12:05:00.001Z is more than 5 min after the transaction's timestamp/,
  );
  expect(() => assertNotInFuture('9999-12-31T00:00:00.000Z', Date.parse('9999-12-31T00:00:00.000Z'), now)).toThrow(
    /^EVENT_IN_FUTURE: the transaction is dated 9999-12-31T00:00:00.000Z, more than 5 min after the endorsing peer's clock/,
  );
});
