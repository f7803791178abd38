import type { common } from '@hyperledger/fabric-protos';
import type { BatchSettings } from '../../description/model';

export interface OrderedResult {
  /** Batches cut by this message, oldest first (at most two). */
  readonly batches: common.Envelope[][];
  /** Whether messages are left waiting in the pending batch. */
  readonly pending: boolean;
}

/** Fabric's measure of an envelope for batching and size limits: payload plus signature, without framing. */
export function messageSizeBytes(envelope: common.Envelope): number {
  return envelope.getPayload_asU8().length + envelope.getSignature_asU8().length;
}

/**
 * Fabric's blockcutter receiver: collects ordered messages into a pending batch and cuts it when it holds
 * maxMessageCount messages or the next message would take it past preferredMaxBytes. A message larger
 * than preferredMaxBytes goes into a batch of its own. Time-based cutting is the caller's (cut()).
 */
export class BlockCutter {
  readonly #batch: BatchSettings;
  #pending: common.Envelope[] = [];
  #pendingBytes = 0;

  constructor(batch: BatchSettings) {
    this.#batch = batch;
  }

  ordered(envelope: common.Envelope): OrderedResult {
    const size = messageSizeBytes(envelope);
    const batches: common.Envelope[][] = [];
    if (size > this.#batch.preferredMaxBytes) {
      if (this.#pending.length > 0) batches.push(this.cut());
      batches.push([envelope]);
      return { batches, pending: false };
    }
    if (this.#pendingBytes + size > this.#batch.preferredMaxBytes) batches.push(this.cut());
    this.#pending.push(envelope);
    this.#pendingBytes += size;
    if (this.#pending.length >= this.#batch.maxMessageCount) {
      batches.push(this.cut());
      return { batches, pending: false };
    }
    return { batches, pending: true };
  }

  /** Returns the pending batch (possibly empty) and starts a new one. */
  cut(): common.Envelope[] {
    const batch = this.#pending;
    this.#pending = [];
    this.#pendingBytes = 0;
    return batch;
  }
}
