import { randomBytes } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import type { Signer } from '../msp/api';

/** Fabric's nonce length (common/crypto NonceSize). */
const NONCE_SIZE = 24;

export function createNonce(): Uint8Array {
  return randomBytes(NONCE_SIZE);
}

/** The signer's identity and a fresh nonce (protoutil.NewSignatureHeader). */
export function newSignatureHeader(signer: Signer): common.SignatureHeader {
  const header = new common.SignatureHeader();
  header.setCreator(signer.serialize());
  header.setNonce(createNonce());
  return header;
}

/** A channel header stamped now, to the second, as protoutil.MakeChannelHeader does (nanos are zeroed). */
export function makeChannelHeader(type: number, version: number, channelId: string, epoch: number): common.ChannelHeader {
  const timestamp = new Timestamp();
  timestamp.setSeconds(Math.floor(Date.now() / 1000));
  timestamp.setNanos(0);
  const header = new common.ChannelHeader();
  header.setType(type);
  header.setVersion(version);
  header.setTimestamp(timestamp);
  header.setChannelId(channelId);
  header.setEpoch(epoch);
  return header;
}
