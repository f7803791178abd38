import type { Version } from './api';
import { decodeVersionedValue, type VersionedValue } from './encoding';
import { stateKeys } from './keys';
import type { KeyValueDB } from './kv-db';
import { hashBytes } from './updates';

/** Where the keys to preload are named: public ones by key, hashed ones by hashKey() of their hash. */
export interface KeySink {
  public(ns: string, key: string): void;
  hashed(ns: string, coll: string, keyHash: string): void;
}

/**
 * Values of public state (collection '') and hashed state, by namespace, collection and key (hashKey() of the key
 * hash for hashed state). Nested maps, not one map by a composite id: a block looks up every key it writes several
 * times, and the key strings it has keep their hash, where an id would be built and hashed at each lookup.
 */
export class StateValues {
  readonly #namespaces = new Map<string, Map<string, Map<string, VersionedValue | undefined>>>();

  in(ns: string, coll: string): Map<string, VersionedValue | undefined> {
    let collections = this.#namespaces.get(ns);
    if (!collections) this.#namespaces.set(ns, (collections = new Map()));
    let values = collections.get(coll);
    if (!values) collections.set(coll, (values = new Map()));
    return values;
  }
}

/**
 * The committed public and hashed state as the committing block sees it, read through a per-block cache.
 * Only the committer writes the state database, so nothing changes under it while a block is prepared.
 */
export class CommittedState {
  readonly #db: KeyValueDB;
  readonly #cache: StateValues;

  /** known: values of this same state read already, which this one keeps and adds to. */
  constructor(db: KeyValueDB, known = new StateValues()) {
    this.#db = db;
    this.#cache = known;
  }

  /**
   * Loads many keys in one LevelDB call (Fabric bulk-loads read-set versions the same way for CouchDB): addKeys
   * names them, through the sink it is given; keys known already are not read again. Nothing reads this state
   * until the load is over, so a key being loaded is marked with an undefined value meanwhile.
   */
  async preload(addKeys: (sink: KeySink) => void): Promise<void> {
    const targets: Map<string, VersionedValue | undefined>[] = [];
    const keys: string[] = [];
    const dbKeys: Buffer[] = [];
    const wants = (values: Map<string, VersionedValue | undefined>, key: string) => {
      if (values.has(key)) return false;
      values.set(key, undefined);
      targets.push(values);
      keys.push(key);
      return true;
    };
    addKeys({
      public: (ns, key) => {
        if (wants(this.#cache.in(ns, ''), key)) dbKeys.push(stateKeys.public(ns, key));
      },
      hashed: (ns, coll, keyHash) => {
        if (wants(this.#cache.in(ns, coll), keyHash)) dbKeys.push(stateKeys.hashed(ns, coll, hashBytes(keyHash)));
      },
    });
    const values = await this.#db.getMany(dbKeys);
    for (let i = 0; i < keys.length; i++) {
      if (values[i]) targets[i].set(keys[i], decodeVersionedValue(values[i]!));
    }
  }

  async public(ns: string, key: string): Promise<VersionedValue | undefined> {
    const values = this.#cache.in(ns, '');
    return values.has(key) ? values.get(key) : this.#load(values, key, stateKeys.public(ns, key));
  }

  /** keyHash as produced by hashKey(). */
  async hashed(ns: string, coll: string, keyHash: string): Promise<VersionedValue | undefined> {
    const values = this.#cache.in(ns, coll);
    return values.has(keyHash) ? values.get(keyHash) : this.#load(values, keyHash, stateKeys.hashed(ns, coll, hashBytes(keyHash)));
  }

  async publicVersion(ns: string, key: string): Promise<Version | undefined> {
    return (await this.public(ns, key))?.version;
  }

  async hashedVersion(ns: string, coll: string, keyHash: string): Promise<Version | undefined> {
    return (await this.hashed(ns, coll, keyHash))?.version;
  }

  async #load(values: Map<string, VersionedValue | undefined>, key: string, dbKey: Buffer): Promise<VersionedValue | undefined> {
    const value = await this.#db.getVersioned(dbKey);
    values.set(key, value);
    return value;
  }
}
