// The steps bootstrap.mjs runs, with the progress a person needs on a fresh machine, where installing and building
// take a minute or more: what is being done, that it is still going, and how long it took. Standard library only.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';
import { clearInterval, setInterval } from 'node:timers';

const started = Date.now();

/** Seconds since bootstrap started, for progress lines. */
export function elapsed(since = started) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

export function step(message) {
  console.log(`\u25b6 ${message}`);
}

let current;

// A terminal's Ctrl-C (and a closed terminal's SIGHUP) reaches the whole foreground job, the running step included:
// the step decides how to end, and this process waits for it rather than returning the prompt while it still prints.
// SIGTERM is sent to this process alone, so it is passed on.
process.on('SIGINT', () => undefined);
process.on('SIGHUP', () => undefined);
process.on('SIGTERM', () => current?.kill('SIGTERM'));

/** The exit code a shell gives a process: its own, or 128 + the signal that ended it. */
function exitCode(code, signal) {
  return code ?? 128 + (constants.signals[signal] ?? 0);
}

/**
 * Runs a command to its end and resolves with its exit code. onLine, if given, receives its stdout line by line
 * (stderr stays the terminal's); heartbeat, if given, is printed every 10 s while it runs.
 */
export function run(cmd, args, { cwd, onLine, heartbeat } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ['inherit', onLine ? 'pipe' : 'inherit', 'inherit'] });
    current = child;
    if (onLine) createInterface({ input: child.stdout }).on('line', onLine);
    const since = Date.now();
    const timer = heartbeat ? setInterval(() => console.log(`  \u2026 ${heartbeat} (${elapsed(since)})`), 10_000) : undefined;
    child.once('error', (err) => {
      clearInterval(timer);
      console.error(`\u2716 ${cmd}: ${err.message}`);
      resolve(1);
    });
    child.once('close', (code, signal) => {
      clearInterval(timer);
      current = undefined;
      resolve(exitCode(code, signal));
    });
  });
}

/** Runs a step that must succeed; on failure says which and ends bootstrap with its exit code. */
export async function must(cmd, args, options) {
  const code = await run(cmd, args, options);
  if (code !== 0) {
    const outcome = code === 128 + constants.signals.SIGINT ? 'interrupted (Ctrl-C)' : `failed (exit ${code})`;
    console.error(`\u2716 ${[cmd, ...args].join(' ')} ${outcome}`);
    process.exit(code);
  }
}
