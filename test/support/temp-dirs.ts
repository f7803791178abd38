// The temp folders of a test file (tempDir, shared with the network package's unit tests): each made under the
// system's temp folder and removed once the file's tests are over. The jest environment (test/support/environment.ts) removes them after the file's last
// afterAll hook, so the networks, gateways and processes the hooks stop have let go of them first; the folders can
// be made anywhere: in a hook, a test, a helper. A file that failed keeps them, and KEEP_TEST_DIRS=1 keeps every
// file's (the environment says where they are).
export { TEMP_DIRS, tempDir } from '../../network/src/test-temp-dirs';

/** KEEP_TEST_DIRS set (to anything but '' or 0): a test file's temp folders outlive it. */
export function keepTestDirs(): boolean {
  const keep = process.env.KEEP_TEST_DIRS;
  return keep !== undefined && keep !== '' && keep !== '0';
}
