// Private data collections (test/chaincode/conformance/collections.json): values travel only in the transient map,
// members read them, non-members see hashes or a denial, blocks carry hashes never values, delete/purge/expiry.
//   manufacturerPrivate  Manufacturer + Regulator, memberOnlyRead
//   sharedOpen           Manufacturer + Platform, anyone may read through a member's peer
//   shortLived           Manufacturer + Platform, blockToLive 3
import { randomBytes } from 'node:crypto';
import { GatewayError, StatusCode, type Contract } from '@hyperledger/fabric-gateway';
import { contains, json, sha256, utf8 } from '../support/bytes';
import { take } from '../support/streams';
import { useTestNetwork } from '../support/suite';
import { eventually, rejectionOf, submitAndWait, type Committed } from '../support/transactions';
import { contractsOf, type Contracts } from './conformance';

jest.setTimeout(120_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

interface PrivateValue {
  readonly collection: string;
  readonly key: string;
  readonly value: string | null;
}

interface PrivateHash {
  readonly collection: string;
  readonly key: string;
  readonly hash: string | null;
}

let manufacturer: Contracts;
let regulator: Contracts;
let logistics: Contracts;

beforeAll(() => {
  manufacturer = contractsOf(network().connect('Manufacturer'));
  regulator = contractsOf(network().connect('Regulator'));
  logistics = contractsOf(network().connect('Logistics'));
});

async function putPrivate(contract: Contract, collection: string, key: string, value: string): Promise<Committed> {
  const committed = await submitAndWait(contract, 'putPrivate', { arguments: [collection, key], transientData: { value: utf8(value) } });
  expect(committed.status.code).toBe(StatusCode.VALID);
  return committed;
}

async function readPrivate(contract: Contract, collection: string, key: string, endorsingOrganizations?: string[]): Promise<PrivateValue> {
  return json<PrivateValue>(await contract.evaluate('getPrivate', { arguments: [collection, key], endorsingOrganizations }));
}

async function readHash(contract: Contract, collection: string, key: string, endorsingOrganizations?: string[]): Promise<PrivateHash> {
  return json<PrivateHash>(await contract.evaluate('getPrivateHash', { arguments: [collection, key], endorsingOrganizations }));
}

test('putPrivateData takes the value from the transient map; members of the collection read it back', async () => {
  await putPrivate(manufacturer.data, 'manufacturerPrivate', 'formula', 'recipe 7: 40% cocoa');
  const expected = { collection: 'manufacturerPrivate', key: 'formula', value: 'recipe 7: 40% cocoa' };
  expect(await readPrivate(manufacturer.data, 'manufacturerPrivate', 'formula')).toEqual(expected);
  // The Regulator's peer receives the data from the Manufacturer's (dissemination or pull), a moment later on Fabric.
  expect(await eventually(() => readPrivate(regulator.data, 'manufacturerPrivate', 'formula'), (v) => v.value !== null)).toEqual(expected);
});

test("memberOnlyRead: a non-member org's client is denied with Fabric's message", async () => {
  await putPrivate(manufacturer.data, 'manufacturerPrivate', 'cost', '3.10 EUR');
  const proposal = logistics.data.newProposal('getPrivate', { arguments: ['manufacturerPrivate', 'cost'] });
  const error = await rejectionOf(proposal.evaluate());
  expect(error).toBeInstanceOf(GatewayError);
  expect((error as GatewayError).details.map((d) => d.message)).toEqual([
    `chaincode response 500, GET_STATE failed: transaction ID: ${proposal.getTransactionId()}: ` +
      'tx creator does not have read access permission on privatedata in chaincodeName:conformance collectionName: manufacturerPrivate',
  ]);
});

test("getPrivateDataHash on a non-member org's peer answers the SHA-256 of the value", async () => {
  await putPrivate(manufacturer.data, 'manufacturerPrivate', 'supplier', 'Acme Cocoa Ltd');
  const expected = { collection: 'manufacturerPrivate', key: 'supplier', hash: sha256(utf8('Acme Cocoa Ltd')).toString('hex') };
  expect(await readHash(manufacturer.data, 'manufacturerPrivate', 'supplier')).toEqual(expected);
  const onLogisticsPeer = () => readHash(logistics.data, 'manufacturerPrivate', 'supplier', ['LogisticsMSP']);
  expect(await eventually(onLogisticsPeer, (h) => h.hash !== null)).toEqual(expected);
});

test("memberOnlyRead false: a non-member's client reads through a member org's peer", async () => {
  await putPrivate(manufacturer.data, 'sharedOpen', 'lot-7', 'best before 2027-01');
  expect(await readPrivate(logistics.data, 'sharedOpen', 'lot-7', ['ManufacturerMSP'])).toEqual({
    collection: 'sharedOpen',
    key: 'lot-7',
    value: 'best before 2027-01',
  });
});

test("transient data never appears in the block; the value's hash does", async () => {
  const secret = `secret-${randomBytes(16).toString('hex')}`;
  const committed = await putPrivate(manufacturer.data, 'sharedOpen', 'in-block', secret);
  const [block] = await take(await manufacturer.network.getBlockEvents({ startBlock: committed.status.blockNumber }), 1);
  expect(BigInt(block.getHeader()?.getNumber() ?? -1)).toBe(committed.status.blockNumber);
  const bytes = block.serializeBinary();
  expect(contains(bytes, utf8(committed.txId))).toBe(true);
  expect(contains(bytes, utf8(secret))).toBe(false);
  expect(contains(bytes, sha256(utf8(secret)))).toBe(true);
});

test('deletePrivateData removes the value and its hash', async () => {
  await putPrivate(manufacturer.data, 'sharedOpen', 'to-delete', 'short-lived note');
  const removed = await submitAndWait(manufacturer.data, 'delPrivate', { arguments: ['sharedOpen', 'to-delete'] });
  expect(removed.status.code).toBe(StatusCode.VALID);
  expect(await readPrivate(manufacturer.data, 'sharedOpen', 'to-delete')).toEqual({ collection: 'sharedOpen', key: 'to-delete', value: null });
  expect(await readHash(manufacturer.data, 'sharedOpen', 'to-delete')).toEqual({ collection: 'sharedOpen', key: 'to-delete', hash: null });
});

test("purgePrivateData removes the value and its hash, on members' and non-members' peers", async () => {
  await putPrivate(manufacturer.data, 'manufacturerPrivate', 'to-purge', 'personal data');
  const onLogisticsPeer = () => readHash(logistics.data, 'manufacturerPrivate', 'to-purge', ['LogisticsMSP']);
  // First the hash must have reached the non-member's peer, or its absence afterwards would prove nothing.
  expect((await eventually(onLogisticsPeer, (h) => h.hash !== null)).hash).toBe(sha256(utf8('personal data')).toString('hex'));
  const purged = await submitAndWait(manufacturer.data, 'purgePrivate', { arguments: ['manufacturerPrivate', 'to-purge'] });
  expect(purged.status.code).toBe(StatusCode.VALID);
  expect(await readPrivate(manufacturer.data, 'manufacturerPrivate', 'to-purge')).toEqual({
    collection: 'manufacturerPrivate',
    key: 'to-purge',
    value: null,
  });
  const hashGone = { collection: 'manufacturerPrivate', key: 'to-purge', hash: null };
  expect(await readHash(manufacturer.data, 'manufacturerPrivate', 'to-purge')).toEqual(hashGone);
  expect(await eventually(onLogisticsPeer, (h) => h.hash === null)).toEqual(hashGone);
});

test("getPrivateDataByRange answers a member the collection's keys in [start, end), in key order", async () => {
  for (const [key, value] of [['pr-b', 'two'], ['pr-a', 'one'], ['pr-c', 'three']]) await putPrivate(manufacturer.data, 'sharedOpen', key, value);
  const { results } = json<{ results: unknown[] }>(await manufacturer.query.evaluateTransaction('privateRange', 'sharedOpen', 'pr-a', 'pr-c'));
  expect(results).toEqual([
    { key: 'pr-a', value: 'one' },
    { key: 'pr-b', value: 'two' },
  ]);
});

test('blockToLive 3: the value and its hash survive 3 more blocks and are gone once the 4th commits', async () => {
  const written = await putPrivate(manufacturer.data, 'shortLived', 'expiring', 'gone soon');
  const expiry = written.status.blockNumber + 4n;
  for (let filler = 0; ; filler++) {
    expect(filler).toBeLessThan(10);
    const { status } = await submitAndWait(manufacturer.data, 'put', { arguments: [`btl-filler-${filler}`, 'x'] });
    expect(status.code).toBe(StatusCode.VALID);
    const value = await readPrivate(manufacturer.data, 'shortLived', 'expiring');
    const hash = await readHash(manufacturer.data, 'shortLived', 'expiring');
    if (status.blockNumber < expiry) {
      expect({ block: status.blockNumber, value: value.value }).toEqual({ block: status.blockNumber, value: 'gone soon' });
      expect(hash.hash).toBe(sha256(utf8('gone soon')).toString('hex'));
    } else {
      expect({ block: status.blockNumber, value: value.value, hash: hash.hash }).toEqual({ block: status.blockNumber, value: null, hash: null });
      // One block per awaited submit on a quiet channel: fillers 0-2 were blocks n+1..n+3, this one is n+4.
      expect(filler).toBe(3);
      break;
    }
  }
});
