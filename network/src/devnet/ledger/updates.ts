import type { Version } from './api';
import { encodeVersionedValue } from './encoding';
import { stateKeys } from './keys';
import type { BatchOp } from './kv-db';
import { compareUtf8, sha256 } from './ordering';

/** A pending write of the committing block: a value (with metadata) or a delete, at the writer's height. */
export interface Update {
  /** undefined deletes the key. */
  readonly value?: Uint8Array;
  readonly metadata?: Uint8Array;
  readonly version: Version;
  /** A private key's SHA-256 where the writer computed it already, for the key-hash index. */
  readonly keyHash?: Uint8Array;
}

/** Updates grouped by a space (namespace, or namespace and collection) then by key. */
export class UpdateSpace {
  readonly #spaces = new Map<string, Map<string, Update>>();

  get(space: string, key: string): Update | undefined {
    return this.#spaces.get(space)?.get(key);
  }

  has(space: string, key: string): boolean {
    return this.#spaces.get(space)?.has(key) ?? false;
  }

  set(space: string, key: string, update: Update): void {
    let keys = this.#spaces.get(space);
    if (!keys) {
      keys = new Map();
      this.#spaces.set(space, keys);
    }
    keys.set(key, update);
  }

  /** Keys of a space in [startKey, endKey) ('' endKey: unbounded), in UTF-8 order, deletes included. */
  range(space: string, startKey: string, endKey: string): [string, Update][] {
    const keys = this.#spaces.get(space);
    if (!keys) return [];
    return [...keys.entries()]
      .filter(([k]) => compareUtf8(k, startKey) >= 0 && (endKey === '' || compareUtf8(k, endKey) < 0))
      .sort(([a], [b]) => compareUtf8(a, b));
  }

  /** Each space's updates by key, for loops that work a space at a time. */
  spaces(): ReadonlyMap<string, ReadonlyMap<string, Update>> {
    return this.#spaces;
  }

  *entries(): Generator<[string, string, Update]> {
    for (const [space, keys] of this.#spaces) for (const [key, update] of keys) yield [space, key, update];
  }
}

/** Hashed and private spaces are per (namespace, collection); keys of hashed state are the raw SHA-256 bytes. */
export function collSpace(ns: string, coll: string): string {
  return `${ns}\u0000${coll}`;
}

export function splitCollSpace(space: string): [string, string] {
  const i = space.indexOf('\u0000');
  return [space.slice(0, i), space.slice(i + 1)];
}

/** Hash keys live in maps as latin1 strings: one character per byte, so no information is lost. */
export function hashKey(keyHash: Uint8Array): string {
  return Buffer.from(keyHash.buffer, keyHash.byteOffset, keyHash.byteLength).toString('latin1');
}

export function hashBytes(key: string): Buffer {
  return Buffer.from(key, 'latin1');
}

/** All updates of the committing block: public, hashed, and each org's private state. */
export class BlockUpdates {
  readonly public = new UpdateSpace();
  readonly hashed = new UpdateSpace();
  readonly #private = new Map<string, UpdateSpace>();

  private(mspId: string): UpdateSpace {
    let space = this.#private.get(mspId);
    if (!space) {
      space = new UpdateSpace();
      this.#private.set(mspId, space);
    }
    return space;
  }

  privateOrgs(): string[] {
    return [...this.#private.keys()];
  }

  /**
   * The state-database operations; a private key's hash index follows its value. Plain loops over each space's
   * keys: a block of 100-event transactions has thousands of keys, and a space's namespace and collection are
   * split once rather than per key.
   */
  toBatch(): BatchOp[] {
    const ops: BatchOp[] = [];
    for (const [ns, keys] of this.public.spaces()) {
      for (const [key, update] of keys) ops.push(op(stateKeys.public(ns, key), update));
    }
    for (const [space, keys] of this.hashed.spaces()) {
      const [ns, coll] = splitCollSpace(space);
      for (const [key, update] of keys) ops.push(op(stateKeys.hashed(ns, coll, hashBytes(key)), update));
    }
    for (const [msp, updates] of this.#private) {
      for (const [space, keys] of updates.spaces()) {
        const [ns, coll] = splitCollSpace(space);
        for (const [key, update] of keys) {
          ops.push(op(stateKeys.private(msp, ns, coll, key), update));
          const byHash = stateKeys.privateKeyByHash(msp, ns, coll, update.keyHash ?? sha256(key));
          ops.push(update.value ? { type: 'put', key: byHash, value: Buffer.from(key, 'utf8') } : { type: 'del', key: byHash });
        }
      }
    }
    return ops;
  }
}

function op(key: Buffer, update: Update): BatchOp {
  if (!update.value) return { type: 'del', key };
  return { type: 'put', key, value: encodeVersionedValue({ value: update.value, metadata: update.metadata, version: update.version }) };
}
