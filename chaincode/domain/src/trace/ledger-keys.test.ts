import { ChaincodeStub } from 'fabric-shim';
import { compositeKeyParts, indexedEventId, indexKey, LEDGER_KEYS } from './ledger-keys';

describe('ledger keys', () => {
  test("a composite key the shim writes decodes to its object type and attributes", () => {
    // The shim's own encoder: what a block carries is what it wrote.
    const key = ChaincodeStub.prototype.createCompositeKey.call({}, LEDGER_KEYS.item, ['https://id.gs1.org/01/09506000134352/21/7']);
    expect(compositeKeyParts(key)).toEqual({ objectType: 'item', attributes: ['https://id.gs1.org/01/09506000134352/21/7'] });
  });

  test('a simple key is no composite key', () => {
    expect(compositeKeyParts(LEDGER_KEYS.charter)).toBeUndefined();
    expect(compositeKeyParts(indexKey('idx-type', 'ObjectEvent', '2026-03-04T10:00:00.000Z', 'urn:x'))).toBeUndefined();
  });

  test('an index entry ends in the event id it finds', () => {
    expect(indexedEventId(indexKey('idx-step', 'shipping', '2026-03-04T10:00:00.000Z', 'urn:crossborder-trace:event:ab'))).toBe('urn:crossborder-trace:event:ab');
  });
});
