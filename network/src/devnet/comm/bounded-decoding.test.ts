import { common, peer } from '@hyperledger/fabric-protos';
import './bounded-decoding';

/** A field 1 (length-delimited) header declaring `length` bytes, followed by none of them. */
function claiming(length: number): Uint8Array {
  const varint: number[] = [];
  for (let rest = length; ; rest = Math.floor(rest / 128)) {
    if (rest < 0x80) {
      varint.push(rest);
      break;
    }
    varint.push((rest % 128) | 0x80);
  }
  return Uint8Array.from([0x0a, ...varint]);
}

test.each([
  ['2^32 - 1 (never returned before)', 2 ** 32 - 1],
  ['2^31 - 1', 2 ** 31 - 1],
  ['1 GiB', 2 ** 30],
  ['10 bytes', 10],
])('a submessage declaring %s with nothing behind it is refused', (_name, length) => {
  // Transaction field 1 is a message (TransactionAction): decoding it goes through readMessage.
  expect(() => peer.Transaction.deserializeBinary(claiming(length))).toThrow(/malformed protobuf: an embedded message declares/);
});

test('a truncated length prefix is refused', () => {
  expect(() => peer.Transaction.deserializeBinary(Uint8Array.from([0x0a, 0xff, 0xff]))).toThrow(/truncated length/);
});

test('well-formed nested messages still decode, to the last byte', () => {
  const header = new common.Header();
  header.setChannelHeader(Uint8Array.from([1, 2, 3]));
  const action = new peer.TransactionAction();
  action.setHeader(header.serializeBinary());
  action.setPayload(new Uint8Array(70_000).fill(7));
  const tx = new peer.Transaction();
  tx.setActionsList([action, action]);
  const decoded = peer.Transaction.deserializeBinary(tx.serializeBinary());
  expect(decoded.getActionsList()).toHaveLength(2);
  expect(decoded.getActionsList()[1].getPayload_asU8()).toEqual(action.getPayload_asU8());
  expect(common.Header.deserializeBinary(decoded.getActionsList()[0].getHeader_asU8()).getChannelHeader_asU8()).toEqual(Uint8Array.from([1, 2, 3]));
});
