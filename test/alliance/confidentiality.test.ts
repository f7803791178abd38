// Private fields stay private: a member outside an event's collection plays the dictionary attack on a private
// field with everything it can see (channel state, every query answer and refusal, whole blocks with their hashed
// private write sets and chaincode events) and confirms no guess. The members of the collection can.
import { createHash } from 'node:crypto';
import { eventHashId } from '@crossborder-trace/domain';
import { collect } from '../support/streams';
import { useTestNetwork } from '../support/suite';
import { json, refusalOf, registerEnterprises, traceContracts } from './alliance';

jest.setTimeout(180_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

const CONTEXT = ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld'];
const ITEM = 'https://id.gs1.org/01/04000000000006/21/PRIVATE-1';
/** The secret: a customs sensor reading, one of 501 values from 0.0 to 50.0. */
const READING = 23.7;
const GUESSES = Array.from({ length: 501 }, (_, i) => i / 10);

function inspection(reading: number): Record<string, unknown> {
  return {
    type: 'ObjectEvent',
    eventTime: '2026-04-02T09:30:00.000+08:00',
    eventTimeZoneOffset: '+08:00',
    action: 'OBSERVE',
    epcList: [ITEM],
    bizStep: 'inspecting',
    disposition: 'conformant',
    readPoint: { id: 'https://id.gs1.org/414/6900001000013' },
    sensorElementList: [{ sensorReport: [{ type: 'Temperature', value: reading, uom: 'CEL' }] }],
  };
}

const document = (event: Record<string, unknown>) =>
  Buffer.from(JSON.stringify({ '@context': CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-04-02T10:00:00Z', epcisBody: { eventList: [event] } }));

/** Every way a guessed event's CBV 2.0 hash ID could show: its text, its digest as hex or bytes, hashes of keys named by it. */
function traces(hashId: string): Buffer[] {
  const digestHex = /sha-256;([0-9a-f]{64})/.exec(hashId)![1];
  const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return [Buffer.from(hashId), Buffer.from(digestHex), Buffer.from(digestHex, 'hex'), sha256(hashId), ...['event', 'detail'].map((type) => sha256(`\u0000${type}\u0000${hashId}\u0000`))];
}

let id: string;
let seen: Buffer;

beforeAll(async () => {
  await registerEnterprises(network());
  const customs = traceContracts(network(), 'Customs').event;
  const submitted = await customs.submitAsync('capture', { transientData: { epcis: document(inspection(READING)), salt: Buffer.from('a1b2c3d4e5f60718293a4b5c6d7e8f90', 'hex') } });
  [id] = json<{ ids: string[] }>(submitted.getResult()).ids;
  const { blockNumber } = await submitted.getStatus();

  // Everything the manufacturer, outside customs' collection, can see of it.
  const outsider = traceContracts(network(), 'Manufacturer');
  const answers = [
    await outsider.event.evaluateTransaction('get', id),
    await outsider.event.evaluateTransaction('detailHash', id),
    await outsider.trace.evaluateTransaction('item', ITEM),
    await outsider.trace.evaluateTransaction('history', ITEM),
    Buffer.from(await refusalOf(outsider.event.evaluateTransaction('detail', id))),
  ];
  const gateway = network().connect('Manufacturer').gateway.getNetwork('alliance');
  const blocks = await collect(await gateway.getBlockEvents({ startBlock: 0n }), (got) => got.length > Number(blockNumber));
  seen = Buffer.concat([...answers.map((a) => Buffer.from(a)), ...blocks.map((block) => Buffer.from(block.serializeBinary()))]);
});

test('the attack is sound: the guesses hold the secret, and the members of the collection confirm it', async () => {
  const { hashId } = json<{ hashId: string }>(await traceContracts(network(), 'Customs').event.evaluateTransaction('detail', id));
  const candidates = GUESSES.map((guess) => eventHashId(inspection(guess), CONTEXT));
  expect(candidates.indexOf(hashId)).toBe(GUESSES.indexOf(READING));
  expect(json<{ id: string }>(await traceContracts(network(), 'Regulator').event.evaluateTransaction('byHash', hashId)).id).toBe(id);
});

test('with everything it sees, an outsider confirms no guess of the reading', () => {
  expect(seen.length).toBeGreaterThan(10_000);
  const confirmed = GUESSES.filter((guess) => traces(eventHashId(inspection(guess), CONTEXT)).some((trace) => seen.includes(trace)));
  expect(confirmed).toEqual([]);
  // The same search does find what is public: the alliance id and the item.
  expect(seen.includes(Buffer.from(id))).toBe(true);
  expect(seen.includes(Buffer.from(ITEM))).toBe(true);
});

test('an outsider that captures its guesses learns nothing from the answers: the right guess and a wrong one read alike', async () => {
  const platform = traceContracts(network(), 'Platform').event;
  const answerTo = (reading: number) => refusalOf(platform.submit('capture', { transientData: { epcis: document({ ...inspection(reading), bizStep: 'receiving', disposition: undefined }), salt: Buffer.alloc(16, 7) } }));
  const right = await answerTo(READING);
  expect(right).toMatch(/NOT_CUSTODIAN: /);
  expect(await answerTo(12.3)).toBe(right);
});

test('the same event captured again by its recorder is still refused as a duplicate', async () => {
  const again = traceContracts(network(), 'Customs').event.submit('capture', { transientData: { epcis: document(inspection(READING)), salt: Buffer.alloc(16, 9) } });
  expect(await refusalOf(again)).toContain(`DUPLICATE_EVENT: event ${id} is already recorded`);
});
