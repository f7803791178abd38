/** Restart delays of a process that keeps dying: doubling from the first to the last. */
const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;
/** A process that ran this long was healthy: its next restart starts from the first delay again. */
const STABLE_RUN_MS = 30_000;

/**
 * When to restart a supervised process that ended without being asked to: soon after a lone crash, ever later
 * while it keeps crashing, so a process that cannot run does not spin the machine.
 */
export class RestartBackoff {
  #startedAt = 0;
  #shortRuns = 0;

  /** Call on every start. */
  started(now = Date.now()): void {
    this.#startedAt = now;
  }

  /** The delay before restarting a process that just ended. */
  nextDelayMs(now = Date.now()): number {
    if (now - this.#startedAt >= STABLE_RUN_MS) this.#shortRuns = 0;
    const delay = Math.min(INITIAL_DELAY_MS * 2 ** this.#shortRuns, MAX_DELAY_MS);
    this.#shortRuns++;
    return delay;
  }
}
