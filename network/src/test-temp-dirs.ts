import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Test support: the temp folders of a test file, each made under the system's temp folder and removed once the file's
// tests are over by the jest environment of jest.config.js (test/support/environment.ts), which keeps them when the
// file failed or KEEP_TEST_DIRS is set. The folders can be made anywhere: in a hook, a test, a helper.

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
