import { PUBLIC_KEYS, type Complaint, type PublishedRecord } from '@crossborder-trace/domain';
import type { CommittedBlock } from '../fabric/port';
import type { PublicReadModelStore } from '../store/public-read-model';

const RECORD_PREFIX = PUBLIC_KEYS.record('');
const COMPLAINT_PREFIX = PUBLIC_KEYS.complaint('');

/**
 * The public read model: each committed block of the public channel, its writes decoded with the public
 * chaincode's own keys (PUBLIC_KEYS), applied to the gateway's store in one SQLite transaction with the checkpoint.
 * Every gateway keeps one, so that a consumer's lookup is a local read and never reaches the peer.
 */
export class PublicReadModel {
  constructor(private readonly store: PublicReadModelStore) {}

  nextBlock(): bigint {
    const checkpoint = this.store.checkpoint();
    return checkpoint === undefined ? 0n : checkpoint + 1n;
  }

  /** Applies one block; one applied already changes nothing, one past the next is refused (no gaps). */
  apply(block: CommittedBlock): void {
    this.store.inTransaction(() => {
      const next = this.nextBlock();
      if (block.number < next) return;
      if (block.number > next) throw new Error(`public block ${block.number} delivered while the public read model needs block ${next}`);
      for (const transaction of block.transactions) {
        if (!transaction.valid) continue;
        for (const write of transaction.writes) {
          // The public chaincode has no collections; the item index (complaintOfItem) is the store's own index.
          if (write.collection !== undefined) continue;
          if (write.key.startsWith(RECORD_PREFIX)) this.#record(write.key.slice(RECORD_PREFIX.length), write.value, block.number);
          else if (write.key.startsWith(COMPLAINT_PREFIX)) this.#complaint(write.key.slice(COMPLAINT_PREFIX.length), write.value, block.number);
        }
      }
      this.store.setCheckpoint(block.number);
    });
  }

  #record(epc: string, value: Uint8Array | undefined, block: bigint): void {
    if (value === undefined) return this.store.deleteRecord(epc);
    const text = Buffer.from(value).toString('utf8');
    const published = JSON.parse(text) as PublishedRecord;
    this.store.putRecord(epc, published.version, text, block);
  }

  #complaint(id: string, value: Uint8Array | undefined, block: bigint): void {
    if (value === undefined) return this.store.deleteComplaint(id);
    const text = Buffer.from(value).toString('utf8');
    const complaint = JSON.parse(text) as Complaint;
    this.store.putComplaint({ id, epc: complaint.epc, status: complaint.status, complaint: text, answer: JSON.stringify(publicComplaint(complaint)) }, block);
  }
}

/**
 * What an anonymous reader is shown of a complaint: which step it concerns, its category and status, the responsible
 * enterprise's answer and the regulator's ruling, with their dates. Never the description: it is the buyer's own
 * words, unmoderated, and may name people, places or a health condition; members of the public channel read it on
 * the ledger, the open web does not. The answer and the ruling are the accountable parties' public statements.
 */
export function publicComplaint(complaint: Complaint): Record<string, unknown> {
  return {
    id: complaint.id,
    eventId: complaint.eventId,
    step: complaint.step,
    category: complaint.category,
    status: complaint.status,
    responsible: complaint.responsible,
    filedAt: complaint.filedAt,
    answerDue: complaint.answerDue,
    ...(complaint.answer && { answer: { text: complaint.answer.text, by: complaint.answer.by, at: complaint.answer.at } }),
    ...(complaint.ruling && { ruling: { decision: complaint.ruling.decision, reason: complaint.ruling.reason, by: complaint.ruling.by, at: complaint.ruling.at } }),
  };
}
