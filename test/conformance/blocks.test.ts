// Blocks as a peer hands them out (qscc here): the genesis block as configtxgen writes it (unsigned, its own last
// config), the orderer's metadata on every later block (last config, signature, the Raft consenter's metadata),
// and the peer's commit hash in slot 4, chained from block 1 over each block's validation flags and state updates.
import { createHash } from 'node:crypto';
import { StatusCode, type Contract } from '@hyperledger/fabric-gateway';
import { common, ledger, orderer, peer } from '@hyperledger/fabric-protos';
import { utf8 } from '../support/bytes';
import { useTestNetwork } from '../support/suite';
import { submitAndWait } from '../support/transactions';
import { ALLIANCE, contractsOf, type Contracts } from './conformance';

jest.setTimeout(120_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });
const { LAST_CONFIG, SIGNATURES, TRANSACTIONS_FILTER, COMMIT_HASH } = common.BlockMetadataIndex;
const HASH_OF_EMPTY = createHash('sha256').digest();

let manufacturer: Contracts;
let qscc: Contract;

beforeAll(async () => {
  manufacturer = contractsOf(network().connect('Manufacturer'));
  qscc = manufacturer.network.getContract('qscc');
  // Public writes, a delete, private writes and an invalid transaction: every kind of update a block can carry.
  for (const [name, args] of [
    ['put', ['block-a', 'v1']],
    ['put', ['block-b', 'v1']],
    ['del', ['block-a']],
  ] as const) {
    expect((await submitAndWait(manufacturer.data, name, { arguments: [...args] })).status.code).toBe(StatusCode.VALID);
  }
  const privateWrite = await submitAndWait(manufacturer.data, 'putPrivate', { arguments: ['sharedOpen', 'block-p'], transientData: { value: utf8('p') } });
  expect(privateWrite.status.code).toBe(StatusCode.VALID);
  const invalid = await submitAndWait(manufacturer.data, 'put', { arguments: ['block-b', 'forged'], endorsingOrganizations: ['ManufacturerMSP'] });
  expect(invalid.status.code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
});

async function blocks(): Promise<common.Block[]> {
  const info = common.BlockchainInfo.deserializeBinary(await qscc.evaluateTransaction('GetChainInfo', ALLIANCE));
  const all: common.Block[] = [];
  for (let number = 0; number < info.getHeight(); number++) {
    all.push(common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByNumber', ALLIANCE, String(number))));
  }
  return all;
}

function slot(block: common.Block, index: number): Uint8Array {
  return block.getMetadata()!.getMetadataList_asU8()[index] ?? new Uint8Array(0);
}

test('the genesis block is configtxgen\'s: no signature on the envelope or the block, no creator, its own last config', async () => {
  const [genesis] = await blocks();
  const envelope = common.Envelope.deserializeBinary(genesis.getData()!.getDataList_asU8()[0]);
  expect(envelope.getSignature_asU8()).toHaveLength(0);
  const header = common.Payload.deserializeBinary(envelope.getPayload_asU8()).getHeader()!;
  const signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
  expect(signatureHeader.getCreator_asU8()).toHaveLength(0);
  const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
  expect(channelHeader.getTxId()).toBe(createHash('sha256').update(signatureHeader.getNonce_asU8()).digest('hex'));

  const signatures = common.Metadata.deserializeBinary(slot(genesis, SIGNATURES));
  expect(signatures.getSignaturesList()).toHaveLength(0);
  const ordererMetadata = common.OrdererBlockMetadata.deserializeBinary(signatures.getValue_asU8());
  expect(ordererMetadata.getLastConfig()!.getIndex()).toBe(0);
  expect(ordererMetadata.getConsenterMetadata_asU8()).toHaveLength(0);
  expect(common.LastConfig.deserializeBinary(common.Metadata.deserializeBinary(slot(genesis, LAST_CONFIG)).getValue_asU8()).getIndex()).toBe(0);
  expect(slot(genesis, COMMIT_HASH)).toHaveLength(0);
});

test("every later block: last config 0, one orderer signature, the Raft consenter's metadata with a rising index", async () => {
  const later = (await blocks()).slice(1);
  expect(later.length).toBeGreaterThan(4);
  let raftIndex = 0;
  for (const block of later) {
    expect(common.LastConfig.deserializeBinary(common.Metadata.deserializeBinary(slot(block, LAST_CONFIG)).getValue_asU8()).getIndex()).toBe(0);
    const signatures = common.Metadata.deserializeBinary(slot(block, SIGNATURES));
    expect(signatures.getSignaturesList()).toHaveLength(1);
    const ordererMetadata = common.OrdererBlockMetadata.deserializeBinary(signatures.getValue_asU8());
    expect(ordererMetadata.getLastConfig()!.getIndex()).toBe(0);
    const consenter = orderer.etcdraft.BlockMetadata.deserializeBinary(
      common.Metadata.deserializeBinary(ordererMetadata.getConsenterMetadata_asU8()).getValue_asU8(),
    );
    expect([consenter.getConsenterIdsList(), consenter.getNextConsenterId()]).toEqual([[1], 2]);
    expect(consenter.getRaftIndex()).toBeGreaterThan(raftIndex);
    raftIndex = consenter.getRaftIndex();
  }
});

test("the commit hash: from block 1 on, SHA-256 over the flags, the block's state updates and the previous hash", async () => {
  const all = await blocks();
  let previous = Buffer.alloc(0);
  for (const block of all.slice(1)) {
    const hash = Buffer.from(common.Metadata.deserializeBinary(slot(block, COMMIT_HASH)).getValue_asU8());
    const flags = Buffer.from(slot(block, TRANSACTIONS_FILTER));
    const expected = createHash('sha256')
      .update(varint(flags.length))
      .update(flags)
      .update(updateBytes(block))
      .update(previous)
      .digest();
    expect([block.getHeader()!.getNumber(), hash.toString('hex')]).toEqual([block.getHeader()!.getNumber(), expected.toString('hex')]);
    previous = hash;
  }
});

interface Write {
  readonly key: Buffer;
  readonly value?: Uint8Array;
  readonly version: Buffer;
}

/**
 * Fabric's deterministic bytes of a block's public and hashed updates (txmgr.Updates, a message the peer keeps to
 * itself): the valid transactions' writes, the last one per key winning, sorted by namespace, collection and key.
 */
function updateBytes(block: common.Block): Buffer {
  const flags = slot(block, TRANSACTIONS_FILTER);
  const spaces = new Map<string, Map<string, Map<string, Write>>>();
  const space = (ns: string, coll: string) => {
    const byColl = spaces.get(ns) ?? new Map<string, Map<string, Write>>();
    spaces.set(ns, byColl);
    const keys = byColl.get(coll) ?? new Map<string, Write>();
    byColl.set(coll, keys);
    return keys;
  };
  const blockNum = block.getHeader()!.getNumber();
  block
    .getData()!
    .getDataList_asU8()
    .forEach((bytes, txNum) => {
      if (flags[txNum] !== peer.TxValidationCode.VALID) return;
      const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(bytes).getPayload_asU8());
      const type = common.ChannelHeader.deserializeBinary(payload.getHeader()!.getChannelHeader_asU8()).getType();
      if (type !== common.HeaderType.ENDORSER_TRANSACTION) return;
      const version = Buffer.concat([orderPreserving(blockNum), orderPreserving(txNum)]);
      for (const action of peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList()) {
        const endorsed = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()).getAction()!;
        const extension = peer.ProposalResponsePayload.deserializeBinary(endorsed.getProposalResponsePayload_asU8()).getExtension_asU8();
        const rwset = ledger.rwset.TxReadWriteSet.deserializeBinary(peer.ChaincodeAction.deserializeBinary(extension).getResults_asU8());
        for (const ns of rwset.getNsRwsetList()) {
          for (const write of ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8()).getWritesList()) {
            const key = Buffer.from(write.getKey(), 'utf8');
            // Fabric's IsKVWriteDelete: an empty value deletes too.
            const value = write.getIsDelete() || write.getValue_asU8().length === 0 ? undefined : write.getValue_asU8();
            space(ns.getNamespace(), '').set(key.toString('latin1'), { key, value, version });
          }
          for (const collection of ns.getCollectionHashedRwsetList()) {
            const hashed = ledger.rwset.kvrwset.HashedRWSet.deserializeBinary(collection.getHashedRwset_asU8());
            for (const write of hashed.getHashedWritesList()) {
              const key = Buffer.from(write.getKeyHash_asU8());
              const valueHash = write.getValueHash_asU8();
              const deleted = write.getIsDelete() || valueHash.length === 0 || Buffer.from(valueHash).equals(HASH_OF_EMPTY);
              const value = deleted ? undefined : valueHash;
              space(ns.getNamespace(), collection.getCollectionName()).set(key.toString('latin1'), { key, value, version });
            }
          }
        }
      }
    });
  const kvWrites: Buffer[] = [];
  for (const ns of [...spaces.keys()].sort(byBytes)) {
    let first = true;
    const byColl = spaces.get(ns)!;
    for (const coll of [...byColl.keys()].sort(byBytes)) {
      const keys = byColl.get(coll)!;
      if (keys.size === 0) continue;
      let firstOfColl = true;
      for (const write of [...keys.values()].sort((a, b) => Buffer.compare(a.key, b.key))) {
        kvWrites.push(kvWrite(first ? ns : '', firstOfColl ? coll : '', write));
        first = false;
        firstOfColl = false;
      }
    }
  }
  return Buffer.concat(kvWrites.map((w) => field(1, w)));
}

function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** txmgr.KVWrite: namespace 1, collection 2, key 3, isDelete 4, value 5, version_bytes 6 (proto3: defaults left out). */
function kvWrite(ns: string, coll: string, write: Write): Buffer {
  const parts: Buffer[] = [];
  if (ns) parts.push(field(1, Buffer.from(ns, 'utf8')));
  if (coll) parts.push(field(2, Buffer.from(coll, 'utf8')));
  if (write.key.length > 0) parts.push(field(3, write.key));
  if (write.value === undefined) parts.push(Buffer.from([(4 << 3) | 0, 1]));
  else if (write.value.length > 0) parts.push(field(5, Buffer.from(write.value)));
  parts.push(field(6, write.version));
  return Buffer.concat(parts);
}

function field(number: number, bytes: Buffer): Buffer {
  return Buffer.concat([varint((number << 3) | 2), varint(bytes.length), bytes]);
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  let rest = n;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** Fabric's EncodeOrderPreservingVarUint64: the count of significant big-endian bytes, then those bytes. */
function orderPreserving(n: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(n));
  const start = bytes.findIndex((b) => b !== 0);
  return start < 0 ? Buffer.from([0]) : Buffer.concat([Buffer.from([8 - start]), bytes.subarray(start)]);
}
