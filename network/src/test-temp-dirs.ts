import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Test support: a maker of temp folders (prefix + six random characters) for the test file that calls this, each
 * removed once the file's tests are over, passed or failed (afterAll). Call it where jest hooks may be declared: at
 * the top level of a test file, or of a fixture module the file imports.
 */
export function useTempDirs(): (prefix: string) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (prefix) => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
