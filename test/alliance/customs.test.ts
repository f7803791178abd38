// Customs supervision of cross-border retail imports: the three-document check. Each party records its document;
// customs checks the declaration on the ledger and clears only a matched one; every member sees the verdict, only
// customs and the regulator the documents' customs views, only the recorder (and the regulator) the full documents.
// Each rule is tried by breaking it.
import { randomBytes } from 'node:crypto';
import { StatusCode, type Contract, type Status } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import { forgeTransaction, type ForgedWrite } from '../support/forgery';
import { collect } from '../support/streams';
import { useTestNetwork } from '../support/suite';
import { accepting, matchingDocuments, packing, shipping, type DocumentSet } from '../support/customs-documents';
import { captureWith, CHAINCODE, CHANNEL, epcisDocument, json, ORGS, refusalOf, registerEnterprises, traceContracts } from './alliance';

jest.setTimeout(300_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

const contractOf = (org: string, user = 'User1'): Contract => network().connect(org, user).gateway.getNetwork(CHANNEL).getContract(CHAINCODE, 'customs');
const heightOf = async (org: string) =>
  common.BlockchainInfo.deserializeBinary(await network().connect(org).gateway.getNetwork(CHANNEL).getContract('qscc').evaluateTransaction('GetChainInfo', CHANNEL)).getHeight();

/**
 * Waits until every peer has every block: a submit waits for the submitting org's peer only, and on real Fabric a
 * check endorsed by customs' and the regulator's peers before they have the documents' block would not see them.
 */
async function everyPeerHasIt(): Promise<void> {
  for (let polls = 0; ; polls++) {
    const heights = await Promise.all(ORGS.map(heightOf));
    if (heights.every((height) => height === heights[0])) return;
    if (polls >= 600) throw new Error(`the peers' heights stay apart: ${heights.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The customs contract at the org's peer, once every peer has every block. */
async function customsAt(org: string, user = 'User1'): Promise<Contract> {
  await everyPeerHasIt();
  return contractOf(org, user);
}
const salt = () => randomBytes(16);
const compositeKey = (type: string, ...parts: string[]) => `\u0000${[type, ...parts].join('\u0000')}\u0000`;

async function record(org: string, kind: string, document: unknown): Promise<void> {
  await (await customsAt(org)).submit('record', { arguments: [kind], transientData: { document: Buffer.from(JSON.stringify(document)), salt: salt() } });
}

/** The carrier packs and ships the parcel; the platform records order, payment and declaration, the carrier its waybill. */
async function recordAll(set: DocumentSet, declaration: Record<string, unknown> = set.declaration): Promise<void> {
  await everyPeerHasIt();
  await captureWith(traceContracts(network(), 'Logistics'), epcisDocument(packing(set), shipping(set)));
  await record('Platform', 'order', set.order);
  await record('Platform', 'payment', set.payment);
  await record('Logistics', 'waybill', set.waybill);
  await record('Platform', 'declaration', declaration);
}

interface Verdict {
  status: string;
  mismatches: { kind: string; fields: string[] }[];
}
const check = async (id: string) => json<Verdict>(await (await customsAt('Customs')).submitTransaction('check', id));
const clear = async (id: string) => (await customsAt('Customs')).submit('clear', { arguments: [id], transientData: { salt: salt() } });
const verdictSeenBy = async (org: string, id: string) => json<{ verdict: Verdict | null }>(await (await customsAt(org)).evaluateTransaction('declaration', id)).verdict;
const acceptedBy = async (org: string, epc: string) => {
  await everyPeerHasIt();
  return captureWith(traceContracts(network(), org), epcisDocument(accepting(epc)));
};

/**
 * A member running its own peer: an honest transaction (the platform's admin registering again) endorsed, its
 * writes replaced (undefined keeps them), endorsed anew with the named orgs' peer keys, submitted; answers its code.
 */
async function submitForged(writes: ForgedWrite[] | undefined, endorsingOrgs: string[]): Promise<Status['code']> {
  const platform = network().connect('Platform', 'Admin').gateway;
  const honest = await platform
    .getNetwork(CHANNEL)
    .getContract(CHAINCODE, 'enterprise')
    .newProposal('register', { arguments: [JSON.stringify({ name: 'Platform Co.', country: 'CN', roles: ['platform'] })], endorsingOrganizations: ['PlatformMSP', 'RegulatorMSP'] })
    .endorse();
  const endorsers = endorsingOrgs.map((org) => network().peerIdentity(org));
  const forged = forgeTransaction(honest.getBytes(), CHAINCODE, writes, endorsers, network().identity('Platform', 'Admin'));
  return (await (await platform.newSignedTransaction(forged.bytes, forged.signature).submit()).getStatus()).code;
}

let matched: DocumentSet;
/** The document sets of the mismatch tests, by tag. */
const sets = new Map<string, DocumentSet>();

beforeAll(async () => {
  await registerEnterprises(network());
  matched = matchingDocuments('MATCH');
  await recordAll(matched);
});

describe('a matching declaration', () => {
  test('customs checks it: matched, seen alike by every member', async () => {
    expect(await check('DEC-MATCH')).toMatchObject({ status: 'matched', mismatches: [], checkedBy: 'CustomsMSP', declaredBy: 'PlatformMSP' });
    for (const org of ['Manufacturer', 'Platform', 'Logistics', 'Regulator']) expect((await verdictSeenBy(org, 'DEC-MATCH'))?.status).toBe('matched');
  });

  test('its parcel is refused at the border until the declaration is cleared, the parcel and the goods in it alike', async () => {
    expect(await refusalOf(acceptedBy('Customs', matched.sscc))).toMatch(/PARCEL_NOT_CLEARED: parcel .* \(waybill WB-MATCH\) has no cleared declaration/);
    expect(await refusalOf(acceptedBy('Customs', matched.item))).toMatch(/PARCEL_NOT_CLEARED: /);
  });

  test('customs clears it; then accepts the parcel; clearing twice is refused', async () => {
    await clear('DEC-MATCH');
    expect((await verdictSeenBy('Manufacturer', 'DEC-MATCH'))?.status).toBe('cleared');
    expect(await acceptedBy('Customs', matched.sscc)).toHaveLength(1);
    expect(await acceptedBy('Customs', matched.item)).toHaveLength(1);
    expect(await refusalOf(clear('DEC-MATCH'))).toMatch(/ALREADY_CLEARED: /);
  });

  test('goods that no waybill names are accepted as before', async () => {
    const manufacturer = traceContracts(network(), 'Manufacturer');
    const epc = `https://id.gs1.org/01/09506000134352/21/NO-WAYBILL`;
    await captureWith(manufacturer, epcisDocument({ type: 'ObjectEvent', eventTime: '2026-04-01T08:00:00.000Z', eventTimeZoneOffset: '+00:00', action: 'ADD', epcList: [epc], bizStep: 'commissioning' }));
    await captureWith(manufacturer, epcisDocument({ type: 'ObjectEvent', eventTime: '2026-04-01T09:00:00.000Z', eventTimeZoneOffset: '+00:00', action: 'OBSERVE', epcList: [epc], bizStep: 'shipping', destinationList: [{ type: 'possessing_party', destination: 'https://id.gs1.org/417/6901234000016' }] }));
    expect(await acceptedBy('Customs', epc)).toHaveLength(1);
  });
});

describe('each kind of mismatch is reported with its fields, and refuses clearing', () => {
  /** A set of documents, recorded with a declaration changed by `change`; the check's mismatches. */
  async function mismatchOf(tag: string, change: (declaration: Record<string, unknown>, set: DocumentSet) => Record<string, unknown>, options?: { consignee?: string; value?: number }) {
    const set = matchingDocuments(tag, options);
    sets.set(tag, set);
    await recordAll(set, change({ ...set.declaration }, set));
    const verdict = await check(`DEC-${tag}`);
    expect(verdict.status).toBe('mismatched');
    expect(await refusalOf(clear(`DEC-${tag}`))).toMatch(new RegExp(`DOCUMENTS_MISMATCH: declaration DEC-${tag} does not match its documents`));
    expect(await refusalOf(acceptedBy('Customs', set.sscc))).toMatch(/PARCEL_NOT_CLEARED/);
    return verdict.mismatches;
  }

  test.each([
    ['order-number', (d: Record<string, unknown>) => ({ ...d, orderNumber: 'ORD-ELSEWHERE' }), ['declaration.orderNumber', 'payment.orderNumber', 'waybill.orderNumber']],
    ['payment', (d: Record<string, unknown>) => ({ ...d, paymentSerial: 'PAY-ELSEWHERE' }), ['declaration.paymentSerial']],
    ['waybill', (d: Record<string, unknown>) => ({ ...d, waybillNumber: 'WB-ELSEWHERE' }), ['declaration.waybillNumber']],
    ['consignee', (d: Record<string, unknown>) => ({ ...d, consigneeRef: 'ab'.repeat(16) }), ['order.consigneeRef', 'payment.payerRef', 'waybill.consigneeRef']],
    // Tea 1 x 150 + cup 1 x 50 is the order's value, not its quantities.
    ['items', (d: Record<string, unknown>, set: DocumentSet) => ({ ...d, items: [{ gtin: (set.order.items as { gtin: string }[])[0].gtin, quantity: 1, declaredUnitValue: 200 }, (d.items as unknown[])[1]] }), ['declaration.items']],
    // Undervalued: tea declared at 75 a piece, 200 in all, against goods worth 250.
    ['value', (d: Record<string, unknown>, set: DocumentSet) => ({ ...d, declaredValue: 200, items: [{ gtin: (set.order.items as { gtin: string }[])[0].gtin, quantity: 2, declaredUnitValue: 75 }, (d.items as unknown[])[1]] }), ['declaration.declaredValue']],
    ['currency', (d: Record<string, unknown>) => ({ ...d, currency: 'USD' }), ['declaration.currency']],
  ])('%s', async (kind, change, fields) => {
    expect(await mismatchOf(kind.toUpperCase(), change)).toEqual([{ kind, fields }]);
  });

  test('waybill: a parcel no event ever recorded', async () => {
    const set = matchingDocuments('GHOST');
    await record('Platform', 'order', set.order);
    await record('Platform', 'payment', set.payment);
    await record('Logistics', 'waybill', set.waybill);
    await record('Platform', 'declaration', set.declaration);
    expect((await check('DEC-GHOST')).mismatches).toEqual([{ kind: 'waybill', fields: ['waybill.sscc'] }]);
  });

  test('order-limit: one declaration above CNY 5,000', async () => {
    expect(await mismatchOf('BIG', (d) => d, { value: 5000.01 })).toEqual([{ kind: 'order-limit', fields: ['declaration.declaredValue'] }]);
  });

  test('annual-limit: CNY 26,000 a consignee a year, counted over the declarations cleared before', async () => {
    const consignee = 'c0'.repeat(16);
    for (const n of [1, 2, 3, 4, 5]) {
      const set = matchingDocuments(`YEAR-${n}`, { consignee, value: 5000 });
      await recordAll(set);
      await clear(`DEC-YEAR-${n}`);
    }
    // 25,000 cleared: one cent more than 1,000 is over the year's limit; 1,000 is not.
    expect(await mismatchOf('YEAR-OVER', (d) => d, { consignee, value: 1000.01 })).toEqual([{ kind: 'annual-limit', fields: ['declaration.declaredValue'] }]);
    const last = matchingDocuments('YEAR-LAST', { consignee, value: 1000 });
    await recordAll(last);
    expect((await check('DEC-YEAR-LAST')).status).toBe('matched');
    await clear('DEC-YEAR-LAST');
    // Another consignee's year is its own.
    const other = matchingDocuments('OTHER', { value: 5000 });
    await recordAll(other);
    expect((await check('DEC-OTHER')).status).toBe('matched');
  });
});

describe('who sees what', () => {
  const deniedTo = async (org: string, call: string, ...args: string[]) => expect(await refusalOf((await customsAt(org)).evaluateTransaction(call, ...args))).toMatch(/DETAIL_DENIED: /);

  test("logistics reads neither the payment nor the order's customs view, nor the declaration's views", async () => {
    await deniedTo('Logistics', 'view', 'payment', 'PAY-MATCH', 'PlatformMSP');
    await deniedTo('Logistics', 'view', 'order', 'ORD-MATCH', 'PlatformMSP');
    await deniedTo('Logistics', 'views', 'DEC-MATCH');
  });

  test("the consignee's address on the order: the platform and the regulator only", async () => {
    for (const org of ['Platform', 'Regulator']) {
      const order = json<{ consignee: { address: string } }>(await (await customsAt(org)).evaluateTransaction('document', 'order', 'ORD-MATCH', 'PlatformMSP'));
      expect(order.consignee.address).toBe('MATCH Nanjing Road 1, Shanghai');
    }
    for (const org of ['Customs', 'Logistics', 'Manufacturer']) await deniedTo(org, 'document', 'order', 'ORD-MATCH', 'PlatformMSP');
  });

  test('customs reads the customs views of all four, without the private fields', async () => {
    const views = json<Record<string, Record<string, unknown>>>(await (await customsAt('Customs')).evaluateTransaction('views', 'DEC-MATCH'));
    expect(views.declaration.declaredValue).toBe(250);
    expect(views.order).toMatchObject({ orderNumber: 'ORD-MATCH', goodsValue: 250 });
    expect(views.order.consignee).toBeUndefined();
    expect(views.payment).toMatchObject({ paymentSerial: 'PAY-MATCH', amount: 292.75 });
    expect(views.waybill).toMatchObject({ waybillNumber: 'WB-MATCH' });
    expect(views.waybill.consignee).toBeUndefined();
    expect(Object.keys(json(await (await customsAt('Regulator')).evaluateTransaction('views', 'DEC-MATCH')) as object)).toEqual(['declaration', 'order', 'payment', 'waybill']);
  });

  test('a member outside the documents sees the verdict and the waybill\'s promise, and nothing private in any block', async () => {
    await deniedTo('Manufacturer', 'views', 'DEC-MATCH');
    await deniedTo('Manufacturer', 'view', 'declaration', 'DEC-MATCH', 'PlatformMSP');
    expect((await verdictSeenBy('Manufacturer', 'DEC-MATCH'))?.status).toBe('cleared');
    const registration = JSON.stringify({ name: 'Manufacturer Co.', country: 'DE', roles: ['manufacturer'] });
    const { blockNumber } = await (await traceContracts(network(), 'Manufacturer', 'Admin').enterprise.submitAsync('register', { arguments: [registration] })).getStatus();
    const alliance = network().connect('Manufacturer').gateway.getNetwork(CHANNEL);
    const blocks = await collect(await alliance.getBlockEvents({ startBlock: 0n }), (got) => got.length > Number(blockNumber));
    const seen = Buffer.concat(blocks.map((block) => Buffer.from(block.serializeBinary())));
    expect(seen.includes(Buffer.from('WB-MATCH'))).toBe(true);
    for (const secret of ['Nanjing Road', matched.order.consigneeRef as string, 'PAY-MATCH', '292.75']) expect(seen.includes(Buffer.from(secret))).toBe(false);
  });
});

describe('no party clears its own mismatch', () => {
  test('the platform can neither check nor clear; nor record a waybill; logistics records no order', async () => {
    expect(await refusalOf((await customsAt('Platform')).submitTransaction('check', 'DEC-CONSIGNEE'))).toMatch(/ROLE_NOT_AUTHORISED: only customs checks and clears/);
    expect(await refusalOf((await customsAt('Platform')).submit('clear', { arguments: ['DEC-CONSIGNEE'], transientData: { salt: salt() } }))).toMatch(/ROLE_NOT_AUTHORISED: /);
    const set = matchingDocuments('WRONG-PARTY');
    expect(await refusalOf(record('Platform', 'waybill', set.waybill))).toMatch(/ROLE_NOT_AUTHORISED: a waybill is recorded by logistics/);
    expect(await refusalOf(record('Logistics', 'order', set.order))).toMatch(/ROLE_NOT_AUTHORISED: a order is recorded by platform/);
    expect((await verdictSeenBy('Platform', 'DEC-CONSIGNEE'))?.status).toBe('mismatched');
  });

  test("a certificate the platform's own CA issued with role=customs is not customs", async () => {
    const selfMade = await network().issueUser('Platform', 'SelfMadeCustoms', { role: 'customs' });
    const contract = network().connectAs('Platform', selfMade).gateway.getNetwork(CHANNEL).getContract(CHAINCODE, 'customs');
    expect(await refusalOf(contract.submit('clear', { arguments: ['DEC-CONSIGNEE'], transientData: { salt: salt() } }))).toMatch(/ROLE_NOT_GRANTED: the alliance charter grants PlatformMSP platform, not 'customs'/);
  });

  test('a cleared verdict forged by the platform and the carrier, with their own peers, is invalidated', async () => {
    const before = await verdictSeenBy('Regulator', 'DEC-CONSIGNEE');
    const { sscc } = sets.get('CONSIGNEE')!;
    const cleared = { ...before, status: 'cleared', mismatches: [], clearedAt: new Date().toISOString() };
    const writes = [
      { key: compositeKey('customs-verdict', 'DEC-CONSIGNEE'), value: Buffer.from(JSON.stringify(cleared)) },
      { key: compositeKey('parcel', sscc), value: Buffer.from(JSON.stringify({ sscc, waybillNumber: 'WB-CONSIGNEE', clearedBy: 'DEC-CONSIGNEE' })) },
    ];
    expect(await submitForged(writes, ['Platform', 'Logistics'])).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
    expect(await verdictSeenBy('Regulator', 'DEC-CONSIGNEE')).toEqual(before);
    expect(await refusalOf(acceptedBy('Customs', sscc))).toMatch(/PARCEL_NOT_CLEARED/);
  });

  test('the same forgery endorsed by the platform and the regulator would commit: the forgery is well formed', async () => {
    expect(await submitForged(undefined, ['Platform', 'Regulator'])).toBe(StatusCode.VALID);
  });
});
