// The jest environment of every test file (jest.config.js): Node's, and the file's temp folders (tempDir in
// test/support/temp-dirs.ts) removed at its teardown, which comes after the file's last hook. A file with a failed
// test or hook keeps them, its networks' logs among them, and says where: a failure on real Fabric in CI cannot be
// run again with KEEP_TEST_DIRS.
import { rmSync } from 'node:fs';
import NodeEnvironment from 'jest-environment-node';
import { keepTestDirs, TEMP_DIRS } from './temp-dirs';

export default class TestEnvironment extends NodeEnvironment {
  readonly #dirs: string[] = [];
  #failed = false;

  override async setup(): Promise<void> {
    await super.setup();
    this.global[TEMP_DIRS] = this.#dirs;
  }

  /** jest-circus's events: a test or a hook that failed. */
  handleTestEvent(event: { readonly name: string }): void {
    if (event.name === 'test_fn_failure' || event.name === 'hook_failure') this.#failed = true;
  }

  override async teardown(): Promise<void> {
    const dirs = this.#dirs.splice(0);
    if (keepTestDirs() || this.#failed) {
      const why = this.#failed ? 'a test or hook failed' : 'KEEP_TEST_DIRS';
      if (dirs.length > 0) process.stderr.write(`${why}: kept ${dirs.join(', ')}\n`);
    } else {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
    await super.teardown();
  }
}
