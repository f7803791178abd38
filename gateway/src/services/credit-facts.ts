import {
  ARRIVAL_STEPS,
  brandOwnerOf,
  compositeKeyParts,
  CUSTOMS_KEYS,
  LEDGER_KEYS,
  objectsOf,
  PUBLIC_KEYS,
  VERDICT_STEPS,
  type AllianceCharter,
  type Complaint,
  type CreditAuthorisation,
  type CreditDispute,
  type CustomsVerdict,
  type Enterprise,
  type EventSummary,
  type Financier,
  type WaybillRecord,
} from '@crossborder-trace/domain';
import type { CommittedBlock, CommittedTransaction, KeyWrite } from '../fabric/port';
import type { CreditChannel, CreditFactStore, NewCreditFact } from '../store/credit-facts';
import type { BlockApplier } from './read-model-follower';

/** A fact of a write: its kind, the enterprise it concerns, its key, and the value kept. */
type Decoded = { kind: string; party: string; key: string; value: unknown };

const COMPLAINT_PREFIX = PUBLIC_KEYS.complaint('');
/** An SSCC as event summaries hold it (GS1 Digital Link, AI 00): what a waybill's parcel is looked up by. */
const SSCC_LINK = 'https://id.gs1.org/00/';

/**
 * The credit facts of one channel: every write a credit report reads (PROMISES' facts, suspensions, the credit
 * contract's records), kept with its block so that a report at any height is the facts up to it. Only channel state
 * is read: every member's gateway holds it, so every member computes the same report; nothing comes from a
 * collection. One SQLite transaction per block, with the channel's checkpoint.
 */
export class CreditFacts implements BlockApplier {
  constructor(
    private readonly store: CreditFactStore,
    private readonly channel: CreditChannel,
  ) {}

  nextBlock(): bigint {
    const checkpoint = this.store.checkpoint(this.channel);
    return checkpoint === undefined ? 0n : checkpoint + 1n;
  }

  apply(block: CommittedBlock): void {
    this.store.inTransaction(() => {
      const next = this.nextBlock();
      if (block.number < next) return;
      if (block.number > next) throw new Error(`${this.channel} block ${block.number} delivered while the credit facts need block ${next}`);
      let charter = this.channel === 'alliance' ? (this.store.latest('alliance', 'charter', block.number)?.value as AllianceCharter | undefined) : undefined;
      const facts: NewCreditFact[] = [];
      const valid = block.transactions.filter((t) => t.valid);
      for (const transaction of valid) {
        let seq = 0;
        for (const write of transaction.writes) {
          for (const fact of this.channel === 'alliance' ? allianceFacts(write, charter) : publicFacts(write)) {
            if (fact.kind === 'charter') charter = fact.value as AllianceCharter;
            facts.push(row(transaction, seq++, fact));
          }
        }
      }
      const time = valid.length === 0 ? undefined : valid.map((t) => t.timestamp).reduce((a, b) => (a > b ? a : b));
      this.store.putBlock(this.channel, block.number, time, facts);
    });
  }
}

/**
 * Keeps two appliers on one block feed: the read model and the credit facts of its channel, each with its own
 * checkpoint. The feed starts at the lower one; each applies only the blocks it needs.
 */
export function alongside(first: BlockApplier, second: BlockApplier): BlockApplier {
  return {
    nextBlock: () => (first.nextBlock() < second.nextBlock() ? first.nextBlock() : second.nextBlock()),
    apply(block, options) {
      if (block.number >= first.nextBlock()) first.apply(block, options);
      if (block.number >= second.nextBlock()) second.apply(block, options);
    },
  };
}

function row(transaction: CommittedTransaction, seq: number, fact: Decoded): NewCreditFact {
  return { txIndex: transaction.index, seq, kind: fact.kind, party: fact.party, key: fact.key, txId: transaction.txId, committedAt: transaction.timestamp, value: JSON.stringify(fact.value) };
}

function allianceFacts(write: KeyWrite, charter: AllianceCharter | undefined): Decoded[] {
  if (write.collection !== undefined || write.value === undefined) return [];
  const value = () => JSON.parse(Buffer.from(write.value as Uint8Array).toString('utf8')) as unknown;
  if (write.key === LEDGER_KEYS.charter) return [{ kind: 'charter', party: '', key: 'charter', value: value() }];
  const type = compositeKeyParts(write.key)?.objectType;
  switch (type) {
    case LEDGER_KEYS.enterprise: {
      const enterprise = value() as Enterprise;
      return [{ kind: 'enterprise', party: enterprise.mspId, key: enterprise.mspId, value: enterprise }];
    }
    case LEDGER_KEYS.event:
      return eventFacts(value() as EventSummary, charter);
    case CUSTOMS_KEYS.waybill: {
      const waybill = value() as WaybillRecord;
      return [{ kind: 'waybill', party: waybill.carrier, key: waybill.waybillNumber, value: waybill }];
    }
    case CUSTOMS_KEYS.verdict: {
      const verdict = value() as CustomsVerdict;
      return [{ kind: 'declaration', party: verdict.declaredBy, key: verdict.declarationId, value: verdict }];
    }
    case LEDGER_KEYS.creditFinancier: {
      const financier = value() as Financier;
      return [{ kind: 'financier', party: '', key: financier.id, value: financier }];
    }
    case LEDGER_KEYS.creditAuthorisation: {
      const authorisation = value() as CreditAuthorisation;
      return [{ kind: 'authorisation', party: authorisation.enterprise, key: authorisation.financierId, value: authorisation }];
    }
    case LEDGER_KEYS.creditDispute: {
      const dispute = value() as CreditDispute;
      return [{ kind: 'dispute', party: dispute.enterprise, key: dispute.id, value: dispute }];
    }
    default:
      return [];
  }
}

/** An inspection's verdict, for each brand owner of what it names; an arrival, under each SSCC it names. */
function eventFacts(summary: EventSummary, charter: AllianceCharter | undefined): Decoded[] {
  const objects = objectsOf(summary);
  const found: Decoded[] = [];
  if (summary.bizStep !== undefined && VERDICT_STEPS.has(summary.bizStep) && summary.verdict !== undefined && charter) {
    const owners = new Set([...objects, ...(summary.what.epcClasses ?? [])].map((id) => brandOwnerOf(charter, id)).filter((o): o is string => o !== undefined));
    const verdict = { eventId: summary.id, bizStep: summary.bizStep, verdict: summary.verdict, eventTimeUtc: summary.eventTimeUtc, recordedBy: summary.recordedBy };
    for (const owner of [...owners].sort()) found.push({ kind: 'verdict', party: owner, key: summary.id, value: verdict });
  }
  if (summary.bizStep !== undefined && ARRIVAL_STEPS.has(summary.bizStep)) {
    const arrival = { eventId: summary.id, bizStep: summary.bizStep, eventTimeUtc: summary.eventTimeUtc, recordedBy: summary.recordedBy, objects };
    for (const sscc of objects.filter((o) => o.startsWith(SSCC_LINK))) found.push({ kind: 'arrival', party: '', key: sscc, value: arrival });
  }
  return found;
}

function publicFacts(write: KeyWrite): Decoded[] {
  if (write.collection !== undefined || write.value === undefined || !write.key.startsWith(COMPLAINT_PREFIX)) return [];
  const complaint = JSON.parse(Buffer.from(write.value).toString('utf8')) as Complaint;
  return [{ kind: 'complaint', party: complaint.responsible, key: complaint.id, value: complaint }];
}
