import { assertMayUpdateProduct, parseProduct } from './product';

const tea = { gtin: '9506000134352', name: 'Green tea 250 g', category: 'food', origin: 'CN', standards: ['GB 2763-2021'], expectedSteps: ['commissioning', 'inspecting', 'accepting'], limits: { storageTemperature: { min: 0, max: 25 } } };

test('a product is validated, its GTIN made 14 digits, its owner the caller', () => {
  expect(parseProduct(JSON.stringify(tea), 'ManufacturerMSP')).toEqual({ ...tea, gtin: '09506000134352', brandOwner: 'ManufacturerMSP' });
  expect(parseProduct(JSON.stringify({ gtin: '09506000134352', name: 'x', category: 'c', origin: 'DE' }), 'M')).toMatchObject({ standards: [], expectedSteps: [], limits: {} });
});

test.each([
  [{ ...tea, gtin: '9506000134353' }, /^INVALID_PRODUCT: gtin: a GTIN-8, -12, -13 or -14 with a correct check digit$/],
  [{ ...tea, expectedSteps: ['teleporting'] }, /^INVALID_PRODUCT: expectedSteps\.0: a CBV 2\.0 business step/],
  [{ ...tea, limits: { storageTemperature: { min: 9, max: 2 } } }, /^INVALID_PRODUCT: limits\.storageTemperature: min must not exceed max$/],
  [{ ...tea, brandOwner: 'OtherMSP' }, /^INVALID_PRODUCT: \(root\): /],
])('refused: %j', (product, message) => {
  expect(() => parseProduct(JSON.stringify(product), 'ManufacturerMSP')).toThrow(message);
});

test('only the brand owner updates a product', () => {
  const existing = parseProduct(JSON.stringify(tea), 'ManufacturerMSP');
  expect(() => assertMayUpdateProduct(existing, 'ManufacturerMSP')).not.toThrow();
  expect(() => assertMayUpdateProduct(undefined, 'PlatformMSP')).not.toThrow();
  expect(() => assertMayUpdateProduct(existing, 'PlatformMSP')).toThrow('ROLE_NOT_AUTHORISED: GTIN 09506000134352 belongs to ManufacturerMSP; PlatformMSP may not change it');
});
