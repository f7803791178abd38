// The jest environment of every test file (jest.config.js): Node's, and the file's temp folders (tempDir in
// test/support/temp-dirs.ts) removed at its teardown, which comes after the file's last hook, whether its tests
// passed or not.
import { rmSync } from 'node:fs';
import NodeEnvironment from 'jest-environment-node';
import { keepTestDirs, TEMP_DIRS } from './temp-dirs';

export default class TestEnvironment extends NodeEnvironment {
  readonly #dirs: string[] = [];

  override async setup(): Promise<void> {
    await super.setup();
    this.global[TEMP_DIRS] = this.#dirs;
  }

  override async teardown(): Promise<void> {
    const dirs = this.#dirs.splice(0);
    if (keepTestDirs()) {
      if (dirs.length > 0) process.stderr.write(`KEEP_TEST_DIRS: kept ${dirs.join(', ')}\n`);
    } else {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
    await super.teardown();
  }
}
