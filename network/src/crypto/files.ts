import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Content of a file, or undefined when it does not exist. */
export function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/**
 * Writes through a temporary file and a rename, so a crash never leaves a half-written key or certificate
 * that a later run would take for complete. Unchanged content is not rewritten.
 */
export function writeFileAtomic(file: string, content: string, mode = 0o644): void {
  if (readIfExists(file) === content) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode });
  renameSync(temporary, file);
}

/** Private keys are readable by their owner only, as cryptogen writes them. */
export function writePrivateKey(file: string, pem: string): void {
  writeFileAtomic(file, pem, 0o600);
}
