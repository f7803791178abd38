/**
 * Test doubles for the orderer's unit tests: real ECDSA P-256 keys and X.509 certificates, a deserializer
 * and a policy manager that stand in for the msp and policies rooms.
 */
import { createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { common, msp } from '@hyperledger/fabric-protos';
import type { BatchSettings } from '../../description/model';
import { MspError, type Identity, type IdentityDeserializer, type Signer } from '../msp/api';
import type { ChannelPolicyManager } from '../policies/api';
import { blockHeaderBytes, blockHeaderHash, computeTxId } from './blocks';
import { createNonce } from './headers';
import { selfSignedCertificatePem } from './test-certificate';

export interface TestUser {
  readonly signer: Signer;
  readonly identity: Identity;
  readonly publicKey: KeyObject;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A user of mspId with a fresh P-256 key and a self-signed certificate (expired when asked). */
export function createTestUser(mspId: string, options: { expired?: boolean } = {}): TestUser {
  const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const now = Date.now();
  const notAfter = new Date(options.expired ? now - DAY_MS : now + DAY_MS);
  const certificatePem = selfSignedCertificatePem(keys, `user@${mspId}`, new Date(now - 2 * DAY_MS), notAfter);
  const serializedIdentity = new msp.SerializedIdentity();
  serializedIdentity.setMspid(mspId);
  serializedIdentity.setIdBytes(Buffer.from(certificatePem));
  const serialized = serializedIdentity.serializeBinary();
  const verifyingKey = createPublicKey(certificatePem);
  return {
    signer: { mspId, serialize: () => serialized, sign: (message) => sign('sha256', message, keys.privateKey) },
    identity: {
      mspId,
      certificatePem,
      serialized,
      ou: 'client',
      attributes: {},
      verify: (message, signature) => verify('sha256', message, verifyingKey, signature),
      satisfiesPrincipal: () => false,
    },
    publicKey: verifyingKey,
  };
}

/** Knows exactly the given identities; anything else is an MspError, as for an unknown MSP. */
export function fakeDeserializer(identities: readonly Identity[]): IdentityDeserializer {
  const known = new Map(identities.map((identity) => [Buffer.from(identity.serialized).toString('hex'), identity]));
  return {
    mspIds: [...new Set(identities.map((identity) => identity.mspId))],
    deserializeIdentity(serialized) {
      const identity = known.get(Buffer.from(serialized).toString('hex'));
      if (!identity) throw new MspError('identity is not known to any MSP of the channel');
      return identity;
    },
  };
}

/** /Channel/Writers satisfied by any identity of the given MSPs (configtxgen's "ANY Writers" of member orgs). */
export function writersPolicy(mspIds: readonly string[]): ChannelPolicyManager {
  const writers = { evaluate: (identities: readonly Identity[]) => identities.some((identity) => mspIds.includes(identity.mspId)) };
  return { get: (path) => (path === '/Channel/Writers' ? writers : undefined) };
}

export const TEST_BATCH: BatchSettings = { timeoutMs: 60_000, maxMessageCount: 10, absoluteMaxBytes: 1024 * 1024, preferredMaxBytes: 512 * 1024 };

export interface EnvelopeOptions {
  readonly channel: string;
  readonly type?: number;
  /** Size of the payload's data, to reach size limits. */
  readonly dataBytes?: number;
}

/** A transaction envelope signed by the signer, with a correctly derived tx id. */
export function signedEnvelope(signer: Signer, options: EnvelopeOptions): common.Envelope {
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(signer.serialize());
  signatureHeader.setNonce(createNonce());
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(options.type ?? common.HeaderType.ENDORSER_TRANSACTION);
  channelHeader.setChannelId(options.channel);
  channelHeader.setTxId(computeTxId(signatureHeader.getNonce_asU8(), signatureHeader.getCreator_asU8()));
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(new Uint8Array(options.dataBytes ?? 16).fill(7));
  return envelopeOf(payload.serializeBinary(), signer);
}

export function envelopeOf(payload: Uint8Array, signer: Signer): common.Envelope {
  const envelope = new common.Envelope();
  envelope.setPayload(payload);
  envelope.setSignature(signer.sign(payload));
  return envelope;
}

/** A BlockSink that records blocks per channel; hold() makes it wait until release(). */
export class RecordingSink {
  readonly blocks = new Map<string, common.Block[]>();
  #gate: Promise<void> | undefined;
  #open: (() => void) | undefined;

  readonly sink = async (channel: string, block: common.Block): Promise<void> => {
    await this.#gate;
    this.blocks.set(channel, [...(this.blocks.get(channel) ?? []), block]);
  };

  of(channel: string): common.Block[] {
    return this.blocks.get(channel) ?? [];
  }

  hold(): void {
    this.#gate = new Promise((resolve) => (this.#open = resolve));
  }

  release(): void {
    this.#open?.();
    this.#gate = undefined;
  }
}

/** The transaction ids of a block, in order. */
export function txIdsOf(block: common.Block): string[] {
  return block
    .getData()!
    .getDataList_asU8()
    .map((bytes) => txIdOf(common.Envelope.deserializeBinary(bytes)));
}

export function txIdOf(envelope: common.Envelope): string {
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  return common.ChannelHeader.deserializeBinary(payload.getHeader()!.getChannelHeader_asU8()).getTxId();
}

/** What a block's SIGNATURES metadata says, with its one signature checked against the orderer's public key. */
export function readBlockSignature(block: common.Block, publicKey: KeyObject) {
  const metadata = common.Metadata.deserializeBinary(block.getMetadata()!.getMetadataList_asU8()[common.BlockMetadataIndex.SIGNATURES]);
  const [signature, ...others] = metadata.getSignaturesList();
  const signatureHeader = common.SignatureHeader.deserializeBinary(signature.getSignatureHeader_asU8());
  const signed = Buffer.concat([metadata.getValue_asU8(), signature.getSignatureHeader_asU8(), blockHeaderBytes(block.getHeader()!)]);
  return {
    signatureCount: others.length + 1,
    verifies: verify('sha256', signed, publicKey, signature.getSignature_asU8()),
    creator: signatureHeader.getCreator_asU8(),
    nonceLength: signatureHeader.getNonce_asU8().length,
    lastConfigIndex: common.OrdererBlockMetadata.deserializeBinary(metadata.getValue_asU8()).getLastConfig()?.getIndex(),
  };
}

/** LAST_CONFIG metadata's index. */
export function lastConfigIndexOf(block: common.Block): number {
  const metadata = common.Metadata.deserializeBinary(block.getMetadata()!.getMetadataList_asU8()[common.BlockMetadataIndex.LAST_CONFIG]);
  return common.LastConfig.deserializeBinary(metadata.getValue_asU8()).getIndex();
}

/** Asserts that blocks follow each other: consecutive numbers, each previous_hash the hash of the one before. */
export function expectLinked(blocks: readonly common.Block[], first: { height: number; lastBlockHeaderHash: Uint8Array }): void {
  let expectedNumber = first.height;
  let expectedPrevious = Buffer.from(first.lastBlockHeaderHash);
  for (const block of blocks) {
    const header = block.getHeader()!;
    if (header.getNumber() !== expectedNumber) throw new Error(`block ${header.getNumber()} where ${expectedNumber} was expected`);
    if (!Buffer.from(header.getPreviousHash_asU8()).equals(expectedPrevious)) throw new Error(`block ${expectedNumber} does not link`);
    expectedNumber += 1;
    expectedPrevious = Buffer.from(blockHeaderHash(header));
  }
}
