// However the benchmark ends, its temp folders go with it, and what runs in them is stopped first. On a normal end
// or a failure each phase's own finally removes them; on Ctrl-C (SIGINT, which reaches the whole job) or SIGTERM
// (which npm run bench passes on to the benchmark alone) the run ends here instead: every folder still there is
// removed, newest first, once what runs in it has stopped, and the process exits as a shell reports the signal
// (128 + its number).
import { mkdtempSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import path from 'node:path';

type Remove = () => Promise<void>;

const pending: Remove[] = [];

/**
 * A temp folder (prefix + six random characters), and the function that removes it: once stopUser has stopped what
 * runs in it (a network or a gateway, if one was started), whether that stopped cleanly or not. It runs once.
 */
export function benchTempDir(prefix: string, stopUser: () => Promise<unknown> | undefined = () => undefined): { dir: string; remove: Remove } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  let done: Promise<void> | undefined;
  const remove: Remove = () =>
    (done ??= (async () => {
      pending.splice(pending.indexOf(remove), 1);
      try {
        await stopUser();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    })());
  pending.push(remove);
  return { dir, remove };
}

/** From now on SIGINT and SIGTERM remove what is left (see above) and end the process; a second one ends it at once. */
export function removeOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping what the benchmark started and removing its temp folders`);
      void (async () => {
        for (const remove of [...pending].reverse()) await remove().catch((err: Error) => console.error(err.message));
        process.exit(128 + constants.signals[signal]);
      })();
    });
  }
}
