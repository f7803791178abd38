import { constants } from 'node:os';

/**
 * Ctrl-C (SIGINT), SIGTERM or a closed terminal (SIGHUP) while the CLI waits for a network to come up: turned into
 * an aborted signal, so the CLI can stop the half-started network and say so instead of dying with it left behind.
 * Repeats while it stops are acknowledged but do not cut the stop short.
 */
export interface Interrupt {
  readonly signal: AbortSignal;
  /** Back to the default behaviour (the CLI dies on a signal), once there is nothing to clean up. */
  release(): void;
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function interruptOnSignals(onFirst: (signal: NodeJS.Signals) => void): Interrupt {
  const controller = new AbortController();
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      console.log(`  (${signal}: still stopping; it ends on its own within seconds)`);
      return;
    }
    controller.abort(signal);
    onFirst(signal);
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return {
    signal: controller.signal,
    release: () => {
      for (const signal of SIGNALS) process.off(signal, handler);
    },
  };
}

/** The shell's convention for a process ended by a signal: 128 + its number. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}
