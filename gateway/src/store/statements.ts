import type Database from 'better-sqlite3';
import type { Db } from './database';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The database's statement for the SQL, prepared the first time it is asked for and kept with the database:
 * compiling SQL costs more than running these statements, and the read model runs the same few thousands of
 * times a block. A statement is only ever run (get, all, run), never left iterating, so one is enough per SQL.
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}
