import { buyerReferenceOf, compositeKeyParts, LEDGER_KEYS, type EventSummary, type ItemState } from '@crossborder-trace/domain';
import type { CommittedBlock, CommittedTransaction, KeyWrite } from '../fabric/port';
import type { ScreeningStore } from '../store/screening';
import { MissingPrivateData } from './read-model';
import type { BlockApplier } from './read-model-follower';

/** The step of a sale, as event summaries write it. */
const SALE_STEP = 'retail_selling';

/**
 * What makes the screening module act, read from the alliance channel's blocks: a sale this org recorded queues
 * the item (and keeps the sale's buyer reference for purchases); a recall reaching an item it sold, or an error
 * declared against a step of an item's record, queues it again, since the record changes. A block's queue rows and the module's checkpoint are one SQLite transaction, so a
 * restart resumes with the block after the last one applied and nothing is queued twice or lost.
 */
export class ScreeningTriggers implements BlockApplier {
  constructor(
    private readonly store: ScreeningStore,
    private readonly mspId: string,
    /** Called after a block queued something. */
    private readonly queued: () => void,
  ) {}

  nextBlock(): bigint {
    const checkpoint = this.store.checkpoint();
    return checkpoint === undefined ? 0n : checkpoint + 1n;
  }

  apply(block: CommittedBlock, options: { readonly acceptMissingPrivateData?: boolean } = {}): void {
    const queued = this.store.inTransaction(() => {
      const next = this.nextBlock();
      if (block.number < next) return 0;
      if (block.number > next) throw new Error(`block ${block.number} delivered while the screening module needs block ${next}`);
      let count = 0;
      for (const transaction of block.transactions) {
        if (transaction.valid) count += this.#applyTransaction(block.number, transaction, options.acceptMissingPrivateData === true);
      }
      this.store.setCheckpoint(block.number);
      return count;
    });
    if (queued > 0) this.queued();
  }

  #applyTransaction(block: bigint, transaction: CommittedTransaction, acceptMissing: boolean): number {
    let queued = 0;
    // Sales first: an item sold and recalled in one transaction is known by the time its state is read.
    for (const write of writesOf(transaction, LEDGER_KEYS.event)) {
      const summary = decode<EventSummary>(write);
      if (summary.bizStep !== SALE_STEP || summary.recordedBy !== this.mspId) continue;
      const detail = transaction.writes.find((w) => w.collection !== undefined && compositeKeyParts(w.key)?.objectType === LEDGER_KEYS.eventDetail && compositeKeyParts(w.key)?.attributes[0] === summary.id);
      // The org's own sale: its peer endorsed it and holds the detail, unless the data is still on its way.
      if (!detail && transaction.privateCollections.length > 0 && !acceptMissing) throw new MissingPrivateData(block, transaction.privateCollections.map((c) => `${c} (${transaction.txId})`));
      const buyerReference = detail ? buyerReferenceOf(decode<{ event: unknown }>(detail).event) : undefined;
      for (const epc of summary.what.epcList ?? []) {
        this.store.putSale({ eventId: summary.id, epc, soldAt: summary.eventTimeUtc, ...(buyerReference !== undefined && { buyerReference }) }, block);
        this.store.enqueue(epc, 'sale');
        queued++;
      }
    }
    // An error declared against a step of a record this org published: the record's next version leaves it out.
    for (const write of writesOf(transaction, LEDGER_KEYS.errorDeclaration)) {
      const eventId = compositeKeyParts(write.key)?.attributes[0];
      for (const epc of eventId === undefined ? [] : this.store.itemsWithStep(eventId)) {
        this.store.enqueue(epc, 'error-declaration');
        queued++;
      }
    }
    for (const write of writesOf(transaction, LEDGER_KEYS.item)) {
      const state = decode<ItemState>(write);
      const known = this.store.item(state.epc);
      const recalls = state.recalls?.length ?? 0;
      if (!known || recalls <= known.recallsSeen) continue;
      this.store.enqueue(state.epc, 'recall');
      this.store.setRecallsSeen(state.epc, recalls);
      queued++;
    }
    return queued;
  }
}

/** The transaction's channel-state writes of one object type of the chaincode's key design. */
function writesOf(transaction: CommittedTransaction, objectType: string): KeyWrite[] {
  return transaction.writes.filter((w) => w.collection === undefined && w.value !== undefined && compositeKeyParts(w.key)?.objectType === objectType);
}

function decode<T>(write: KeyWrite): T {
  return JSON.parse(Buffer.from(write.value as Uint8Array).toString('utf8')) as T;
}
