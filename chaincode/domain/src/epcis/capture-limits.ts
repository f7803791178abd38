import { issueAt, type EpcisIssue, type PathSegment } from './issues';

/**
 * What one capture may hold. A capture is one Fabric transaction that every endorsing peer parses, validates
 * and hashes, and whose events every later query may return: these bounds keep that work, and every answer
 * built from it, small. OpenEPCIS, a reference repository, refuses more than 100 events or 100,000 bytes per
 * capture by default; the alliance takes the same event count and a larger byte bound, since its documents carry
 * sensor reports. The gateway checks the same numbers before it submits anything (413 beyond them).
 */
export const CAPTURE_LIMITS = {
  /** Bytes of the document as sent (UTF-8). */
  maxDocumentBytes: 1_048_576,
  /** Events in `epcisBody.eventList`. */
  maxEvents: 100,
  /** Entries of any one list in an event (epcList, childEPCs, quantityList, sensorElementList, extensions...). */
  maxListLength: 1_000,
  /** Nesting of arrays and objects in the document: an event sits at depth 4, each of its sensor reports at 8. */
  maxDepth: 32,
} as const;

/** The document's byte size against maxDocumentBytes, before it is decoded. */
export function documentSizeIssues(bytes: number): EpcisIssue[] {
  if (bytes <= CAPTURE_LIMITS.maxDocumentBytes) return [];
  return [issueAt([], 'too_large', `a capture may have at most ${CAPTURE_LIMITS.maxDocumentBytes} bytes; this one has ${bytes}`)];
}

/**
 * How deeply the JSON text nests, found in one pass over it without parsing: strings are skipped, so a bracket
 * inside one does not count. Checked before anything walks the value recursively.
 */
export function nestingIssues(text: string): EpcisIssue[] {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character, a quote included
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > CAPTURE_LIMITS.maxDepth) return [issueAt([], 'too_large', `a capture may nest arrays and objects at most ${CAPTURE_LIMITS.maxDepth} deep`)];
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return [];
}

/** Every list in the value longer than maxListLength, with where it sits. */
export function listLengthIssues(value: unknown, at: readonly PathSegment[]): EpcisIssue[] {
  const issues: EpcisIssue[] = [];
  const visit = (node: unknown, path: readonly PathSegment[]): void => {
    if (Array.isArray(node)) {
      if (node.length > CAPTURE_LIMITS.maxListLength) {
        issues.push(issueAt(path, 'too_large', `a list may have at most ${CAPTURE_LIMITS.maxListLength} entries; this one has ${node.length}`));
        return;
      }
      node.forEach((element, index) => visit(element, [...path, index]));
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, member] of Object.entries(node)) visit(member, [...path, key]);
    }
  };
  visit(value, at);
  return issues;
}
