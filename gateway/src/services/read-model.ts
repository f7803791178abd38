import { createHash } from 'node:crypto';
import {
  brandOwnerOf,
  collectionsFor,
  compositeKeyParts,
  CUSTOMS_KEYS,
  LEDGER_KEYS,
  objectsOf,
  RECALL_KEYS,
  type AllianceCharter,
  type CustomsVerdict,
  type Enterprise,
  type EventSummary,
  type ItemState,
  type Product,
  type RecallRecord,
} from '@crossborder-trace/domain';
import type { CommittedBlock, CommittedTransaction, KeyWrite } from '../fabric/port';
import type { Alert, AlertDraft, AlertStore } from '../store/alerts';
import type { ReadModelStore, RecordedEvent } from '../store/read-model';
import { ALERT_RULES, type Finding } from './alert-rules';

/**
 * The alliance read model: each committed block's writes to the trace chaincode, decoded with the chaincode's
 * own key design (LEDGER_KEYS), applied to the gateway's store; the alert rules run on what each transaction
 * recorded. A block's rows, its alerts and its checkpoint are one SQLite transaction, so a crash leaves the
 * model at the end of a whole block, and the next start resumes with the block after it.
 */
export class ReadModel {
  readonly #listeners = new Set<(alerts: readonly Alert[]) => void>();

  constructor(
    private readonly store: ReadModelStore,
    private readonly alerts: AlertStore,
    /**
     * The org whose model this is: its peer should hold the private data of the collections it is a member of.
     * Without it, blocks are applied with whatever private data they carry.
     */
    private readonly mspId?: string,
  ) {}

  /** The next block the model needs. */
  nextBlock(): bigint {
    const checkpoint = this.store.checkpoint();
    return checkpoint === undefined ? 0n : checkpoint + 1n;
  }

  /**
   * Applies one block; a block applied already (a feed that starts again) changes nothing. A block past the next
   * one is refused: the feed is asked again from the checkpoint rather than leave a gap.
   */
  apply(block: CommittedBlock, options: { readonly acceptMissingPrivateData?: boolean } = {}): void {
    const raised = this.store.inTransaction(() => {
      const next = this.nextBlock();
      if (block.number < next) return [];
      if (block.number > next) throw new Error(`block ${block.number} delivered while the read model needs block ${next}`);
      const missing = this.#missingPrivateData(block);
      if (missing.length > 0 && !options.acceptMissingPrivateData) throw new MissingPrivateData(block.number, missing);
      const found: Alert[] = [];
      for (const transaction of block.transactions) {
        if (transaction.valid) found.push(...this.#applyTransaction(block.number, transaction));
      }
      const committed = block.transactions.filter((t) => t.valid).map((t) => t.timestamp);
      if (committed.length > 0) {
        const time = committed.reduce((a, b) => (a > b ? a : b));
        for (const rule of ALERT_RULES) {
          for (const finding of rule.onBlock?.({ time, model: this.store }) ?? []) found.push(...this.#raise(rule.rule, finding, block.number, time));
        }
      }
      this.store.setCheckpoint(block.number);
      return found;
    });
    if (raised.length > 0) for (const listener of this.#listeners) listener(raised);
  }

  /** Called with the alerts of each block once its transaction has committed. */
  onAlerts(listener: (alerts: readonly Alert[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Collections of the org's that a valid transaction of the block wrote, whose data the peer did not hand over:
   * a peer that was not an endorser receives it by dissemination, or later by reconciliation.
   */
  #missingPrivateData(block: CommittedBlock): string[] {
    const charter = this.store.charter();
    if (!charter || this.mspId === undefined) return [];
    const mine = new Set(collectionsFor(charter).filter((c) => c.policy.includes(`'${this.mspId}.member'`)).map((c) => c.name));
    return block.transactions
      .filter((t) => t.valid)
      .flatMap((t) => t.privateCollections.filter((c) => mine.has(c) && !t.writes.some((w) => w.collection === c)).map((c) => `${c} (${t.txId})`));
  }

  #applyTransaction(block: bigint, transaction: CommittedTransaction): Alert[] {
    const at = { block, txId: transaction.txId, committedAt: transaction.timestamp };
    const before = new Map<string, ItemState | undefined>();
    const recorded: EventSummary[] = [];
    const verdicts: CustomsVerdict[] = [];
    for (const write of transaction.writes) {
      if (write.value === undefined) continue;
      const kind = kindOf(write);
      const id = kind?.id ?? '';
      const value = () => JSON.parse(Buffer.from(write.value as Uint8Array).toString('utf8')) as unknown;
      switch (kind?.type) {
        case 'charter':
          this.store.putCharter(value() as AllianceCharter, transaction.txId);
          break;
        case LEDGER_KEYS.enterprise:
          this.store.putEnterprise(value() as Enterprise, transaction.txId, transaction.timestamp);
          break;
        case LEDGER_KEYS.product:
          this.store.putProduct(value() as Product, transaction.txId);
          break;
        case LEDGER_KEYS.event: {
          const summary = value() as EventSummary;
          this.store.putEvent(summary, objectsOf(summary), at);
          recorded.push(summary);
          break;
        }
        case LEDGER_KEYS.errorDeclaration:
          this.store.putErrorDeclaration(id, value(), transaction.txId);
          break;
        case LEDGER_KEYS.item: {
          const state = value() as ItemState;
          if (!before.has(state.epc)) before.set(state.epc, this.store.item(state.epc));
          this.store.putItem(state, transaction.txId);
          break;
        }
        case RECALL_KEYS.recall:
          this.store.putRecall(value() as RecallRecord, block);
          break;
        case CUSTOMS_KEYS.verdict:
          verdicts.push(value() as CustomsVerdict);
          break;
        case LEDGER_KEYS.eventDetail: {
          // The salt stays out: what the model keeps is the event and its hash ID.
          const { hashId, event } = value() as { hashId: string; event: unknown };
          this.store.putEventDetail(id, write.collection as string, { hashId, event });
          break;
        }
        default:
        // Index entries (an item's recall entries too: its state lists them) and collection keys.
      }
    }
    const charter = this.store.charter();
    const raised: Alert[] = [];
    for (const summary of recorded) {
      const event = this.store.event(summary.id) as RecordedEvent;
      for (const rule of ALERT_RULES) {
        for (const finding of rule.onEvent?.({ event, before, model: this.store, charter }) ?? []) raised.push(...this.#raise(rule.rule, finding, block, transaction.timestamp));
      }
    }
    for (const verdict of verdicts) {
      for (const rule of ALERT_RULES) {
        for (const finding of rule.onVerdict?.({ verdict, txId: transaction.txId }) ?? []) raised.push(...this.#raise(rule.rule, finding, block, transaction.timestamp));
      }
    }
    return raised;
  }

  #raise(rule: string, finding: Finding, block: bigint, raisedAt: string): Alert[] {
    const charter = this.store.charter();
    const recorders = finding.eventIds.map((id) => this.store.event(id)?.summary.recordedBy);
    const owners = (finding.epcs ?? []).map((epc) => charter && brandOwnerOf(charter, epc));
    const parties = [...new Set([finding.responsible, ...recorders, ...owners].filter((p): p is string => typeof p === 'string'))].sort();
    const draft: AlertDraft = {
      id: alertId(rule, finding.key),
      rule,
      responsible: finding.responsible,
      parties,
      summary: finding.summary,
      evidence: { eventIds: finding.eventIds, txIds: finding.txIds, ...(finding.epcs && { epcs: finding.epcs }) },
      block,
      raisedAt,
    };
    const added = this.alerts.add(draft);
    return added ? [added] : [];
  }
}

/** A block whose private data the org's peer does not hold yet: it is asked again rather than applied without. */
export class MissingPrivateData extends Error {
  override readonly name = 'MissingPrivateData';

  constructor(
    readonly block: bigint,
    readonly collections: readonly string[],
  ) {
    super(`block ${block}: private data of ${collections.join(', ')} not received yet`);
  }
}

/** What a write is, by the chaincode's key design: the charter, or a composite key's object type and its id. */
function kindOf(write: KeyWrite): { type: string; id: string } | undefined {
  if (write.collection === undefined && write.key === LEDGER_KEYS.charter) return { type: 'charter', id: '' };
  const parts = compositeKeyParts(write.key);
  if (!parts) return undefined;
  // A detail lives in a collection, everything else on channel state: a key in the wrong place is not one of them.
  if ((parts.objectType === LEDGER_KEYS.eventDetail) !== (write.collection !== undefined)) return undefined;
  return { type: parts.objectType, id: parts.attributes[0] ?? '' };
}

/** An alert's id: the same rule on the same evidence is the same alert, live or rebuilt. */
export function alertId(rule: string, key: string): string {
  return createHash('sha256').update(`${rule}\u0000${key}`).digest('hex').slice(0, 32);
}
