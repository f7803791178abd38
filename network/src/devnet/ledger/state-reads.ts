import { StateValues } from './committed-state';
import type { VersionedValue } from './encoding';

/**
 * Values of public and hashed state read since the state last changed, as CommittedState keeps them. Validation reads
 * the metadata of every key a block writes just before the ledger commits that block, and the commit needs the
 * same keys' values again; with these it does not read them a second time.
 *
 * A read counts only if no state write began or ran while it was in flight: it takes a token before reading and
 * hands it back with what it read, and a write in between makes the token stale.
 */
export class StateReads {
  #values = new StateValues();
  #generation = 0;
  #writing = false;

  /** Taken before a read of committed state; undefined while a write runs (nothing read then is kept). */
  token(): number | undefined {
    return this.#writing ? undefined : this.#generation;
  }

  /** key: hashKey() of the key hash for hashed state (coll not ''). */
  record(token: number | undefined, ns: string, coll: string, key: string, value: VersionedValue | undefined): void {
    if (token === this.#generation && !this.#writing) this.#values.in(ns, coll).set(key, value);
  }

  /** What was read so far, for the caller to keep (and add to): later reads start a new collection. */
  take(): StateValues {
    const values = this.#values;
    this.#values = new StateValues();
    return values;
  }

  /** Runs a write of the state: what was read before no longer counts, nor does what is read while it runs. */
  async writing<T>(write: () => Promise<T>): Promise<T> {
    this.#values = new StateValues();
    this.#writing = true;
    this.#generation++;
    try {
      return await write();
    } finally {
      this.#writing = false;
      this.#generation++;
    }
  }
}
