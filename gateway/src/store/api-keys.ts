import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from './database';

/** A key's visible form: the prefix says what it is (and lets secret scanners find a leaked one). */
const KEY_PREFIX = 'cbt_';

export interface ApiKeyRecord {
  readonly id: string;
  readonly user: string;
  readonly createdAt: string;
  readonly revokedAt?: string;
}

const hashOf = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** API keys of the org's users, stored only as hashes: a key is shown once, when it is issued. */
export class ApiKeyStore {
  /** Every request asks it: prepared once. */
  readonly #userOf;

  constructor(private readonly db: Db) {
    this.#userOf = db.prepare('SELECT user FROM api_keys WHERE hash = ? AND revoked_at IS NULL');
  }

  issue(user: string): { record: ApiKeyRecord; key: string } {
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const record = { id: randomUUID(), user, createdAt: new Date().toISOString() };
    this.db.prepare('INSERT INTO api_keys (id, user, hash, created_at) VALUES (?, ?, ?, ?)').run(record.id, user, hashOf(key), record.createdAt);
    return { record, key };
  }

  list(): ApiKeyRecord[] {
    const rows = this.db.prepare('SELECT id, user, created_at, revoked_at FROM api_keys ORDER BY created_at').all() as KeyRow[];
    return rows.map(recordOf);
  }

  /** Revokes by id; answers false when there is no such key or it was already revoked. */
  revoke(id: string): boolean {
    return this.db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(new Date().toISOString(), id).changes === 1;
  }

  /** The user a presented key stands for, if it is a key this org issued and has not revoked. */
  userOf(key: string): string | undefined {
    if (!key.startsWith(KEY_PREFIX) || key.length > 128) return undefined;
    const row = this.#userOf.get(hashOf(key)) as { user: string } | undefined;
    return row?.user;
  }
}

interface KeyRow {
  id: string;
  user: string;
  created_at: string;
  revoked_at: string | null;
}

function recordOf(row: KeyRow): ApiKeyRecord {
  return { id: row.id, user: row.user, createdAt: row.created_at, ...(row.revoked_at !== null && { revokedAt: row.revoked_at }) };
}
