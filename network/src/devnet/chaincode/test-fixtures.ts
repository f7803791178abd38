import { randomBytes, webcrypto } from 'node:crypto';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { x509 } from '../../crypto/x509';
import type { TxSimulator } from '../ledger/api';
import type { ChaincodeDefinition, ChaincodeRegistry, CollectionDefinition } from '../lifecycle/api';
import type { Identity } from '../msp/api';
import type { ChaincodeInvocation } from './api';

/** Test support: a real fabric-contract-api chaincode on disk, identities, proposals and chaincode definitions. */

/**
 * A chaincode package folder under the system temp dir. Its node_modules links to the project's, so
 * fabric-shim's cli and fabric-contract-api resolve from it as from an installed package.
 */
export function writeTestChaincode(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'chaincode-'));
  const nodeModules = path.resolve(require.resolve('fabric-shim/package.json'), '..', '..');
  symlinkSync(nodeModules, path.join(dir, 'node_modules'), 'dir');
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'test-chaincode', version: '1.0.0', main: 'index.js' }));
  writeFileSync(path.join(dir, 'index.js'), TEST_CHAINCODE);
  mkdirSync(path.join(dir, 'logs'));
  return dir;
}

const TEST_CHAINCODE = `'use strict';
const { Contract } = require('fabric-contract-api');

const text = (bytes) => Buffer.from(bytes ?? []).toString();

async function drain(iterator) {
  const results = [];
  for (let r = await iterator.next(); !r.done; r = await iterator.next()) results.push(r.value);
  await iterator.close();
  return results;
}

class TestContract extends Contract {
  constructor() { super('test'); }
  async put(ctx, key, value) { await ctx.stub.putState(key, Buffer.from(value)); return ''; }
  async get(ctx, key) { return text(await ctx.stub.getState(key)); }
  async putThenGet(ctx, key, value) {
    await ctx.stub.putState(key, Buffer.from(value));
    return text(await ctx.stub.getState(key));
  }
  async getMany(ctx, keysJson) {
    const values = await Promise.all(JSON.parse(keysJson).map((key) => ctx.stub.getState(key)));
    return JSON.stringify(values.map(text));
  }
  async range(ctx, startKey, endKey) {
    return JSON.stringify((await drain(await ctx.stub.getStateByRange(startKey, endKey))).map((kv) => kv.key));
  }
  async rangeFirst(ctx, startKey, endKey) {
    const iterator = await ctx.stub.getStateByRange(startKey, endKey);
    const first = await iterator.next();
    await iterator.close();
    return first.value.key;
  }
  async page(ctx, startKey, endKey, pageSize, bookmark) {
    const { iterator, metadata } = await ctx.stub.getStateByRangeWithPagination(startKey, endKey, Number(pageSize), bookmark);
    const keys = (await drain(iterator)).map((kv) => kv.key);
    return JSON.stringify({ keys, bookmark: metadata.bookmark, fetched: metadata.fetchedRecordsCount });
  }
  async history(ctx, key) {
    const modifications = await drain(await ctx.stub.getHistoryForKey(key));
    return JSON.stringify(modifications.map((m) => ({ txId: m.txId, value: text(m.value), isDelete: m.isDelete, seconds: Number(m.timestamp.seconds) })));
  }
  async rich(ctx, query) { await ctx.stub.getQueryResult(query); return ''; }
  async getPrivate(ctx, collection, key) { return text(await ctx.stub.getPrivateData(collection, key)); }
  async putPrivate(ctx, collection, key, value) { await ctx.stub.putPrivateData(collection, key, Buffer.from(value)); return ''; }
  async fail(ctx, message) { throw new Error(message); }
  async emit(ctx, name, payload) { ctx.stub.setEvent(name, Buffer.from(payload)); return ''; }
  async sleep(ctx, ms) { await new Promise((resolve) => setTimeout(resolve, Number(ms))); return 'slept'; }
  async invoke(ctx, chaincode, channel, argsJson) {
    const response = await ctx.stub.invokeChaincode(chaincode, JSON.parse(argsJson), channel);
    return JSON.stringify({ status: response.status, message: response.message, payload: text(response.payload) });
  }
}

module.exports.contracts = [TestContract];
`;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A client identity with a real certificate (fabric-contract-api parses it for ctx.clientIdentity). */
export async function testIdentity(mspId: string): Promise<Identity> {
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8).toString('hex'),
    name: `CN=User1@${mspId}`,
    keys,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
  });
  const certificatePem = certificate.toString('pem');
  const serialized = new msp.SerializedIdentity();
  serialized.setMspid(mspId);
  serialized.setIdBytes(Buffer.from(certificatePem));
  return {
    mspId,
    certificatePem,
    serialized: serialized.serializeBinary(),
    ou: 'client',
    attributes: {},
    verify: () => true,
    satisfiesPrincipal: () => true,
  };
}

export interface InvocationSpec {
  readonly channel: string;
  readonly chaincodeName: string;
  readonly args: readonly string[];
  readonly creator: Identity;
  readonly simulator: TxSimulator;
  readonly txId?: string;
  readonly isInit?: boolean;
  /** The simulating peer's org; Org1MSP when absent. */
  readonly peerMspId?: string;
}

/** An invocation as the endorser makes it, from a signed proposal as a client builds it (signature not checked). */
export function newInvocation(spec: InvocationSpec): ChaincodeInvocation {
  const txId = spec.txId ?? randomBytes(32).toString('hex');
  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(spec.chaincodeName);
  const extension = new peer.ChaincodeHeaderExtension();
  extension.setChaincodeId(chaincodeId);
  const timestamp = new Timestamp();
  timestamp.fromDate(new Date());
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
  channelHeader.setChannelId(spec.channel);
  channelHeader.setTxId(txId);
  channelHeader.setTimestamp(timestamp);
  channelHeader.setExtension$(extension.serializeBinary());
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(spec.creator.serialized);
  signatureHeader.setNonce(randomBytes(24));
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());

  const input = new peer.ChaincodeInput();
  input.setArgsList(spec.args.map((arg) => Buffer.from(arg)));
  input.setIsInit(spec.isInit ?? false);
  const chaincodeSpec = new peer.ChaincodeSpec();
  chaincodeSpec.setType(peer.ChaincodeSpec.Type.NODE);
  chaincodeSpec.setChaincodeId(chaincodeId);
  chaincodeSpec.setInput(input);
  const invocationSpec = new peer.ChaincodeInvocationSpec();
  invocationSpec.setChaincodeSpec(chaincodeSpec);
  const payload = new peer.ChaincodeProposalPayload();
  payload.setInput(invocationSpec.serializeBinary());

  const proposal = new peer.Proposal();
  proposal.setHeader(header.serializeBinary());
  proposal.setPayload(payload.serializeBinary());
  const signedProposal = new peer.SignedProposal();
  signedProposal.setProposalBytes(proposal.serializeBinary());
  signedProposal.setSignature(randomBytes(70));
  return {
    channel: spec.channel,
    chaincodeName: spec.chaincodeName,
    txId,
    signedProposal,
    proposal,
    input,
    transientMap: new Map(),
    creator: spec.creator,
    peerMspId: spec.peerMspId ?? 'Org1MSP',
    simulator: spec.simulator,
  };
}

/** A collection whose member policy is satisfied by any identity of the member orgs. */
export function testCollection(name: string, memberMspIds: string[], memberOnly: { read: boolean; write: boolean }): CollectionDefinition {
  return {
    name,
    memberMspIds,
    memberPolicy: { evaluate: (identities) => identities.some((identity) => memberMspIds.includes(identity.mspId)) },
    requiredPeerCount: 0,
    maxPeerCount: 1,
    blockToLive: 0,
    memberOnlyRead: memberOnly.read,
    memberOnlyWrite: memberOnly.write,
    proto: new peer.CollectionConfig(),
  };
}

export function testDefinition(
  channel: string,
  name: string,
  packageId: string,
  options: { collections?: CollectionDefinition[]; initRequired?: boolean } = {},
): ChaincodeDefinition {
  return {
    channel,
    name,
    version: '1.0',
    sequence: 1,
    packageId,
    endorsementPolicy: { evaluate: () => true },
    endorsementPolicyProto: new peer.ApplicationPolicy(),
    collections: new Map((options.collections ?? []).map((c) => [c.name, c])),
    initRequired: options.initRequired,
  };
}

export function testRegistry(definitions: readonly ChaincodeDefinition[]): ChaincodeRegistry {
  return {
    get: (channel, name) => definitions.find((d) => d.channel === channel && d.name === name),
    list: (channel) => definitions.filter((d) => d.channel === channel),
  };
}
