import { createHash } from 'node:crypto';
import { common, type ledger, peer } from '@hyperledger/fabric-protos';
import { txRwsetOf } from '../ledger/rwset-parsing';

/** An endorser transaction taken apart for validation. */
export interface ParsedTransaction {
  readonly channelHeader: common.ChannelHeader;
  readonly signatureHeader: common.SignatureHeader;
  readonly payloadBytes: Uint8Array;
  readonly signature: Uint8Array;
  /** undefined for transactions that are not ENDORSER_TRANSACTION. */
  readonly endorsed?: EndorsedAction;
}

export interface EndorsedAction {
  readonly chaincodeName: string;
  readonly proposalResponsePayload: Uint8Array;
  readonly endorsements: readonly peer.Endorsement[];
  readonly rwset: ledger.rwset.TxReadWriteSet;
}

/** A transaction that cannot be parsed is invalid with this code (Fabric's msgvalidation). */
export class MalformedTransaction extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

const Code = peer.TxValidationCode;

export function parseTransaction(envelopeBytes: Uint8Array): ParsedTransaction {
  if (envelopeBytes.length === 0) throw new MalformedTransaction(Code.NIL_ENVELOPE, 'empty envelope');
  const envelope = parse(Code.BAD_PAYLOAD, 'envelope', () => common.Envelope.deserializeBinary(envelopeBytes));
  const payloadBytes = envelope.getPayload_asU8();
  const payload = parse(Code.BAD_PAYLOAD, 'payload', () => common.Payload.deserializeBinary(payloadBytes));
  const header = payload.getHeader();
  if (!header) throw new MalformedTransaction(Code.BAD_COMMON_HEADER, 'payload header is missing');
  const channelHeader = parse(Code.BAD_COMMON_HEADER, 'channel header', () =>
    common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8()),
  );
  const signatureHeader = parse(Code.BAD_COMMON_HEADER, 'signature header', () =>
    common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8()),
  );
  const base = { channelHeader, signatureHeader, payloadBytes, signature: envelope.getSignature_asU8() };
  if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) return base;

  // Structural faults of an endorser transaction are all INVALID_ENDORSER_TRANSACTION in Fabric's msgvalidation.
  const invalid = Code.INVALID_ENDORSER_TRANSACTION;
  const tx = parse(invalid, 'transaction', () => peer.Transaction.deserializeBinary(payload.getData_asU8()));
  const actions = tx.getActionsList();
  if (actions.length !== 1) {
    throw new MalformedTransaction(invalid, `only one action per transaction is supported, tx contains ${actions.length}`);
  }
  const actionHeader = actions[0].getHeader_asU8();
  const actionPayload = parse(invalid, 'chaincode action payload', () =>
    peer.ChaincodeActionPayload.deserializeBinary(actions[0].getPayload_asU8()),
  );
  const endorsedAction = actionPayload.getAction();
  if (!endorsedAction) throw new MalformedTransaction(invalid, 'chaincode endorsed action is missing');
  const prpBytes = endorsedAction.getProposalResponsePayload_asU8();
  const prp = parse(invalid, 'proposal response payload', () => peer.ProposalResponsePayload.deserializeBinary(prpBytes));
  // The endorsed response must be for this very proposal (Fabric's GetProposalHash2).
  const proposalHash = createHash('sha256')
    .update(header.getChannelHeader_asU8())
    .update(actionHeader)
    .update(actionPayload.getChaincodeProposalPayload_asU8())
    .digest();
  if (!proposalHash.equals(prp.getProposalHash_asU8())) {
    throw new MalformedTransaction(invalid, 'proposal hash does not match');
  }
  const action = parse(Code.BAD_RESPONSE_PAYLOAD, 'chaincode action', () =>
    peer.ChaincodeAction.deserializeBinary(prp.getExtension_asU8()),
  );
  const rwset = parse(Code.BAD_RWSET, 'read-write set', () => txRwsetOf(envelopeBytes, action.getResults_asU8()));
  const chaincodeName = action.getChaincodeId()?.getName() ?? '';
  if (!chaincodeName) throw new MalformedTransaction(Code.INVALID_CHAINCODE, 'chaincode id is missing');
  return {
    ...base,
    endorsed: { chaincodeName, proposalResponsePayload: prpBytes, endorsements: endorsedAction.getEndorsementsList(), rwset },
  };
}

function parse<T>(code: number, what: string, decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    throw new MalformedTransaction(code, `error unmarshalling ${what}: ${(err as Error).message}`);
  }
}
