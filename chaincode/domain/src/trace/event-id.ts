import { createHmac } from 'node:crypto';

/** How an event is named on channel state, in blocks and in chaincode events: a keyed hash, nothing to guess against. */
export const EVENT_ID_PREFIX = 'urn:crossborder-trace:event:';

/**
 * The event's alliance id: HMAC-SHA-256 of its CBV 2.0 Event Hash ID under the key of the collection that holds
 * its detail. The hash ID is computed over the whole event, private fields included, so publishing it would let
 * any member confirm a guess about a private field offline; the key is readable only by the collection's
 * members, who may see the event anyway. The same event recorded twice into one collection gets the same id,
 * so duplicates are still refused.
 */
export function allianceEventId(collectionKey: Uint8Array, hashId: string): string {
  return EVENT_ID_PREFIX + createHmac('sha256', collectionKey).update(hashId, 'utf8').digest('hex');
}

/** The key of a collection, drawn from the random salt of the first capture into it (domain-separated). */
export function collectionKeyFrom(salt: Uint8Array): Buffer {
  return createHmac('sha256', salt).update('crossborder-trace collection key', 'utf8').digest();
}
