import { common, msp } from '@hyperledger/fabric-protos';
import { MspError, type Identity, type IdentityDeserializer } from '../msp/api';
import { computeTxId } from '../orderer/blocks';
import { ProposalValidationError } from './api';
import type { UnpackedProposal } from './unpack';

/**
 * Fabric's UnpackedProposal.Validate, in its order and with its messages: header type and epoch, nonce and
 * creator present, tx id derived from them, then the creator's identity and signature. Identity failures
 * say only "access denied" with the channel and claimed org, so a probe learns nothing about which check failed.
 */
export function validateProposal(up: UnpackedProposal, deserializer: IdentityDeserializer): Identity {
  const type = up.channelHeader.getType();
  if (type !== common.HeaderType.ENDORSER_TRANSACTION && type !== common.HeaderType.CONFIG) {
    throw new ProposalValidationError(`invalid header type ${headerTypeName(type)}`);
  }
  if (up.channelHeader.getEpoch() !== 0) throw new ProposalValidationError('epoch is non-zero');
  const nonce = up.signatureHeader.getNonce_asU8();
  const creatorBytes = up.signatureHeader.getCreator_asU8();
  if (nonce.length === 0) throw new ProposalValidationError('nonce is empty');
  if (creatorBytes.length === 0) throw new ProposalValidationError('creator is empty');
  const expected = computeTxId(nonce, creatorBytes);
  if (up.channelHeader.getTxId() !== expected) {
    throw new ProposalValidationError(`incorrectly computed txid '${up.channelHeader.getTxId()}' -- expected '${expected}'`);
  }
  if (up.signedProposal.getProposalBytes_asU8().length === 0) throw new ProposalValidationError('empty proposal bytes');
  if (up.signedProposal.getSignature_asU8().length === 0) throw new ProposalValidationError('empty signature bytes');

  const channel = up.channelHeader.getChannelId();
  const claimedMspId = claimedOrg(creatorBytes);
  if (claimedMspId === undefined) {
    throw new ProposalValidationError(`access denied: channel [${channel}] creator org unknown, creator is malformed`);
  }
  let creator: Identity;
  try {
    creator = deserializer.deserializeIdentity(creatorBytes);
  } catch (err) {
    // As Fabric: a certificate that does not chain to the claimed MSP's CAs fails deserialization itself; one
    // that chains but fails the MSP's Validate (node OUs, a CA certificate) is refused in the creator's name.
    if (err instanceof MspError && err.validation) throw new ProposalValidationError(`access denied: channel [${channel}] creator org [${claimedMspId}]`);
    throw new ProposalValidationError(`access denied: channel [${channel}] creator org unknown, creator is malformed`);
  }
  if (!creator.verify(up.signedProposal.getProposalBytes_asU8(), up.signedProposal.getSignature_asU8())) {
    throw new ProposalValidationError(`access denied: channel [${channel}] creator org [${claimedMspId}]`);
  }
  return creator;
}

/** The MSP id a serialized identity claims, if it parses at all (Fabric reports it in the denial). */
function claimedOrg(creatorBytes: Uint8Array): string | undefined {
  try {
    const id = msp.SerializedIdentity.deserializeBinary(creatorBytes).getMspid();
    return id || undefined;
  } catch {
    return undefined;
  }
}

function headerTypeName(type: number): string {
  return Object.entries(common.HeaderType).find(([, value]) => value === type)?.[0] ?? String(type);
}
