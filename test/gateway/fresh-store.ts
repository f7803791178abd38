import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '@crossborder-trace/gateway';

type Db = ReturnType<typeof openDatabase>;

/** Each test of the block gets a gateway store of its own, opened before it and closed and removed after it. */
export function useFreshStore(): () => Db {
  let dir: string | undefined;
  let db: Db | undefined;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gateway-store-'));
    db = openDatabase(dir);
  });
  afterEach(() => {
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!db) throw new Error('the store is opened before each test');
    return db;
  };
}
