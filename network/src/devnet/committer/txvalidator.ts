import { common, peer } from '@hyperledger/fabric-protos';
import type { PeerLedger, TxValidationCode } from '../ledger/api';
import type { ChaincodeRegistry } from '../lifecycle/api';
import type { IdentityDeserializer } from '../msp/api';
import { computeTxId } from '../orderer/blocks';
import { BlockPolicyUpdates, checkEndorsementPolicies, verifiedEndorsers } from './endorsement-policy';
import { MalformedTransaction, parseTransaction, type ParsedTransaction } from './transaction';

const Code = peer.TxValidationCode;

export interface TxValidatorOptions {
  readonly channel: string;
  readonly ledger: PeerLedger;
  readonly deserializer: IdentityDeserializer;
  readonly registry: ChaincodeRegistry;
}

/**
 * Fabric's txvalidator: everything about a transaction but MVCC — its form, the
 * creator's signature, the tx id, duplicates, and the endorsement policies. MVCC is the ledger's part.
 * An invalid transaction stays in the block with its code and changes nothing.
 */
export class TxValidator {
  readonly #options: TxValidatorOptions;

  constructor(options: TxValidatorOptions) {
    this.#options = options;
  }

  /** In block order: a transaction's key-level policies depend on the policy updates of those before it. */
  async validate(block: common.Block): Promise<TxValidationCode[]> {
    const envelopes = block.getData()?.getDataList_asU8() ?? [];
    const seen = new Set<string>();
    const updates = new BlockPolicyUpdates();
    const codes: TxValidationCode[] = [];
    for (const bytes of envelopes) {
      let tx: ParsedTransaction;
      try {
        tx = parseTransaction(bytes);
      } catch (err) {
        if (err instanceof MalformedTransaction) {
          codes.push(err.code as TxValidationCode);
          continue;
        }
        throw err;
      }
      // As Fabric's markTXIdDuplicates: a tx id seen earlier in the block makes this one a duplicate.
      const txId = tx.channelHeader.getTxId();
      const duplicateInBlock = txId !== '' && seen.has(txId);
      seen.add(txId);
      const code = await this.#validateTransaction(tx, updates);
      codes.push(code === Code.VALID && duplicateInBlock ? Code.DUPLICATE_TXID : code);
    }
    return codes;
  }

  async #validateTransaction(tx: ParsedTransaction, updates: BlockPolicyUpdates): Promise<TxValidationCode> {
    const { channel, deserializer, registry, ledger } = this.#options;
    if (tx.channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) return Code.UNSUPPORTED_TX_PAYLOAD;
    const creatorBytes = tx.signatureHeader.getCreator_asU8();
    try {
      const creator = deserializer.deserializeIdentity(creatorBytes);
      if (!creator.verify(tx.payloadBytes, tx.signature)) return Code.BAD_CREATOR_SIGNATURE;
    } catch {
      return Code.BAD_CREATOR_SIGNATURE;
    }
    if (tx.channelHeader.getTxId() !== computeTxId(tx.signatureHeader.getNonce_asU8(), creatorBytes)) {
      return Code.BAD_PROPOSAL_TXID;
    }
    if (tx.channelHeader.getChannelId() !== channel) return Code.TARGET_CHAIN_NOT_FOUND;
    if (ledger.getTxStatus(tx.channelHeader.getTxId())) return Code.DUPLICATE_TXID;
    const action = tx.endorsed;
    if (!action) return Code.INVALID_ENDORSER_TRANSACTION;
    const endorsers = verifiedEndorsers(action, deserializer);
    const verdict = await checkEndorsementPolicies(action, endorsers, { channel, registry, state: ledger, updates });
    if (verdict === 'unknown-chaincode') return Code.INVALID_CHAINCODE;
    if (verdict === 'policy-failure') return Code.ENDORSEMENT_POLICY_FAILURE;
    updates.record(action);
    return Code.VALID;
  }
}
