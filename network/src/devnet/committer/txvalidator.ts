import { common, peer } from '@hyperledger/fabric-protos';
import type { ChannelLedger, TxValidationCode } from '../ledger/api';
import type { ChaincodeRegistry } from '../lifecycle/api';
import type { IdentityDeserializer } from '../msp/api';
import { computeTxId } from '../orderer/blocks';
import { requiredPolicies, verifiedEndorsers } from './endorsement-policy';
import { MalformedTransaction, parseTransaction, type ParsedTransaction } from './transaction';

const Code = peer.TxValidationCode;

export interface TxValidatorOptions {
  readonly channel: string;
  readonly ledger: ChannelLedger;
  readonly deserializer: IdentityDeserializer;
  readonly registry: ChaincodeRegistry;
}

/**
 * Fabric's txvalidator: everything about a transaction that does not depend on state — its form, the
 * creator's signature, the tx id, duplicates, and the endorsement policies. MVCC is the ledger's part.
 * An invalid transaction stays in the block with its code and changes nothing.
 */
export class TxValidator {
  readonly #options: TxValidatorOptions;

  constructor(options: TxValidatorOptions) {
    this.#options = options;
  }

  validate(block: common.Block): TxValidationCode[] {
    const envelopes = block.getData()?.getDataList_asU8() ?? [];
    const seen = new Set<string>();
    return envelopes.map((bytes) => {
      let tx: ParsedTransaction;
      try {
        tx = parseTransaction(bytes);
      } catch (err) {
        if (err instanceof MalformedTransaction) return err.code as TxValidationCode;
        throw err;
      }
      // As Fabric's markTXIdDuplicates: a tx id seen earlier in the block makes this one a duplicate.
      const txId = tx.channelHeader.getTxId();
      const duplicateInBlock = txId !== '' && seen.has(txId);
      seen.add(txId);
      const code = this.#validateTransaction(tx);
      return code === Code.VALID && duplicateInBlock ? Code.DUPLICATE_TXID : code;
    });
  }

  #validateTransaction(tx: ParsedTransaction): TxValidationCode {
    const { channel, deserializer, registry } = this.#options;
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
    if (this.#options.ledger.getTxStatus(tx.channelHeader.getTxId())) return Code.DUPLICATE_TXID;
    const action = tx.endorsed;
    if (!action) return Code.INVALID_ENDORSER_TRANSACTION;
    const policies = requiredPolicies(channel, action, registry);
    if (!policies) return Code.INVALID_CHAINCODE;
    const endorsers = verifiedEndorsers(action, deserializer);
    return policies.every((policy) => policy.evaluate(endorsers)) ? Code.VALID : Code.ENDORSEMENT_POLICY_FAILURE;
  }
}
