import { canonicalJson, stepProof, type InclusionProof, type PublishedRecord } from '@crossborder-trace/domain';
import { itemIdentifier } from '../http/item-identifier';
import { Problem } from '../http/problem';
import type { PublicReadModelStore } from '../store/public-read-model';

/** A canonical Digital Link of a serialised trade item, and the qualifiers coarser than its serial. */
const SERIALISED = /^https:\/\/id\.gs1\.org\/01\/\d{14}\/(?:22\/[^/]+\/)?(?:10\/[^/]+\/)?21\/[^/]+$/;
const COARSER_QUALIFIERS = /\/(?:22|10)\/[^/]+(?=\/)/g;

/** A step's leaf and its inclusion proof under the record's Merkle root (RFC 9162). */
export interface StepProof {
  /** The step's canonical JSON: the leaf's bytes are its UTF-8. */
  readonly leaf: string;
  readonly proof: InclusionProof;
  readonly merkleRoot: string;
}

/**
 * What consumers look up, from the public read model only: an item's published record with its complaints, and a
 * step's proof. The item is named in any identifier form (EPC URN, Digital Link on any host) and read in the
 * canonical form the public chaincode keys records by.
 */
export class PublicItems {
  constructor(private readonly store: PublicReadModelStore) {}

  /** The canonical identifier. @throws Problem 400 INVALID_IDENTIFIER for a malformed one (a bad check digit...) */
  itemOf(id: string): string {
    const canonical = itemIdentifier(id);
    if (this.store.hasRecord(canonical)) return canonical;
    // A QR code may carry the lot (10) or variant (22) beside the serial, while the item was recorded by GTIN and
    // serial alone: a serial identifies the instance within its GTIN, so the finest level is looked up as well.
    const finest = SERIALISED.test(canonical) ? canonical.replace(COARSER_QUALIFIERS, '') : canonical;
    return finest !== canonical && this.store.hasRecord(finest) ? finest : canonical;
  }

  /**
   * The consumer's answer as JSON text, put together from the stored texts without parsing them: the published
   * record's members (record, version, publishedAt, publishedBy, txId) after the item and its complaints.
   * @throws Problem 404 NOT_PUBLISHED for an item without a public record
   */
  answer(epc: string): string {
    const published = this.#published(epc);
    return `{"item":${JSON.stringify(epc)},"complaints":[${this.store.complaintAnswers(epc).join(',')}],${published.slice(1)}`;
  }

  /** Whether the item has a public record. */
  has(epc: string): boolean {
    return this.store.hasRecord(epc);
  }

  record(epc: string): PublishedRecord {
    return JSON.parse(this.#published(epc)) as PublishedRecord;
  }

  /** @throws Problem 404 NO_SUCH_STEP for an index the record does not have */
  proof(epc: string, index: number): StepProof {
    const { record } = this.record(epc);
    if (!Number.isSafeInteger(index) || index < 0 || index >= record.steps.length) {
      throw new Problem(404, 'NO_SUCH_STEP', 'The record has no such step', `the record of ${epc} has ${record.steps.length} steps, numbered from 0`);
    }
    return { leaf: canonicalJson(record.steps[index]), proof: stepProof(record, index), merkleRoot: record.merkleRoot };
  }

  #published(epc: string): string {
    const published = this.store.published(epc);
    if (published === undefined) throw new Problem(404, 'NOT_PUBLISHED', 'No public record of this item', `${epc} has no public record: only a sold item has one`);
    return published;
  }
}
