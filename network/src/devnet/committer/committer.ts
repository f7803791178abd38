import { peer, type common } from '@hyperledger/fabric-protos';
import type { CommittedBlock, PeerLedger } from '../ledger/api';
import type { TxValidator } from './txvalidator';

/**
 * Takes blocks from the orderer, in order, and commits them: validation, then the ledger's MVCC check and
 * durable append. Block 0 is the channel's genesis config block, committed as it is.
 */
export class Committer {
  readonly #ledger: PeerLedger;
  readonly #validator: TxValidator;

  constructor(ledger: PeerLedger, validator: TxValidator) {
    this.#ledger = ledger;
    this.#validator = validator;
  }

  async commitBlock(block: common.Block): Promise<CommittedBlock> {
    const number = block.getHeader()?.getNumber() ?? 0;
    const codes = number === 0 ? [peer.TxValidationCode.VALID] : await this.#validator.validate(block);
    return this.#ledger.commit(block, codes);
  }
}
