// The public channel's record of a sold item: derived by each endorsing peer from its own copy of the alliance
// ledger, published only by the seller (or the regulator), refused when it lies, updated when a recall reaches the
// item; and consumers' complaints, filed with proof of purchase, answered by the enterprise responsible and ruled
// on by the regulator.
import { randomBytes } from 'node:crypto';
import { StatusCode } from '@hyperledger/fabric-gateway';
import { BUYER_REFERENCE, canonicalJson, stepProof, verifyInclusion, stepLeaf, type PublishedRecord, type ScreenedRecord } from '@crossborder-trace/domain';
import { forgeTransaction } from '../support/forgery';
import { useTestNetwork } from '../support/suite';
import { submitAndWait } from '../support/transactions';
import { CHAINCODE, CHANNEL, json, refusalOf, registerEnterprises, traceContracts, type OrgName } from '../alliance/alliance';
import type { ClientIdentity } from '../support/gateway';

jest.setTimeout(180_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

const GTIN = '09506000134352';
const P1 = `https://id.gs1.org/01/${GTIN}/21/PUB1`;
const P2 = `https://id.gs1.org/01/${GTIN}/21/PUB2`;
const PALLET = 'https://id.gs1.org/00/340555550000000026';
const FACTORY = 'https://id.gs1.org/414/9506000134376';
const WAREHOUSE = 'https://id.gs1.org/414/4055555000025';
const LOGISTICS_PARTY = 'https://id.gs1.org/417/4055555000018';
const PLATFORM_PARTY = 'https://id.gs1.org/417/6901234000016';
const BUYER = 'a3f1c0de9b8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6b5a4938271605f4e';

let minute = 0;
function at(): Record<string, string> {
  minute += 1;
  return { eventTime: `2026-06-01T08:${String(minute).padStart(2, '0')}:00.000Z`, eventTimeZoneOffset: '+00:00' };
}

const ids: Record<string, string> = {};
async function record(name: string, org: OrgName, event: Record<string, unknown>): Promise<void> {
  const context = ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld', { [BUYER_REFERENCE.prefix]: BUYER_REFERENCE.namespace }];
  const epcis = Buffer.from(JSON.stringify({ '@context': context, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-06-01T09:00:00Z', epcisBody: { eventList: [event] } }));
  const result = await traceContracts(network(), org).event.submit('capture', { transientData: { epcis, salt: randomBytes(16) } });
  [ids[name]] = json<{ ids: string[] }>(result).ids;
}

const observe = (epcList: string[], bizStep: string, extra: Record<string, unknown> = {}) => ({ type: 'ObjectEvent', ...at(), action: 'OBSERVE', epcList, bizStep, ...extra });
const ship = (epcList: string[], party: string, extra: Record<string, unknown> = {}) => observe(epcList, 'shipping', { destinationList: [{ type: 'possessing_party', destination: party }], ...extra });
const temperature = (celsius: number) => ({ sensorElementList: [{ sensorMetadata: { time: at().eventTime }, sensorReport: [{ type: 'gs1:Temperature', value: celsius, uom: 'CEL' }] }] });

const publicContract = (org: OrgName, name: 'record' | 'complaint', identity?: ClientIdentity) =>
  (identity ? network().connectAs(org, identity) : network().connect(org, 'User1')).gateway.getNetwork('public').getContract('public', name);
const derive = async (org: OrgName, epc: string) => json<ScreenedRecord>(await publicContract(org, 'record').evaluateTransaction('derive', epc));
const published = async (epc: string) => json<PublishedRecord>(await publicContract('Customs', 'record').evaluateTransaction('get', epc));

beforeAll(async () => {
  await registerEnterprises(network());
  const product = { gtin: GTIN, name: 'Green tea 250 g', category: 'food', origin: 'CN', standards: ['GB 2763-2021'], limits: { storageTemperature: { min: 0, max: 25 } } };
  await traceContracts(network(), 'Manufacturer').product.submitTransaction('register', JSON.stringify(product));
  await record('made', 'Manufacturer', observe([P1, P2], 'commissioning', { action: 'ADD', disposition: 'active', bizLocation: { id: FACTORY } }));
  await record('inspected', 'Manufacturer', observe([P1, P2], 'inspecting', { disposition: 'conformant', bizLocation: { id: FACTORY } }));
  await record('shipped', 'Manufacturer', ship([P1, P2], LOGISTICS_PARTY));
  await record('received', 'Logistics', observe([P1, P2], 'receiving', { bizLocation: { id: WAREHOUSE } }));
  await record('packed', 'Logistics', { type: 'AggregationEvent', ...at(), action: 'ADD', parentID: PALLET, childEPCs: [P1, P2], bizStep: 'packing' });
  await record('stored', 'Logistics', observe([PALLET], 'storing', { bizLocation: { id: WAREHOUSE } }));
  await record('carried', 'Logistics', observe([PALLET], 'transporting', temperature(6)));
  await record('palletShipped', 'Logistics', ship([PALLET], PLATFORM_PARTY));
  await record('palletReceived', 'Platform', observe([PALLET], 'receiving'));
  await record('unpacked', 'Platform', { type: 'AggregationEvent', ...at(), action: 'DELETE', parentID: PALLET, childEPCs: [P1, P2], bizStep: 'unpacking' });
  // After P1 left it, the pallet's journey is no longer P1's.
  await record('palletAccepted', 'Platform', observe([PALLET], 'accepting'));
  await record('sold', 'Platform', observe([P1], 'retail_selling', { disposition: 'retail_sold', [`${BUYER_REFERENCE.prefix}:${BUYER_REFERENCE.term}`]: BUYER }));
});

describe('the record of a sold item', () => {
  let derived: ScreenedRecord;

  beforeAll(async () => {
    derived = await derive('Platform', P1);
  });

  test('shows each step with the enterprise responsible, where the table allows, and nothing of the private detail', () => {
    expect(derived.steps.map((s) => [s.eventId, s.step, s.relation, s.enterprise.mspId])).toEqual([
      [ids.made, 'commissioning', 'item', 'ManufacturerMSP'],
      [ids.inspected, 'inspecting', 'item', 'ManufacturerMSP'],
      [ids.shipped, 'shipping', 'item', 'ManufacturerMSP'],
      [ids.received, 'receiving', 'item', 'LogisticsMSP'],
      [ids.packed, 'packing', 'item', 'LogisticsMSP'],
      // storing is hidden from consumers (warehouse handling)
      [ids.carried, 'transporting', 'container', 'LogisticsMSP'],
      [ids.palletShipped, 'shipping', 'container', 'LogisticsMSP'],
      [ids.palletReceived, 'receiving', 'container', 'PlatformMSP'],
      [ids.unpacked, 'unpacking', 'item', 'PlatformMSP'],
      [ids.sold, 'retail_selling', 'item', 'PlatformMSP'],
    ]);
    expect(derived.steps[0]).toMatchObject({ enterprise: { name: 'Manufacturer Co.', country: 'DE' }, where: { country: 'DE', site: FACTORY }, time: '2026-06-01T08:01:00.000Z' });
    expect(derived.steps[1].verdict).toBe('conformant');
    // A warehouse's location is commercial detail: the receiving step shows the country only.
    expect(derived.steps[3].where).toEqual({ country: 'DE' });
    expect(derived).toMatchObject({
      epc: P1,
      product: { gtin: GTIN, name: 'Green tea 250 g', origin: 'CN', standards: ['GB 2763-2021'], brandOwner: { mspId: 'ManufacturerMSP', name: 'Manufacturer Co.' } },
      sale: { eventId: ids.sold, seller: 'PlatformMSP' },
      coldChain: { verdict: 'within_limits', readings: 1, outside: 0 },
      recalls: [],
      flags: [],
      truncated: false,
    });
    const text = JSON.stringify(derived);
    expect(text).not.toContain(BUYER);
    expect(text).not.toContain(WAREHOUSE);
  });

  test('the seller alone cannot publish: a record endorsed by its own peer only is invalidated', async () => {
    const platform = network().connect('Platform', 'User1').gateway;
    const fake = { ...derived, steps: derived.steps.slice(0, 1) };
    // The honest record endorsed by the platform's peer (never submitted), its write replaced by the fake.
    const honest = await platform
      .getNetwork('public')
      .getContract('public', 'record')
      .newProposal('publish', { arguments: [P1, JSON.stringify(derived)], endorsingOrganizations: ['PlatformMSP'] })
      .endorse();
    const write = { key: `record\u0000${P1}`, value: Buffer.from(canonicalJson({ record: fake, version: 9, publishedAt: '2026-06-02T00:00:00.000Z', publishedBy: 'PlatformMSP', txId: 'x' })) };
    const forged = forgeTransaction(honest.getBytes(), 'public', [write], [network().peerIdentity('Platform')], network().identity('Platform', 'User1'));
    const status = await (await platform.newSignedTransaction(forged.bytes, forged.signature).submit()).getStatus();
    expect(status.code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
    expect(await refusalOf(publicContract('Customs', 'record').evaluateTransaction('get', P1))).toMatch(/NOT_FOUND: /);
  });

  test('the seller publishes it: stored as derived, and every step proves its place under the Merkle root', async () => {
    const committed = await submitAndWait(publicContract('Platform', 'record'), 'publish', { arguments: [P1, JSON.stringify(derived)] });
    expect(committed.status.successful).toBe(true);
    const stored = await published(P1);
    expect(stored).toMatchObject({ version: 1, publishedBy: 'PlatformMSP', txId: committed.status.transactionId });
    expect(canonicalJson(stored.record)).toBe(canonicalJson(derived));
    derived.steps.forEach((step, index) => {
      const proof = stepProof(stored.record, index);
      expect(verifyInclusion(stepLeaf(step), proof, stored.record.merkleRoot)).toBe(true);
      expect(verifyInclusion(stepLeaf({ ...step, enterprise: { ...step.enterprise, name: 'Someone else' } }), proof, stored.record.merkleRoot)).toBe(false);
    });
  });

  test('publishing it again changes nothing: ALREADY_PUBLISHED', async () => {
    expect(await refusalOf(publicContract('Platform', 'record').submitTransaction('publish', P1, JSON.stringify(derived)))).toMatch(/ALREADY_PUBLISHED: .*version 1/);
  });

  test('a record that differs from the alliance ledger in any field is refused, naming the field', async () => {
    const contract = publicContract('Platform', 'record');
    const lie = (record: unknown) => refusalOf(contract.submitTransaction('publish', P1, JSON.stringify(record)));
    expect(await lie({ ...derived, flags: [] , coldChain: { ...derived.coldChain, verdict: 'not_monitored' } })).toMatch(/RECORD_MISMATCH: .* at coldChain\.verdict/);
    expect(await lie({ ...derived, steps: derived.steps.filter((s) => s.step !== 'inspecting') })).toMatch(/RECORD_MISMATCH: .* at steps\[1\]/);
    expect(await lie({ ...derived, steps: derived.steps.map((s, i) => (i === 0 ? { ...s, enterprise: { ...s.enterprise, country: 'FR' } } : s)) })).toMatch(/RECORD_MISMATCH: .* at steps\[0\]\.enterprise\.country/);
    expect(await lie({ ...derived, merkleRoot: '00'.repeat(32) })).toMatch(/RECORD_MISMATCH: .* at merkleRoot/);
    expect(await lie('not a record')).toMatch(/RECORD_MISMATCH/);
    expect((await published(P1)).version).toBe(1);
  });

  test('an item not sold has no record; only its seller or the regulator publishes one', async () => {
    const unsold = await derive('Platform', P2);
    expect(unsold.sale).toBeNull();
    expect(await refusalOf(publicContract('Platform', 'record').submitTransaction('publish', P2, JSON.stringify(unsold)))).toMatch(/NOT_SOLD: /);
    // The manufacturer derives the same facts, but did not sell the item.
    expect(await refusalOf(publicContract('Manufacturer', 'record').submitTransaction('publish', P1, JSON.stringify(derived)))).toMatch(/ROLE_NOT_AUTHORISED: PlatformMSP sold/);
    // A certificate the manufacturer's own CA issued with role=regulator is its word, not the charter's.
    const selfMade = await network().issueUser('Manufacturer', 'SelfMadeRegulatorPub', { role: 'regulator' });
    expect(await refusalOf(publicContract('Manufacturer', 'record', selfMade).submitTransaction('publish', P1, JSON.stringify(derived)))).toMatch(/ROLE_NOT_GRANTED: /);
    expect(await refusalOf(publicContract('Customs', 'record').evaluateTransaction('get', P2))).toMatch(/NOT_FOUND: /);
  });

  test('a recall reaching the item changes the record: published again as version 2, flagged recalled', async () => {
    const recall = await submitAndWait(network().connect('Regulator', 'User1').gateway.getNetwork(CHANNEL).getContract(CHAINCODE, 'recall'), 'issue', {
      arguments: [JSON.stringify({ gtin: GTIN, serials: ['PUB1'], reason: 'pesticide residue above GB 2763-2021', severity: 'class_ii' })],
    });
    const recallId = recall.status.transactionId;
    const updated = await derive('Platform', P1);
    expect(updated.flags).toEqual(['recalled']);
    expect(updated.recalls).toEqual([expect.objectContaining({ recallId, severity: 'class_ii', reason: 'pesticide residue above GB 2763-2021', issuedBy: 'RegulatorMSP' })]);
    await submitAndWait(publicContract('Platform', 'record'), 'publish', { arguments: [P1, JSON.stringify(updated)] });
    expect(await published(P1)).toMatchObject({ version: 2, record: { flags: ['recalled'] } });
  });
});

describe('complaints', () => {
  const filing = (extra: Record<string, unknown> = {}) => JSON.stringify({ epc: P1, eventId: ids.inspected, category: 'quality', description: 'The tea tastes of pesticide.', ...extra });
  const file = (org: OrgName, reference: string, json = filing()) =>
    publicContract(org, 'complaint').submit('file', { arguments: [json], transientData: { buyerReference: Buffer.from(reference) } });

  test('the seller files one for its buyer with proof of purchase; it goes to the enterprise responsible for the step and the regulator', async () => {
    const complaint = json<Record<string, unknown>>(await file('Platform', BUYER));
    expect(complaint).toMatchObject({ epc: P1, eventId: ids.inspected, step: 'inspecting', responsible: 'ManufacturerMSP', regulator: 'RegulatorMSP', filedBy: 'PlatformMSP', status: 'open' });
    expect(JSON.stringify(complaint)).not.toContain(BUYER);
    const listed = json<{ complaints: { id: string }[] }>(await publicContract('Logistics', 'complaint').evaluateTransaction('ofItem', P1));
    expect(listed.complaints.map((c) => c.id)).toContain(complaint.id);
  });

  test('without the buyer reference recorded at the sale, or by another firm, or about a step not on the record, no complaint is filed', async () => {
    expect(await refusalOf(file('Platform', 'someone-else'))).toMatch(/PURCHASE_NOT_PROVEN: /);
    expect(await refusalOf(file('Logistics', BUYER))).toMatch(/COMPLAINT_NOT_AUTHORISED: PlatformMSP sold/);
    expect(await refusalOf(file('Platform', BUYER, filing({ eventId: ids.stored })))).toMatch(/INVALID_COMPLAINT: .* is not a step/);
    expect(await refusalOf(file('Platform', BUYER, filing({ category: 'price' })))).toMatch(/INVALID_COMPLAINT: category/);
    expect(await refusalOf(publicContract('Platform', 'complaint').submitTransaction('file', filing()))).toMatch(/MISSING_TRANSIENT: /);
  });

  test('the enterprise responsible answers, no one else; the regulator rules, and a ruled complaint is closed', async () => {
    const { id } = json<{ id: string }>(await file('Platform', BUYER, filing({ category: 'safety', description: 'Made my child ill.' })));
    const answer = JSON.stringify({ text: 'Lot tested again; see the recall.' });
    expect(await refusalOf(publicContract('Logistics', 'complaint').submitTransaction('answer', id, answer))).toMatch(/COMPLAINT_NOT_AUTHORISED: LogisticsMSP may not answer/);
    expect(await refusalOf(publicContract('Manufacturer', 'complaint').submitTransaction('rule', id, JSON.stringify({ decision: 'dismissed', reason: 'no' })))).toMatch(/COMPLAINT_NOT_AUTHORISED: /);
    expect(json<Record<string, unknown>>(await publicContract('Manufacturer', 'complaint').submitTransaction('answer', id, answer))).toMatchObject({ status: 'answered', answer: { text: 'Lot tested again; see the recall.', by: 'ManufacturerMSP' } });
    const ruled = json<Record<string, unknown>>(await publicContract('Regulator', 'complaint').submitTransaction('rule', id, JSON.stringify({ decision: 'upheld', reason: 'Residue confirmed.' })));
    expect(ruled).toMatchObject({ status: 'upheld', ruling: { decision: 'upheld', by: 'RegulatorMSP' } });
    expect(await refusalOf(publicContract('Manufacturer', 'complaint').submitTransaction('answer', id, answer))).toMatch(/COMPLAINT_NOT_AUTHORISED: .* is upheld/);
  });
});
