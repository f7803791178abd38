// The temp folders of a test file: each made under the system's temp folder and removed once the file's tests are
// over, passed or failed. The jest environment (test/support/environment.ts) removes them after the file's last
// afterAll hook, so the networks, gateways and processes the hooks stop have let go of them first; the folders can
// be made anywhere: in a hook, a test, a helper. KEEP_TEST_DIRS=1 keeps them, for a failure to be looked into (the
// environment says where they are).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The file's list of folders, a global of its sandbox that the environment provides and empties. */
export const TEMP_DIRS = Symbol.for('crossborder-trace.temp-dirs');

/** A new folder named prefix + six random characters, removed when the test file is over. */
export function tempDir(prefix: string): string {
  const dirs = (globalThis as { [TEMP_DIRS]?: string[] })[TEMP_DIRS];
  if (!dirs) throw new Error('tempDir needs the jest environment of jest.config.js (test/support/environment.ts), which removes the folders');
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** KEEP_TEST_DIRS set: a test file's temp folders outlive it. */
export function keepTestDirs(): boolean {
  return !!process.env.KEEP_TEST_DIRS;
}
