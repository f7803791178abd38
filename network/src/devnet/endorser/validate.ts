import { common } from '@hyperledger/fabric-protos';
import type { Identity, IdentityDeserializer } from '../msp/api';
import { computeTxId } from '../orderer/blocks';
import { ProposalValidationError } from './api';
import type { UnpackedProposal } from './unpack';

/**
 * Fabric's UnpackedProposal.Validate: header type and epoch, creator known and valid, signature, tx id
 * derived from nonce and creator. Failures of identity say only "access denied", as Fabric does, so that a
 * probe learns nothing about which check failed.
 */
export function validateProposal(up: UnpackedProposal, deserializer: IdentityDeserializer): Identity {
  const type = up.channelHeader.getType();
  if (type !== common.HeaderType.ENDORSER_TRANSACTION) {
    throw new ProposalValidationError(`invalid header type ${headerTypeName(type)}`);
  }
  if (up.channelHeader.getEpoch() !== 0) {
    throw new ProposalValidationError(`epoch is non-zero`);
  }
  const nonce = up.signatureHeader.getNonce_asU8();
  const creatorBytes = up.signatureHeader.getCreator_asU8();
  if (nonce.length === 0) throw new ProposalValidationError('nonce is empty');
  if (creatorBytes.length === 0) throw new ProposalValidationError('creator is empty');
  let creator: Identity;
  try {
    creator = deserializer.deserializeIdentity(creatorBytes);
  } catch {
    throw new ProposalValidationError('access denied');
  }
  if (!creator.verify(up.signedProposal.getProposalBytes_asU8(), up.signedProposal.getSignature_asU8())) {
    throw new ProposalValidationError('access denied');
  }
  const expected = computeTxId(nonce, creatorBytes);
  if (up.channelHeader.getTxId() !== expected) {
    throw new ProposalValidationError(`incorrectly computed txid '${up.channelHeader.getTxId()}' -- expected '${expected}'`);
  }
  return creator;
}

function headerTypeName(type: number): string {
  return Object.entries(common.HeaderType).find(([, value]) => value === type)?.[0] ?? String(type);
}
