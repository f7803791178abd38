import { execFile } from 'node:child_process';
import path from 'node:path';
import { FabricNetworkError } from './errors';

export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
}

export interface CommandOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/**
 * Runs one Fabric CLI command with a bounded time. Fabric's CLIs log to stderr, so a failure carries both
 * streams, trimmed to their ends.
 */
export function runCommand(file: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      { env: { ...baseEnv(), ...options.env }, timeout: options.timeoutMs ?? 120_000, maxBuffer: 32 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (!err) {
          resolve({ stdout, stderr });
          return;
        }
        const what = `${path.basename(file)} ${args.join(' ')}`;
        reject(new FabricNetworkError(`${what} failed (${err.message.split('\n')[0]}):\n${tail(stderr)}${tail(stdout)}`));
      },
    );
  });
}

/** What a Fabric process inherits: enough to run (PATH for the builder's node, HOME), nothing of the caller's Fabric settings. */
export function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('CORE_') || key.startsWith('ORDERER_') || key === 'FABRIC_CFG_PATH') continue;
    env[key] = value;
  }
  // The external builder's scripts run with `node` from PATH: the same node as this process.
  env.PATH = [path.dirname(process.execPath), env.PATH ?? ''].filter(Boolean).join(path.delimiter);
  return env;
}

function tail(text: string, lines = 30): string {
  const kept = text.trimEnd().split('\n').slice(-lines).join('\n');
  return kept ? `${kept}\n` : '';
}
