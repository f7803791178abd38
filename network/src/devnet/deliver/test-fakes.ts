/**
 * Test doubles for the deliver and gateway unit tests: identities with a keyed-hash "signature", policies
 * over MSP ids, an in-memory channel ledger, and builders for blocks and seek envelopes.
 */
import { createHash } from 'node:crypto';
import { common, ledger, msp, orderer, peer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import type { ChannelLedger, CommittedBlock, TxStatus, TxValidationCode } from '../ledger/api';
import { MspError, type Identity, type IdentityDeserializer } from '../msp/api';
import type { ChannelPolicyManager, Policy } from '../policies/api';

export interface TestSigner {
  readonly identity: Identity;
  sign(message: Uint8Array): Uint8Array;
}

/** Signs a SHA-256 digest as fabric-gateway hands it to a signer: a hash keyed by the signer's name. */
export function signDigest(name: string, digest: Uint8Array): Uint8Array {
  return createHash('sha256').update(name).update(digest).digest();
}

function fakeSignature(name: string, message: Uint8Array): Uint8Array {
  return signDigest(name, createHash('sha256').update(message).digest());
}

/** An identity of mspId; its signatures are a hash keyed by its name, which only it "knows". */
export function testSigner(mspId: string, name = `user@${mspId}`): TestSigner {
  const serializedIdentity = new msp.SerializedIdentity();
  serializedIdentity.setMspid(mspId);
  serializedIdentity.setIdBytes(Buffer.from(name));
  const identity: Identity = {
    mspId,
    certificatePem: name,
    serialized: serializedIdentity.serializeBinary(),
    ou: 'client',
    attributes: {},
    verify: (message, signature) => Buffer.from(fakeSignature(name, message)).equals(Buffer.from(signature)),
    satisfiesPrincipal: () => false,
  };
  return { identity, sign: (message) => fakeSignature(name, message) };
}

export function fakeDeserializer(identities: readonly Identity[]): IdentityDeserializer {
  const known = new Map(identities.map((identity) => [Buffer.from(identity.serialized).toString('hex'), identity]));
  return {
    mspIds: [...new Set(identities.map((identity) => identity.mspId))],
    deserializeIdentity(serialized) {
      const identity = known.get(Buffer.from(serialized).toString('hex'));
      if (!identity) throw new MspError('the identity is not known to any MSP');
      return identity;
    },
  };
}

/** Satisfied by identities of at least n distinct orgs among mspIds (a signature policy OutOf n of member). */
export function outOf(n: number, mspIds: readonly string[]): Policy {
  return { evaluate: (identities) => new Set(identities.map((i) => i.mspId).filter((id) => mspIds.includes(id))).size >= n };
}

export function policyManager(policies: Record<string, Policy>): ChannelPolicyManager {
  return { get: (path) => policies[path] };
}

/** A channel ledger in memory: blocks are appended with commit(), which notifies listeners as the real one. */
export class FakeLedger implements ChannelLedger {
  readonly blocks: common.Block[] = [];
  readonly privateData = new Map<string, Map<number, ledger.rwset.TxPvtReadWriteSet>>();
  readonly #statuses = new Map<string, TxStatus>();
  readonly #listeners = new Set<(committed: CommittedBlock) => void>();

  constructor(readonly channel: string) {}

  get listenerCount(): number {
    return this.#listeners.size;
  }

  height(): number {
    return this.blocks.length;
  }

  async getBlock(blockNum: number): Promise<common.Block | undefined> {
    return this.blocks[blockNum];
  }

  getTxStatus(txId: string): TxStatus | undefined {
    return this.#statuses.get(txId);
  }

  newTxSimulator(): never {
    throw new Error('not used by these tests');
  }

  async getPrivateData(blockNum: number, peerMspId: string): Promise<ReadonlyMap<number, ledger.rwset.TxPvtReadWriteSet>> {
    return this.privateData.get(`${blockNum}/${peerMspId}`) ?? new Map();
  }

  onCommit(listener: (committed: CommittedBlock) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Appends a block of the given transactions with their codes and tells the listeners. */
  commit(envelopes: readonly common.Envelope[], codes?: readonly TxValidationCode[]): common.Block {
    const validationCodes = codes ?? envelopes.map(() => peer.TxValidationCode.VALID);
    const block = testBlock(this.blocks.length, envelopes, validationCodes);
    this.blocks.push(block);
    envelopes.forEach((envelope, txNum) => {
      const txId = channelHeaderOf(envelope).getTxId();
      if (!this.#statuses.has(txId)) this.#statuses.set(txId, { blockNum: block.getHeader()!.getNumber(), txNum, validationCode: validationCodes[txNum] });
    });
    for (const listener of [...this.#listeners]) listener({ block, validationCodes });
    return block;
  }
}

export function testBlock(number: number, envelopes: readonly common.Envelope[], codes: readonly number[]): common.Block {
  const header = new common.BlockHeader();
  header.setNumber(number);
  const data = new common.BlockData();
  data.setDataList(envelopes.map((envelope) => envelope.serializeBinary()));
  const metadata = new common.BlockMetadata();
  const list: Uint8Array[] = [new Uint8Array(0), new Uint8Array(0), Uint8Array.from(codes), new Uint8Array(0), new Uint8Array(0)];
  metadata.setMetadataList(list);
  const block = new common.Block();
  block.setHeader(header);
  block.setData(data);
  block.setMetadata(metadata);
  return block;
}

function channelHeaderOf(envelope: common.Envelope): common.ChannelHeader {
  const header = common.Payload.deserializeBinary(envelope.getPayload_asU8()).getHeader()!;
  return common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
}

export interface TestTransaction {
  readonly channel: string;
  readonly txId: string;
  readonly type?: number;
  readonly chaincode?: string;
  readonly event?: { readonly name: string; readonly payload: string };
}

/** An envelope shaped as a committed endorser transaction, with an optional chaincode event. */
export function transactionEnvelope(tx: TestTransaction): common.Envelope {
  const channelHeader = new common.ChannelHeader();
  channelHeader.setChannelId(tx.channel);
  channelHeader.setTxId(tx.txId);
  channelHeader.setType(tx.type ?? common.HeaderType.ENDORSER_TRANSACTION);
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(new common.SignatureHeader().serializeBinary());

  const chaincodeAction = new peer.ChaincodeAction();
  if (tx.event) {
    const event = new peer.ChaincodeEvent();
    event.setChaincodeId(tx.chaincode ?? 'cc');
    event.setTxId(tx.txId);
    event.setEventName(tx.event.name);
    event.setPayload(Buffer.from(tx.event.payload));
    chaincodeAction.setEvents(event.serializeBinary());
  }
  const responsePayload = new peer.ProposalResponsePayload();
  responsePayload.setExtension$(chaincodeAction.serializeBinary());
  const endorsed = new peer.ChaincodeEndorsedAction();
  endorsed.setProposalResponsePayload(responsePayload.serializeBinary());
  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setAction(endorsed);
  const action = new peer.TransactionAction();
  action.setPayload(actionPayload.serializeBinary());
  const transaction = new peer.Transaction();
  transaction.addActions(action);

  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(transaction.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  return envelope;
}

export type Position = 'oldest' | 'newest' | 'next' | number;

export function seekPosition(position: Position): orderer.SeekPosition {
  const result = new orderer.SeekPosition();
  if (position === 'oldest') result.setOldest(new orderer.SeekOldest());
  else if (position === 'newest') result.setNewest(new orderer.SeekNewest());
  else if (position === 'next') result.setNextCommit(new orderer.SeekNextCommit());
  else {
    const specified = new orderer.SeekSpecified();
    specified.setNumber(position);
    result.setSpecified(specified);
  }
  return result;
}

export interface SeekOptions {
  readonly channel: string;
  readonly start: Position;
  readonly stop: Position;
  readonly behavior?: orderer.SeekInfo.SeekBehaviorMap[keyof orderer.SeekInfo.SeekBehaviorMap];
  readonly contentType?: orderer.SeekInfo.SeekContentTypeMap[keyof orderer.SeekInfo.SeekContentTypeMap];
  readonly errorResponse?: orderer.SeekInfo.SeekErrorResponseMap[keyof orderer.SeekInfo.SeekErrorResponseMap];
  readonly timestamp?: Date;
}

/** A DELIVER_SEEK_INFO envelope signed by the signer, as fabric-gateway builds it. */
export function seekEnvelope(signer: TestSigner, options: SeekOptions): common.Envelope {
  const channelHeader = new common.ChannelHeader();
  channelHeader.setChannelId(options.channel);
  channelHeader.setType(common.HeaderType.DELIVER_SEEK_INFO);
  channelHeader.setTimestamp(Timestamp.fromDate(options.timestamp ?? new Date()));
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(signer.identity.serialized);
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());
  const seekInfo = new orderer.SeekInfo();
  seekInfo.setStart(seekPosition(options.start));
  seekInfo.setStop(seekPosition(options.stop));
  seekInfo.setBehavior(options.behavior ?? orderer.SeekInfo.SeekBehavior.BLOCK_UNTIL_READY);
  seekInfo.setContentType(options.contentType ?? orderer.SeekInfo.SeekContentType.BLOCK);
  seekInfo.setErrorResponse(options.errorResponse ?? orderer.SeekInfo.SeekErrorResponse.STRICT);
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(seekInfo.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  envelope.setSignature(signer.sign(envelope.getPayload_asU8()));
  return envelope;
}
