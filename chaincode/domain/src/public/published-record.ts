import { canonicalJson } from '../trace/canonical-json';
import { TraceError } from '../trace/errors';
import type { ScreenedRecord } from './screened-record';

/** Keys of the public chaincode's state: one record per sold item, one entry per complaint. */
export const PUBLIC_KEYS = {
  record: (epc: string) => `record\u0000${epc}`,
  complaint: (id: string) => `complaint\u0000${id}`,
  /** Complaints of an item, for its page: complaintOfItem\0<epc>\0<id> -> id. */
  complaintOfItem: (epc: string, id: string) => `complaintOfItem\u0000${epc}\u0000${id}`,
} as const;

/** The chaincode events the public channel emits: the read models and the screening module follow them. */
export const PUBLIC_EVENTS = { recordPublished: 'RecordPublished', complaintChanged: 'ComplaintChanged' } as const;

/** A record as the public channel stores it: the screened record and when, by which transaction, it changed. */
export interface PublishedRecord {
  readonly record: ScreenedRecord;
  /** 1 for the first publication; each update (a recall, say) adds one. */
  readonly version: number;
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly txId: string;
}

/**
 * Refuses a record that is not exactly the one the alliance ledger gives (RECORD_MISMATCH, naming the first
 * field that differs), and one that would publish nothing new (ALREADY_PUBLISHED).
 */
export function assertPublishable(submitted: unknown, derived: ScreenedRecord, existing: PublishedRecord | undefined): void {
  const difference = firstDifference(submitted, derived, '');
  if (difference !== undefined) throw new TraceError('RECORD_MISMATCH', `the record does not match the alliance ledger at ${difference || '(root)'}`);
  if (existing && canonicalJson(existing.record) === canonicalJson(derived)) {
    throw new TraceError('ALREADY_PUBLISHED', `the record of ${derived.epc} is published as it stands (version ${existing.version})`);
  }
}

/** The JSON path of the first place two values differ, or undefined when they are the same JSON. */
function firstDifference(a: unknown, b: unknown, path: string): string | undefined {
  if (a === b) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const d = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return path;
}
