import { peer } from '@hyperledger/fabric-protos';
import { writeBatchMessage, writeBatchPayload, type HeldWrite } from './write-batch';

const PUT_STATE = 9;
const DEL_STATE = 10;
const PUT_STATE_METADATA = 21;
const PURGE_PRIVATE_DATA = 23;

const bytes = (length: number, seed = 7): Buffer => Buffer.from(Array.from({ length }, (_, i) => (i * seed + 3) % 256));
const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');

/** Writes of every kind, with lengths either side of one- to three-byte varints and text beyond ASCII. */
const WRITES: HeldWrite[] = [
  { type: PUT_STATE, collection: '', key: '\u0000event\u0000urn:crossborder-trace:event:ab12\u0000', value: json({ id: 'x', what: { epcList: ['https://id.gs1.org/01/09506000134352/21/S1'] } }) },
  { type: PUT_STATE, collection: '', key: 'idx-epc\u0000https://id.gs1.org/01/09506000134352/21/S1\u00002026-03-04T09:00:00.123Z\u0000id', value: Buffer.of(0) },
  { type: PUT_STATE, collection: 'ManufacturerMSP-production', key: '\u0000detail\u0000id\u0000', value: bytes(127) },
  { type: PUT_STATE, collection: 'c', key: 'k128', value: bytes(128) },
  { type: PUT_STATE, collection: 'c', key: 'k16384', value: bytes(16_384, 13) },
  { type: PUT_STATE, collection: 'c', key: 'k200000', value: bytes(200_000, 31) },
  { type: PUT_STATE, collection: '', key: 'empty value', value: new Uint8Array(0) },
  { type: PUT_STATE, collection: '', key: 'no value' },
  { type: PUT_STATE, collection: '', key: 'Prüfung 检验 ' + 'x'.repeat(130), value: json({ note: 'größe 尺寸 🚚' }) },
  { type: DEL_STATE, collection: '', key: 'gone' },
  { type: DEL_STATE, collection: 'ManufacturerMSP-production', key: 'gone too' },
  { type: PURGE_PRIVATE_DATA, collection: 'c', key: 'purged' },
  { type: PUT_STATE_METADATA, collection: '', key: 'charter', metadata: { metakey: 'VALIDATION_PARAMETER', value: bytes(300) } },
  { type: PUT_STATE_METADATA, collection: '', key: 'charter', metadata: { metakey: '', value: new Uint8Array(0) } },
  { type: 0, collection: '', key: '' },
];

/** Hex: a long buffer compares at once, where a deep comparison would go byte by byte. */
const hex = (payload: Uint8Array): string => Buffer.from(payload).toString('hex');

test("each write alone and all together encode to google-protobuf's bytes", () => {
  for (const write of WRITES) expect(hex(writeBatchPayload([write]))).toBe(hex(writeBatchMessage([write]).serializeBinary()));
  expect(hex(writeBatchPayload(WRITES))).toBe(hex(writeBatchMessage(WRITES).serializeBinary()));
});

test('the peer reads back every record as written', () => {
  const records = peer.WriteBatchState.deserializeBinary(writeBatchPayload(WRITES)).getRecList();
  expect(records.map((record) => [record.getType(), record.getCollection(), record.getKey(), hex(record.getValue_asU8())])).toEqual(
    WRITES.map((write) => [write.type, write.collection, write.key, hex(write.value ?? new Uint8Array(0))]),
  );
  expect(records[12].getMetadata()?.getMetakey()).toBe('VALIDATION_PARAMETER');
});

test('a key beyond the Basic Multilingual Plane, with a lone surrogate, or a value given as text, is encoded as google-protobuf encodes it', () => {
  const odd: HeldWrite[] = [
    { type: PUT_STATE, collection: '', key: 'emoji 😀', value: Buffer.of(1) },
    { type: PUT_STATE_METADATA, collection: '', key: 'k', metadata: { metakey: 'emoji 😀', value: Buffer.of(1) } },
    { type: PUT_STATE, collection: '', key: 'half \uD800 a pair', value: Buffer.of(1) },
    { type: PUT_STATE, collection: '', key: 'other half \uDC00', value: Buffer.of(1) },
    { type: PUT_STATE, collection: '', key: 'text value', value: 'AAEC' as unknown as Uint8Array },
  ];
  for (const write of odd) expect(hex(writeBatchPayload([write, WRITES[0]]))).toBe(hex(writeBatchMessage([write, WRITES[0]]).serializeBinary()));
});
