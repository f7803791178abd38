import type { Version } from './api';
import { decodeVersionedValue, type VersionedValue } from './encoding';
import { stateKeys } from './keys';
import type { KeyValueDB } from './kv-db';
import { collSpace, hashBytes } from './updates';

/**
 * The committed public and hashed state as the committing block sees it, read through a per-block cache.
 * Only the committer writes the state database, so nothing changes under it while a block is prepared.
 */
export class CommittedState {
  readonly #db: KeyValueDB;
  readonly #cache = new Map<string, VersionedValue | undefined>();

  constructor(db: KeyValueDB) {
    this.#db = db;
  }

  /** Loads many keys in one LevelDB call (Fabric bulk-loads read-set versions the same way for CouchDB). */
  async preload(publicKeys: readonly [string, string][], hashedKeys: readonly [string, string, string][]): Promise<void> {
    const wanted = new Map<string, () => Buffer>();
    for (const [ns, key] of publicKeys) wanted.set(publicId(ns, key), () => stateKeys.public(ns, key));
    for (const [ns, coll, h] of hashedKeys) wanted.set(hashedId(ns, coll, h), () => stateKeys.hashed(ns, coll, hashBytes(h)));
    const ids = [...wanted.keys()].filter((id) => !this.#cache.has(id));
    const values = await this.#db.getMany(ids.map((id) => wanted.get(id)!()));
    values.forEach((bytes, i) => this.#cache.set(ids[i], bytes ? decodeVersionedValue(bytes) : undefined));
  }

  async public(ns: string, key: string): Promise<VersionedValue | undefined> {
    return this.#read(publicId(ns, key), () => stateKeys.public(ns, key));
  }

  /** keyHash as produced by hashKey(). */
  async hashed(ns: string, coll: string, keyHash: string): Promise<VersionedValue | undefined> {
    return this.#read(hashedId(ns, coll, keyHash), () => stateKeys.hashed(ns, coll, hashBytes(keyHash)));
  }

  async publicVersion(ns: string, key: string): Promise<Version | undefined> {
    return (await this.public(ns, key))?.version;
  }

  async hashedVersion(ns: string, coll: string, keyHash: string): Promise<Version | undefined> {
    return (await this.hashed(ns, coll, keyHash))?.version;
  }

  async #read(id: string, dbKey: () => Buffer): Promise<VersionedValue | undefined> {
    if (this.#cache.has(id)) return this.#cache.get(id);
    const value = await this.#db.getVersioned(dbKey());
    this.#cache.set(id, value);
    return value;
  }
}

function publicId(ns: string, key: string): string {
  return `p${ns}\u0000${key}`;
}

function hashedId(ns: string, coll: string, keyHash: string): string {
  return `h${collSpace(ns, coll)}\u0000${keyHash}`;
}
