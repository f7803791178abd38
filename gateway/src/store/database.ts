import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * The schema, one step per version: a store opened by a newer gateway is migrated forward in one transaction,
 * and PRAGMA user_version records how far. Steps are never edited once released; a change is a new step.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE api_keys (
     id TEXT PRIMARY KEY,
     user TEXT NOT NULL,
     -- SHA-256 of the key: keys are 256 random bits, so a fast hash is as good as a slow one here.
     hash TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     revoked_at TEXT
   );
   CREATE TABLE jobs (
     id TEXT PRIMARY KEY,
     user TEXT NOT NULL,
     kind TEXT NOT NULL,
     behaviour TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('running', 'success', 'failed')),
     created_at TEXT NOT NULL,
     finished_at TEXT,
     -- Events a proceed capture left out before submission, with their problems (JSON).
     skipped TEXT NOT NULL DEFAULT '[]'
   );
   CREATE INDEX jobs_running ON jobs (state) WHERE state = 'running';
   -- One Fabric transaction of a job. The call (with its private inputs) is kept only until the unit ends.
   CREATE TABLE job_units (
     job_id TEXT NOT NULL REFERENCES jobs (id),
     idx INTEGER NOT NULL,
     call BLOB,
     state TEXT NOT NULL CHECK (state IN ('pending', 'endorsed', 'committed', 'refused')),
     attempts INTEGER NOT NULL DEFAULT 0,
     tx_id TEXT,
     tx_bytes BLOB,
     result TEXT,
     error TEXT,
     PRIMARY KEY (job_id, idx)
   );
   -- A write's Idempotency-Key, per user: its request's fingerprint and the job that carries it out.
   CREATE TABLE idempotency (
     user TEXT NOT NULL,
     key TEXT NOT NULL,
     fingerprint TEXT NOT NULL,
     job_id TEXT NOT NULL REFERENCES jobs (id),
     created_at TEXT NOT NULL,
     PRIMARY KEY (user, key)
   );`,
];

/** Opens (creating and migrating as needed) the gateway's store in its data folder. */
export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'gateway.db'));
  // WAL: the key command may write while the gateway reads; NORMAL sync is durable across process crashes.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) throw new Error(`the store in ${dataDir} is of a newer gateway (schema ${version}, this one knows ${MIGRATIONS.length})`);
  db.transaction(() => {
    for (let step = version; step < MIGRATIONS.length; step++) db.exec(MIGRATIONS[step]);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
  return db;
}
