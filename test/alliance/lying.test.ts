// Valid but lying transactions: members that run their own peers endorse write sets no honest chaincode would
// produce. Fabric's validation refuses each one, because the regulator's honest peer (or a majority of members,
// for the charter) never signed it, and the ledger is left unchanged.
import { StatusCode, type Status } from '@hyperledger/fabric-gateway';
import { forgeTransaction, type ForgedWrite } from '../support/forgery';
import { useTestNetwork } from '../support/suite';
import { captureWith, epcisDocument, json, registerEnterprises, traceContracts } from './alliance';

jest.setTimeout(180_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

/** A key as fabric-shim's createCompositeKey writes it. */
const compositeKey = (type: string, ...parts: string[]) => `\u0000${[type, ...parts].join('\u0000')}\u0000`;
const jsonBytes = (value: unknown) => Buffer.from(JSON.stringify(value));
const REGISTRATION = JSON.stringify({ name: 'Manufacturer Co.', country: 'DE', roles: ['manufacturer'] });

/** Endorses an honest transaction (the manufacturer's admin registering again), forges it and submits it. */
async function submitForged(writes: ForgedWrite[] | undefined, endorsingPeers: string[]): Promise<Status['code']> {
  const admin = network().connect('Manufacturer', 'Admin').gateway;
  const honest = await admin
    .getNetwork('alliance')
    .getContract('trace', 'enterprise')
    .newProposal('register', { arguments: [REGISTRATION], endorsingOrganizations: ['ManufacturerMSP', 'RegulatorMSP'] })
    .endorse();
  const endorsers = endorsingPeers.map((org) => network().peerIdentity(org));
  const forged = forgeTransaction(honest.getBytes(), 'trace', writes, endorsers, network().identity('Manufacturer', 'Admin'));
  const submitted = await admin.newSignedTransaction(forged.bytes, forged.signature).submit();
  return (await submitted.getStatus()).code;
}

const charterNow = async () => json<{ regulator: string; version: number }>(await traceContracts(network(), 'Customs').charter.evaluateTransaction('get'));
const enterprise = async (mspId: string) => json<Record<string, unknown>>(await traceContracts(network(), 'Customs').enterprise.evaluateTransaction('get', mspId));

beforeAll(() => registerEnterprises(network()));

test('the forgery is well formed: honest writes, endorsed anew with the manufacturer\'s and the regulator\'s peer keys, commit', async () => {
  expect(await submitForged(undefined, ['Manufacturer', 'Regulator'])).toBe(StatusCode.VALID);
});

test('two colluding members suspend customs: invalidated, customs stays active', async () => {
  const suspended = { ...(await enterprise('CustomsMSP')), status: 'suspended' };
  const code = await submitForged([{ key: compositeKey('enterprise', 'CustomsMSP'), value: jsonBytes(suspended) }], ['Manufacturer', 'Platform']);
  expect(code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
  expect((await enterprise('CustomsMSP')).status).toBe('active');
});

test("two colluding members hand the manufacturer's item to the platform: invalidated, its holder unchanged", async () => {
  const epc = 'https://id.gs1.org/01/09506000134352/21/LIE-1';
  const [id] = await captureWith(
    traceContracts(network(), 'Manufacturer'),
    epcisDocument({ type: 'ObjectEvent', eventTime: '2026-04-04T08:00:00.000Z', eventTimeZoneOffset: '+00:00', action: 'ADD', epcList: [epc], bizStep: 'commissioning' }),
  );
  const handedOver = { epc, lastEventId: id, lastEventTimeUtc: '2026-04-04T08:00:00.000Z', lastBizStep: 'commissioning', custodian: 'PlatformMSP' };
  const code = await submitForged([{ key: compositeKey('item', epc), value: jsonBytes(handedOver) }], ['Manufacturer', 'Platform']);
  expect(code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
  const { state } = json<{ state: { custodian: string } }>(await traceContracts(network(), 'Regulator').trace.evaluateTransaction('item', epc));
  expect(state.custodian).toBe('ManufacturerMSP');
});

test('two colluding members rewrite the charter, even when one is the regulator: invalidated without a majority', async () => {
  const before = await charterNow();
  const forgedCharter = { ...before, regulator: 'ManufacturerMSP', version: before.version + 1 };
  const write = [{ key: 'charter', value: jsonBytes(forgedCharter) }];
  expect(await submitForged(write, ['Manufacturer', 'Platform'])).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
  // The chaincode's own policy (the regulator and one other) is not enough for the charter's key: 2 of 5 is no majority.
  expect(await submitForged(write, ['Manufacturer', 'Regulator'])).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
  expect(await charterNow()).toEqual(before);
});
