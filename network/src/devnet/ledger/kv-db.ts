import { ClassicLevel } from 'classic-level';
import { decodeVersionedValue, readUint64, type VersionedValue } from './encoding';
import type { KeyRange } from './keys';
import { stateKeys } from './keys';

type Level = ClassicLevel<Buffer, Buffer>;
/** A LevelDB snapshot: every read made with it sees the database as of one committed block. */
export type Snapshot = ReturnType<Level['snapshot']>;

export interface BatchOp {
  readonly type: 'put' | 'del';
  readonly key: Buffer;
  readonly value?: Uint8Array;
}

/** A lazy LevelDB range scan; close() releases it. */
export interface RawIterator {
  next(): Promise<[Buffer, Buffer] | undefined>;
  close(): Promise<void>;
}

/**
 * A LevelDB database with buffer keys and values: the state database (public, hashed and private state,
 * history and indexes) or the private data store. Reads take an optional snapshot.
 */
export class KeyValueDB {
  readonly #db: Level;

  private constructor(db: Level) {
    this.#db = db;
  }

  static async open(location: string): Promise<KeyValueDB> {
    const db = new ClassicLevel<Buffer, Buffer>(location, { keyEncoding: 'buffer', valueEncoding: 'buffer' });
    await db.open();
    return new KeyValueDB(db);
  }

  snapshot(): Snapshot {
    return this.#db.snapshot();
  }

  async get(key: Buffer, snapshot?: Snapshot): Promise<Buffer | undefined> {
    return snapshot ? this.#db.get(key, { snapshot }) : this.#db.get(key);
  }

  async getMany(keys: Buffer[], snapshot?: Snapshot): Promise<(Buffer | undefined)[]> {
    if (keys.length === 0) return [];
    return snapshot ? this.#db.getMany(keys, { snapshot }) : this.#db.getMany(keys);
  }

  async getVersioned(key: Buffer, snapshot?: Snapshot): Promise<VersionedValue | undefined> {
    const bytes = await this.get(key, snapshot);
    return bytes ? decodeVersionedValue(bytes) : undefined;
  }

  iterate(range: KeyRange, snapshot?: Snapshot, reverse = false): RawIterator {
    const it = this.#db.iterator({ gte: range.gte, lt: range.lt, reverse, ...(snapshot ? { snapshot } : {}) });
    return {
      next: async () => (await it.next()) as [Buffer, Buffer] | undefined,
      close: () => it.close(),
    };
  }

  /** sync makes LevelDB fsync its log before resolving; the state database does not need it (see kv-ledger). */
  async write(ops: readonly BatchOp[], sync: boolean): Promise<void> {
    if (ops.length === 0) return;
    // A block's batch holds thousands of operations. abstract-level's batch() copies, checks and re-encodes each in
    // JavaScript (several microseconds an operation, more than LevelDB takes to apply them); these are operations
    // the ledger built itself, so they go straight to classic-level's native batch once the database is open. That
    // reads type, key and value of each, and copies keys and values from any Uint8Array, so they go as they are.
    const direct = (this.#db as unknown as { _batch?: (ops: readonly BatchOp[], options: { sync: boolean }) => Promise<void> })._batch;
    if (this.#db.status === 'open' && typeof direct === 'function') {
      await direct.call(this.#db, ops, { sync });
      return;
    }
    const batch = ops.map((op) => (op.type === 'put' ? { type: 'put' as const, key: op.key, value: asBuffer(op.value!) } : { type: 'del' as const, key: op.key }));
    await this.#db.batch(batch, { sync });
  }

  /** The last block whose updates this database holds (state database only). */
  async savepoint(): Promise<number | undefined> {
    const bytes = await this.get(stateKeys.savepoint);
    return bytes ? readUint64(bytes, 0) : undefined;
  }

  async clear(): Promise<void> {
    await this.#db.clear();
  }

  async close(): Promise<void> {
    await this.#db.close();
  }
}

/** A Buffer view of the same memory (LevelDB's buffer encoding wants Buffers; copying would be waste). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
