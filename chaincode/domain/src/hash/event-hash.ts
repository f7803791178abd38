import { createHash } from 'node:crypto';
import { preHashString, type PreHashOptions } from './pre-hash';

/**
 * The CBV 2.0 Event Hash ID (`ni:///sha-256;<hex>?ver=CBV2.0`): the same event yields the same ID
 * whatever its serialisation, field order or identifier spelling.
 */
export function eventHashId(event: Record<string, unknown>, context?: unknown, options?: PreHashOptions): string {
  const digest = createHash('sha256').update(preHashString(event, context, options), 'utf8').digest('hex');
  return `ni:///sha-256;${digest}?ver=CBV2.0`;
}
