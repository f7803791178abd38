import * as grpc from '@grpc/grpc-js';
import { common, gateway, peer } from '@hyperledger/fabric-protos';
import { BinaryReader, BinaryWriter } from 'google-protobuf';
import { startTestServer } from '../deliver/test-grpc';
import './bounded-decoding';

// No test here times anything (speed belongs to the benchmark): the refusals' messages say the bound was applied.
// Before it, these decodes ran for 17 s to minutes, past jest's 5 s test timeout, and ended in another error.

function varint(value: number): number[] {
  const bytes: number[] = [];
  for (let rest = value; ; rest = Math.floor(rest / 128)) {
    if (rest < 0x80) {
      bytes.push(rest);
      return bytes;
    }
    bytes.push((rest % 128) | 0x80);
  }
}

/** A length-delimited header of field `field` declaring `length` bytes, followed by `content` only. */
function claiming(length: number, content: number[] = [], field = 1): Uint8Array {
  return Uint8Array.from([(field << 3) | 2, ...varint(length), ...content]);
}

/** Runs decode, expecting it to throw; returns the error. */
function refusal(decode: () => unknown): { error: unknown } {
  try {
    decode();
  } catch (error) {
    return { error };
  }
  throw new Error('decoded without complaint');
}

describe('the 7-byte Evaluate request', () => {
  // Field 1 of EvaluateRequest is transaction_id, a string: a header claiming 2^31-1 (or 2^32-1) bytes, then one byte.
  test.each([
    ['2^31 - 1', 2 ** 31 - 1, '0affffffff0741'],
    ['2^32 - 1', 2 ** 32 - 1, '0affffffff0f41'],
  ])('whose transaction id claims %s bytes is refused at once', (_name, length, hex) => {
    const request = claiming(length, [0x41]);
    expect(Buffer.from(request).toString('hex')).toBe(hex);
    const { error } = refusal(() => gateway.EvaluateRequest.deserializeBinary(request));
    expect(String(error)).toContain(`malformed protobuf: string field 1 declares ${length} bytes, 1 remain`);
  });

  test('a well-formed EvaluateRequest still decodes', () => {
    const proposal = new peer.SignedProposal();
    proposal.setProposalBytes(new Uint8Array(300).fill(3));
    proposal.setSignature(Uint8Array.from([9, 9]));
    const request = new gateway.EvaluateRequest();
    request.setTransactionId('tx-ü-1');
    request.setChannelId('alliance');
    request.setProposedTransaction(proposal);
    request.setTargetOrganizationsList(['Org1MSP', 'Org2MSP']);
    const decoded = gateway.EvaluateRequest.deserializeBinary(request.serializeBinary());
    expect(decoded.toObject()).toEqual(request.toObject());
  });
});

describe('every length-delimited read is bounded by the enclosing message', () => {
  test.each([
    ['2^32 - 1 (never returned before)', 2 ** 32 - 1],
    ['2^31 - 1', 2 ** 31 - 1],
    ['1 GiB', 2 ** 30],
    ['10 bytes', 10],
  ])('a submessage declaring %s with nothing behind it is refused', (_name, length) => {
    // Transaction field 1 is a message (TransactionAction): decoding it goes through readMessage.
    expect(() => peer.Transaction.deserializeBinary(claiming(length))).toThrow(`malformed protobuf: embedded message field 1 declares ${length} bytes, 0 remain`);
  });

  test('bytes: an envelope whose payload claims 2^31 - 1 bytes', () => {
    const { error } = refusal(() => common.Envelope.deserializeBinary(claiming(2 ** 31 - 1, [1, 2, 3])));
    expect(String(error)).toContain('malformed protobuf: bytes field 1 declares 2147483647 bytes, 3 remain');
  });

  test('a chaincode stream message whose payload claims more than was sent', () => {
    // ChaincodeMessage field 3 is payload (bytes).
    expect(() => peer.ChaincodeMessage.deserializeBinary(claiming(2 ** 32 - 1, [], 3))).toThrow('malformed protobuf: bytes field 3 declares 4294967295 bytes, 0 remain');
  });

  test('an unknown length-delimited field is skipped only if it fits', () => {
    // EvaluateRequest has no field 15: skipField skips it through skipDelimitedField.
    const { error } = refusal(() => gateway.EvaluateRequest.deserializeBinary(claiming(2 ** 32 - 1, [0x41], 15)));
    expect(String(error)).toContain('malformed protobuf: skipped field 15 declares 4294967295 bytes, 1 remain');
    const fits = Uint8Array.from([...claiming(2, [7, 7], 15), ...claiming(2, [0x68, 0x69])]);
    expect(gateway.EvaluateRequest.deserializeBinary(fits).getTransactionId()).toBe('hi');
  });

  test('a string may not run past the end of its submessage, even with bytes left in the buffer', () => {
    // Transaction { actions: TransactionAction (2 bytes) { header: declares 5 bytes } } followed by 8 more bytes.
    const bytes = Uint8Array.from([0x0a, 0x02, 0x0a, 0x05, ...new Array(8).fill(0x41)]);
    expect(() => peer.Transaction.deserializeBinary(bytes)).toThrow('malformed protobuf: bytes field 1 declares 5 bytes, 0 remain');
  });

  test('bytes decoded from bytes inside another message are bounded by their own length', () => {
    // A well-formed envelope whose payload is itself a Payload claiming 2^31 - 1 bytes of header.
    const envelope = new common.Envelope();
    envelope.setPayload(claiming(2 ** 31 - 1, [0x41]));
    envelope.setSignature(new Uint8Array(64).fill(1));
    const decoded = common.Envelope.deserializeBinary(envelope.serializeBinary());
    expect(() => common.Payload.deserializeBinary(decoded.getPayload_asU8())).toThrow('malformed protobuf: embedded message field 1 declares 2147483647 bytes, 1 remain');
  });

  test('packed repeated fields: the length, and the last element, must fit', () => {
    const packed = (bytes: Uint8Array, read: (reader: BinaryReader) => unknown) => () => {
      const reader = new BinaryReader(bytes);
      reader.nextField();
      return read(reader);
    };
    const { error } = refusal(packed(claiming(2 ** 31, [0, 0, 0, 0]), (reader) => reader.readPackedFloat()));
    expect(String(error)).toContain('malformed protobuf: packed field 1 declares 2147483648 bytes, 4 remain');
    // Three bytes declared, but the second varint's continuation bit carries it into the next field.
    expect(packed(Uint8Array.from([...claiming(3, [1, 2, 0x80]), 0x10, 0x01]), (reader) => reader.readPackedUint32())).toThrow(
      'malformed protobuf: the last element of packed field 1 runs past its declared length',
    );
    expect(packed(claiming(3, [1, 2, 0x7f]), (reader) => reader.readPackedUint32())()).toEqual([1, 2, 127]);
  });

  test('a truncated length prefix is refused', () => {
    expect(() => peer.Transaction.deserializeBinary(Uint8Array.from([0x0a, 0xff, 0xff]))).toThrow('malformed protobuf: the length of embedded message field 1 is truncated');
    expect(() => gateway.EvaluateRequest.deserializeBinary(Uint8Array.from([0x0a, ...new Array(11).fill(0x80), 0]))).toThrow(
      'malformed protobuf: the length of string field 1 is a varint of more than 10 bytes',
    );
  });

  test('the decoder itself: readStringWithLength, readBytes and advance check what remains', () => {
    // A 3-byte field whose content is a string claiming 5 bytes: the field decoder covers only the 3 bytes.
    const fieldDecoder = () => {
      const reader = new BinaryReader(Uint8Array.from([0x0a, 0x03, 0x05, 0x61, 0x62, 0x63, 0x64, 0x65]));
      reader.nextField();
      return reader.getFieldDecoder();
    };
    expect(() => fieldDecoder().readStringWithLength()).toThrow('malformed protobuf: 5 bytes declared, 2 remain');
    expect(fieldDecoder().readBytes(3)).toEqual(Uint8Array.from([5, 0x61, 0x62]));
    expect(() => fieldDecoder().readBytes(4)).toThrow('malformed protobuf: 4 bytes declared, 3 remain');
    expect(() => fieldDecoder().advance(4)).toThrow('malformed protobuf: 4 bytes declared, 3 remain');
    const decoder = fieldDecoder();
    decoder.advance(1);
    expect(decoder.readString(2)).toBe('ab');
    const reader = new BinaryReader(claiming(9, [1]));
    reader.nextField();
    expect(() => reader.getFieldDecoder()).toThrow('malformed protobuf: length-delimited field 1 declares 9 bytes, 1 remain');
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

  test('map fields and packed fields written by the library read back', () => {
    const writer = new BinaryWriter();
    writer.writePackedUint64(1, [1, 300, 2 ** 40]);
    writer.writeString(2, 'after');
    const reader = new BinaryReader(writer.getResultBuffer());
    reader.nextField();
    expect(reader.readPackedUint64()).toEqual([1, 300, 2 ** 40]);
    reader.nextField();
    expect(reader.readString()).toBe('after');
    const payload = new peer.ChaincodeProposalPayload();
    payload.getTransientmapMap().set('epcis', Uint8Array.from([1, 2])).set('salt', new Uint8Array(16).fill(5));
    const map = peer.ChaincodeProposalPayload.deserializeBinary(payload.serializeBinary()).getTransientmapMap();
    expect(map.get('salt')).toEqual(new Uint8Array(16).fill(5));
    expect(map.getLength()).toBe(2);
  });
});

describe('on the wire', () => {
  test('the gateway answers the bomb at once with INTERNAL, as grpc-go does for a request it cannot unmarshal, and serves the next call', async () => {
    const evaluated: string[] = [];
    const server = await startTestServer(gateway.GatewayService, {
      evaluate: (call: grpc.ServerUnaryCall<gateway.EvaluateRequest, gateway.EvaluateResponse>, callback: grpc.sendUnaryData<gateway.EvaluateResponse>) => {
        evaluated.push(call.request.getTransactionId());
        callback(null, new gateway.EvaluateResponse());
      },
    });
    const raw = (bytes: Uint8Array) =>
      new Promise<grpc.status>((resolve) => {
        server.client.makeUnaryRequest(
          '/gateway.Gateway/Evaluate',
          (message: Uint8Array) => Buffer.from(message),
          (message: Buffer) => message,
          bytes,
          (error) => resolve(error ? (error as grpc.ServiceError).code : grpc.status.OK),
        );
      });
    try {
      expect(await raw(claiming(2 ** 32 - 1, [0x41]))).toBe(grpc.status.INTERNAL);
      const valid = new gateway.EvaluateRequest();
      valid.setTransactionId('next');
      expect(await raw(valid.serializeBinary())).toBe(grpc.status.OK);
      expect(evaluated).toEqual(['next']);
    } finally {
      await server.close();
    }
  });
});
