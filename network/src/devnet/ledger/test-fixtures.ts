import { createHash } from 'node:crypto';
import { common, peer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { tempDir } from '../../test-temp-dirs';
import type { ChaincodeDefinition, ChaincodeRegistry, CollectionDefinition } from '../lifecycle/api';
import type { PeerLedger, SimulationResults, TxSimulator, TxValidationCode } from './api';
import { openPeerLedger } from './kv-ledger';

/** Test support: a fake chaincode registry, and transactions wrapped into envelopes and blocks (no signatures). */

const CHANNEL = 'alliance';
export const CC = 'trace';
export const ORGS = ['Org1MSP', 'Org2MSP', 'Org3MSP'];

export function collection(name: string, memberMspIds: string[], blockToLive = 0): CollectionDefinition {
  return {
    name,
    memberMspIds,
    memberPolicy: { evaluate: () => true },
    requiredPeerCount: 0,
    maxPeerCount: 1,
    blockToLive,
    memberOnlyRead: false,
    memberOnlyWrite: false,
    proto: new peer.CollectionConfig(),
  };
}

/** One chaincode, CC, with the given collections. */
function fakeRegistry(collections: CollectionDefinition[] = []): ChaincodeRegistry {
  const definition: ChaincodeDefinition = {
    channel: CHANNEL,
    name: CC,
    version: '1.0',
    sequence: 1,
    packageId: 'trace_1:00',
    endorsementPolicy: { evaluate: () => true },
    endorsementPolicyProto: new peer.ApplicationPolicy(),
    collections: new Map(collections.map((c) => [c.name, c])),
  };
  return {
    get: (channel, name) => (channel === CHANNEL && name === CC ? definition : undefined),
    list: (channel) => (channel === CHANNEL ? [definition] : []),
  };
}

export { tempDir };

export async function openTestLedger(
  collections: CollectionDefinition[] = [],
  dir = tempDir('ledger-'),
): Promise<{ ledger: PeerLedger; dir: string }> {
  const ledger = await openPeerLedger({ dir, channel: CHANNEL, registry: fakeRegistry(collections), peerMspIds: ORGS });
  return { ledger, dir };
}

/**
 * An endorser transaction envelope carrying simulation results, as a client would submit it. Its response is for
 * its own proposal, as validation checks: with no action header and an empty proposal payload, the proposal hash is
 * that of the channel header alone.
 */
export function envelopeFor(txId: string, results: SimulationResults, seconds = 1_700_000_000): Uint8Array {
  const channelHeader = channelHeaderOf(common.HeaderType.ENDORSER_TRANSACTION, txId, seconds);
  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(CC);
  const action = new peer.ChaincodeAction();
  action.setResults(results.publicRwset.serializeBinary());
  action.setChaincodeId(chaincodeId);
  const prp = new peer.ProposalResponsePayload();
  prp.setProposalHash(createHash('sha256').update(channelHeader).digest());
  prp.setExtension$(action.serializeBinary());
  const endorsed = new peer.ChaincodeEndorsedAction();
  endorsed.setProposalResponsePayload(prp.serializeBinary());
  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setAction(endorsed);
  const txAction = new peer.TransactionAction();
  txAction.setPayload(actionPayload.serializeBinary());
  const tx = new peer.Transaction();
  tx.addActions(txAction);
  return envelopeWith(channelHeader, tx.serializeBinary());
}

function envelopeOf(type: number, txId: string, data: Uint8Array, seconds = 1_700_000_000): Uint8Array {
  return envelopeWith(channelHeaderOf(type, txId, seconds), data);
}

function channelHeaderOf(type: number, txId: string, seconds: number): Uint8Array {
  const timestamp = new Timestamp();
  timestamp.setSeconds(seconds);
  timestamp.setNanos(7);
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(type);
  channelHeader.setChannelId(CHANNEL);
  channelHeader.setTxId(txId);
  channelHeader.setTimestamp(timestamp);
  return channelHeader.serializeBinary();
}

function envelopeWith(channelHeader: Uint8Array, data: Uint8Array): Uint8Array {
  const header = new common.Header();
  header.setChannelHeader(channelHeader);
  header.setSignatureHeader(new common.SignatureHeader().serializeBinary());
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(data);
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  return envelope.serializeBinary();
}

export function blockOf(number: number, envelopes: Uint8Array[]): common.Block {
  const header = new common.BlockHeader();
  header.setNumber(number);
  const data = new common.BlockData();
  data.setDataList(envelopes);
  const metadata = new common.BlockMetadata();
  metadata.setMetadataList([new Uint8Array(0), new Uint8Array(0), new Uint8Array(0), new Uint8Array(0), new Uint8Array(0)]);
  const block = new common.Block();
  block.setHeader(header);
  block.setData(data);
  block.setMetadata(metadata);
  return block;
}

function allValid(count: number): TxValidationCode[] {
  return new Array<TxValidationCode>(count).fill(peer.TxValidationCode.VALID);
}

/** Commits the config block 0, so that the ledger is ready for transactions. */
export async function commitGenesis(ledger: PeerLedger): Promise<void> {
  await ledger.commit(blockOf(0, [envelopeOf(common.HeaderType.CONFIG, '', new Uint8Array([1, 2, 3]))]), allValid(1));
}

/** Simulates like an endorser would (private data into the transient store) and returns the envelope. */
export async function endorse(
  ledger: PeerLedger,
  txId: string,
  run: (sim: TxSimulator) => Promise<void> | void,
  mspId = ORGS[0],
): Promise<{ envelope: Uint8Array; results: SimulationResults }> {
  const sim = await ledger.newTxSimulator(txId, mspId);
  await run(sim);
  const results = sim.getResults();
  if (results.privateRwset) ledger.persistTransientData(txId, results.privateRwset);
  return { envelope: envelopeFor(txId, results), results };
}

/** Commits the next block with the given envelopes, all marked valid by the (absent) txvalidator. */
export async function commitNext(ledger: PeerLedger, envelopes: Uint8Array[]): Promise<TxValidationCode[]> {
  const committed = await ledger.commit(blockOf(ledger.height(), envelopes), allValid(envelopes.length));
  return [...committed.validationCodes];
}

export const bytes = (s: string): Uint8Array => Buffer.from(s, 'utf8');
export const text = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : Buffer.from(b).toString('utf8'));
