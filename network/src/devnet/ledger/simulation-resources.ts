import type { Snapshot } from './kv-db';

interface Closable {
  close(): Promise<void>;
}

/** Releases the resources of a simulator that was dropped without getResults() (its chaincode call failed). */
const whenCollected = new FinalizationRegistry<SimulationResources>((resources) => resources.release());

/**
 * What a simulation holds in LevelDB: its snapshot and the iterators it opened. A snapshot pins old data in
 * LevelDB, so it is released at getResults(), or when the simulator is garbage-collected.
 */
export class SimulationResources {
  #snapshot: Snapshot | undefined;
  readonly #open = new Set<Closable>();

  constructor(snapshot: Snapshot) {
    this.#snapshot = snapshot;
  }

  /** undefined once released. */
  get snapshot(): Snapshot | undefined {
    return this.#snapshot;
  }

  releaseWhenCollected(owner: object): void {
    whenCollected.register(owner, this, this);
  }

  track<T extends Closable>(closable: T): T {
    this.#open.add(closable);
    return closable;
  }

  release(): void {
    const snapshot = this.#snapshot;
    if (!snapshot) return;
    this.#snapshot = undefined;
    whenCollected.unregister(this);
    const open = [...this.#open];
    this.#open.clear();
    // Nobody awaits a release; a failure to close (database already closed) leaves nothing to clean up.
    void Promise.allSettled(open.map((c) => c.close()))
      .then(() => snapshot.close())
      .catch(() => undefined);
  }
}
