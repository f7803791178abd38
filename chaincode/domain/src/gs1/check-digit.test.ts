import { gs1CheckDigit, hasValidCheckDigit, isValidGtin, toGtin14 } from './check-digit';
import { IdentifierError } from './errors';

test.each([
  ['401234512345', 6],
  ['0401234512345', 6],
  ['629104150021', 3],
  ['9638507', 4],
  ['04012345000000333', 8],
])('check digit of %s is %d', (digits, check) => {
  expect(gs1CheckDigit(digits)).toBe(check);
});

test('a check digit needs digits only', () => {
  expect(() => gs1CheckDigit('40123A')).toThrow(IdentifierError);
  expect(() => gs1CheckDigit('')).toThrow('digits only');
});

test('hasValidCheckDigit accepts correct keys and rejects the rest', () => {
  expect(hasValidCheckDigit('4012345123456')).toBe(true);
  expect(hasValidCheckDigit('4012345123457')).toBe(false);
  expect(hasValidCheckDigit('4')).toBe(false);
  expect(hasValidCheckDigit('40123451234x6')).toBe(false);
});

test.each(['96385074', '614141000036', '4012345123456', '04012345123456'])('%s is a GTIN', (gtin) => {
  expect(isValidGtin(gtin)).toBe(true);
});

test.each(['96385075', '4012345123457', '401234512345', '123456789012345', '4O12345123456'])('%s is not a GTIN', (gtin) => {
  expect(isValidGtin(gtin)).toBe(false);
});

test('toGtin14 pads valid GTINs and refuses invalid ones', () => {
  expect(toGtin14('96385074')).toBe('00000096385074');
  expect(toGtin14('614141000036')).toBe('00614141000036');
  expect(toGtin14('10614141073464')).toBe('10614141073464');
  expect(() => toGtin14('4012345123457')).toThrow(/not a GTIN.*4012345123457/);
});
