import { canonicalJson, PUBLIC_KEYS, type Complaint, type PublishedRecord } from '@crossborder-trace/domain';
import type { ChaincodeStub } from 'fabric-shim';

/** The public chaincode's one access to its state: records and complaints as JSON under PUBLIC_KEYS. */
export class PublicLedger {
  constructor(private readonly stub: ChaincodeStub) {}

  async record(epc: string): Promise<PublishedRecord | undefined> {
    return this.#get<PublishedRecord>(PUBLIC_KEYS.record(epc));
  }

  async putRecord(published: PublishedRecord): Promise<void> {
    await this.#put(PUBLIC_KEYS.record(published.record.epc), published);
  }

  async complaint(id: string): Promise<Complaint | undefined> {
    return this.#get<Complaint>(PUBLIC_KEYS.complaint(id));
  }

  /** Writes the complaint and, when it is new, its entry in the item's list. */
  async putComplaint(complaint: Complaint, isNew: boolean): Promise<void> {
    await this.#put(PUBLIC_KEYS.complaint(complaint.id), complaint);
    if (isNew) await this.stub.putState(PUBLIC_KEYS.complaintOfItem(complaint.epc, complaint.id), Buffer.from(complaint.id));
  }

  /** The item's complaints in id order, at most `limit`. */
  async complaintsOf(epc: string, limit: number): Promise<{ complaints: Complaint[]; truncated: boolean }> {
    const start = PUBLIC_KEYS.complaintOfItem(epc, '');
    const iterator = await this.stub.getStateByRange(start, `${start}\u{10FFFF}`);
    const complaints: Complaint[] = [];
    let truncated = false;
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        if (complaints.length >= limit) {
          truncated = true;
          break;
        }
        const complaint = await this.complaint(Buffer.from(next.value.value).toString('utf8'));
        if (complaint) complaints.push(complaint);
      }
    } finally {
      await iterator.close();
    }
    return { complaints, truncated };
  }

  async #get<T>(key: string): Promise<T | undefined> {
    const bytes = await this.stub.getState(key);
    return bytes && bytes.length > 0 ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as T) : undefined;
  }

  async #put(key: string, value: unknown): Promise<void> {
    await this.stub.putState(key, Buffer.from(canonicalJson(value)));
  }
}
