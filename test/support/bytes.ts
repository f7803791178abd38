// Byte helpers for reading what the chaincode and the ledger answer.
import { createHash } from 'node:crypto';

export function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

/** The conformance chaincode answers JSON strings. */
export function json<T>(bytes: Uint8Array): T {
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
}

export function sha256(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}

export function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).indexOf(Buffer.from(needle)) !== -1;
}
