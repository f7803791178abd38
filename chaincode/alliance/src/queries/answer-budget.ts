import { canonicalJson } from '@crossborder-trace/domain';

/**
 * What one query answer may carry. A client of Fabric's gateway receives at most 4 MiB per message unless it
 * raises its own limit, and a peer builds every answer in memory: answers stop at 1 MiB of entries (plus the
 * one entry that crosses it, at most a capture's size) and say they were cut, or hand back a bookmark.
 */
export const ANSWER_BUDGET_BYTES = 1_048_576;

/** Counts the entries and bytes an answer has taken in so far; admits the next entry while both last. */
export class AnswerBudget {
  #entries = 0;
  #bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number = ANSWER_BUDGET_BYTES,
  ) {}

  /** Takes the entry in and answers true while the answer has room for it; the first entry always has room. */
  admit(entry: unknown): boolean {
    if (this.#entries >= this.maxEntries || (this.#entries > 0 && this.#bytes >= this.maxBytes)) return false;
    this.#entries++;
    this.#bytes += Buffer.byteLength(canonicalJson(entry), 'utf8');
    return true;
  }
}
