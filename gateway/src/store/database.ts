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
  // The alliance read model (read-model.ts): what the org may see of the channel, block by block. rm_checkpoint's
  // one row is the last block applied, written in the same transaction as that block's rows.
  `CREATE TABLE rm_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), block INTEGER NOT NULL);
   CREATE TABLE rm_charter (id INTEGER PRIMARY KEY CHECK (id = 1), charter TEXT NOT NULL, tx_id TEXT NOT NULL);
   -- status_since: the commit time of the transaction that set the status.
   CREATE TABLE rm_enterprises (msp_id TEXT PRIMARY KEY, enterprise TEXT NOT NULL, status TEXT NOT NULL, status_since TEXT NOT NULL, status_tx_id TEXT NOT NULL);
   CREATE TABLE rm_products (gtin TEXT PRIMARY KEY, product TEXT NOT NULL, tx_id TEXT NOT NULL);
   CREATE TABLE rm_events (
     id TEXT PRIMARY KEY,
     block INTEGER NOT NULL,
     tx_id TEXT NOT NULL,
     committed_at TEXT NOT NULL,
     event_time_utc TEXT NOT NULL,
     biz_step TEXT,
     recorded_by TEXT NOT NULL,
     summary TEXT NOT NULL
   );
   CREATE TABLE rm_event_objects (epc TEXT NOT NULL, event_id TEXT NOT NULL REFERENCES rm_events (id), PRIMARY KEY (epc, event_id));
   -- Only events whose collection the org is a member of have a detail here.
   CREATE TABLE rm_event_details (id TEXT PRIMARY KEY, collection TEXT NOT NULL, detail TEXT NOT NULL);
   CREATE TABLE rm_error_declarations (event_id TEXT PRIMARY KEY, declaration TEXT NOT NULL, tx_id TEXT NOT NULL);
   CREATE TABLE rm_items (epc TEXT PRIMARY KEY, state TEXT NOT NULL, last_event_time_utc TEXT NOT NULL, tx_id TEXT NOT NULL, silence_raised INTEGER NOT NULL DEFAULT 0);
   CREATE INDEX rm_items_listening ON rm_items (last_event_time_utc) WHERE silence_raised = 0;
   -- Alerts the rules raised, in the order they were raised: seq is the stream's event id.
   CREATE TABLE rm_alerts (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     rule TEXT NOT NULL,
     block INTEGER NOT NULL,
     raised_at TEXT NOT NULL,
     responsible TEXT NOT NULL,
     alert TEXT NOT NULL
   );
   CREATE TABLE rm_alert_parties (alert_seq INTEGER NOT NULL REFERENCES rm_alerts (seq), msp_id TEXT NOT NULL, PRIMARY KEY (msp_id, alert_seq));
   -- Not part of the read model: an acknowledgement is the org's own word, kept across a rebuild (alert ids are
   -- derived from their evidence, so a rebuilt alert has its old id).
   CREATE TABLE alert_acks (alert_id TEXT PRIMARY KEY, user TEXT NOT NULL, note TEXT NOT NULL, acked_at TEXT NOT NULL);`,
  // Recalls as the recall contract records them (RECALL_KEYS.recall), by the transaction that issued each.
  `CREATE TABLE rm_recalls (id TEXT PRIMARY KEY, gtin TEXT NOT NULL, record TEXT NOT NULL, block INTEGER NOT NULL);`,
  // The public read model (public-read-model.ts): the public channel's records and complaints, what consumers look
  // up. Its own checkpoint, since the public channel's blocks are numbered apart from the alliance's. `answer` is
  // the part of the consumer's JSON the row contributes, written once when the block is applied.
  `CREATE TABLE pm_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), block INTEGER NOT NULL);
   CREATE TABLE pm_records (epc TEXT PRIMARY KEY, version INTEGER NOT NULL, published TEXT NOT NULL, block INTEGER NOT NULL);
   CREATE TABLE pm_complaints (id TEXT PRIMARY KEY, epc TEXT NOT NULL, status TEXT NOT NULL, complaint TEXT NOT NULL, answer TEXT NOT NULL, block INTEGER NOT NULL);
   CREATE INDEX pm_complaints_of_item ON pm_complaints (epc, id);`,
  // The screening module (screening.ts): its own checkpoint on the alliance channel (apart from the read model's,
  // so that either can be rebuilt alone), the queue of items the org sold whose public record is due, and the buyer
  // reference of each sale (purchases). Queue rows and the checkpoint are written in one transaction per block.
  // The platform's salt for buyer references lives in secrets: never logged, never answered.
  `CREATE TABLE sc_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), block INTEGER NOT NULL);
   CREATE TABLE sc_items (
     epc TEXT PRIMARY KEY,
     state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
     -- What queued it last: 'sale' or 'recall'.
     reason TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     -- Milliseconds since the epoch: when a pending item is tried next.
     next_attempt_at INTEGER NOT NULL,
     last_error TEXT,
     -- How many recalls the item's state listed when it was last queued: one more queues it again.
     recalls_seen INTEGER NOT NULL DEFAULT 0,
     -- The public record's version once published.
     version INTEGER,
     queued_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX sc_items_due ON sc_items (next_attempt_at) WHERE state = 'pending';
   CREATE TABLE sc_sales (event_id TEXT NOT NULL, epc TEXT NOT NULL, buyer_reference TEXT, sold_at TEXT NOT NULL, block INTEGER NOT NULL, PRIMARY KEY (event_id, epc));
   CREATE INDEX sc_sales_of_buyer ON sc_sales (buyer_reference) WHERE buyer_reference IS NOT NULL;
   CREATE TABLE secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);`,
  // Credit facts (credit-facts.ts): the ledger facts credit reports are computed from, on both channels, never
  // overwritten: each write is a row with its block, so a report at any height reads the rows up to it. Each channel
  // has its own checkpoint, written in the block's transaction; cr_blocks keeps each block's time (its newest valid
  // transaction's), the report's "as of".
  `CREATE TABLE cr_checkpoint (channel TEXT PRIMARY KEY, block INTEGER NOT NULL);
   CREATE TABLE cr_blocks (channel TEXT NOT NULL, block INTEGER NOT NULL, time TEXT, PRIMARY KEY (channel, block));
   CREATE TABLE cr_facts (
     channel TEXT NOT NULL,
     block INTEGER NOT NULL,
     tx_index INTEGER NOT NULL,
     seq INTEGER NOT NULL,
     kind TEXT NOT NULL,
     -- The enterprise the fact concerns (promisor, disputing or authorising firm); '' for none.
     party TEXT NOT NULL,
     key TEXT NOT NULL,
     tx_id TEXT NOT NULL,
     committed_at TEXT NOT NULL,
     value TEXT NOT NULL,
     PRIMARY KEY (channel, block, tx_index, seq)
   );
   CREATE INDEX cr_facts_of_party ON cr_facts (party, kind, block);
   CREATE INDEX cr_facts_by_key ON cr_facts (kind, key, block);`,
  // A user's jobs of a kind, newest first (GET /capture): an index entry ends with its row's rowid, and jobs are
  // never deleted, so rowid order is the order they were made in.
  `CREATE INDEX jobs_of_user ON jobs (user, kind);`,
  // The screening module: an item queued again while an attempt at it runs is screened once more when that attempt
  // ends (requeued), and the events of the record last derived for each item (sc_item_steps) let an error declaration
  // against one of them queue the item again. Items published before this step take their events from the public
  // read model.
  `ALTER TABLE sc_items ADD COLUMN requeued INTEGER NOT NULL DEFAULT 0;
   CREATE TABLE sc_item_steps (event_id TEXT NOT NULL, epc TEXT NOT NULL, PRIMARY KEY (event_id, epc));
   CREATE INDEX sc_item_steps_of_item ON sc_item_steps (epc);
   INSERT OR IGNORE INTO sc_item_steps (event_id, epc)
     SELECT json_extract(step.value, '$.eventId'), item.epc
     FROM sc_items item JOIN pm_records published ON published.epc = item.epc, json_each(published.published, '$.record.steps') step;`,
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
