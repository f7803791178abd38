import { IdentifierError } from './errors';

const DIGITS = /^\d+$/;
const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

/**
 * GS1 mod-10 check digit: weights 3 and 1 alternate from the right, starting with 3 on the digit
 * next to the check digit, so leading zeros never change the result (GTIN-8 and GTIN-14 agree).
 */
export function gs1CheckDigit(digitsWithoutCheck: string): number {
  if (!DIGITS.test(digitsWithoutCheck)) {
    throw new IdentifierError(digitsWithoutCheck, 'a GS1 check digit is computed over digits only');
  }
  let sum = 0;
  for (let fromRight = 0; fromRight < digitsWithoutCheck.length; fromRight++) {
    const digit = Number(digitsWithoutCheck[digitsWithoutCheck.length - 1 - fromRight]);
    sum += fromRight % 2 === 0 ? 3 * digit : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `key` is all digits and its last digit is the GS1 check digit of the rest. */
export function hasValidCheckDigit(key: string): boolean {
  return key.length >= 2 && DIGITS.test(key) && gs1CheckDigit(key.slice(0, -1)) === Number(key[key.length - 1]);
}

/** GTIN-8, -12, -13 or -14 with a correct check digit. */
export function isValidGtin(gtin: string): boolean {
  return GTIN_LENGTHS.has(gtin.length) && hasValidCheckDigit(gtin);
}

/** The GTIN-14 form (left-padded with zeros) every GS1 Digital Link and EPC conversion uses. */
export function toGtin14(gtin: string): string {
  if (!isValidGtin(gtin)) {
    throw new IdentifierError(gtin, 'not a GTIN (8, 12, 13 or 14 digits with a correct check digit)');
  }
  return gtin.padStart(14, '0');
}

/** Appends the check digit: EPC URNs omit it, GS1 element strings carry it. */
export function withCheckDigit(digitsWithoutCheck: string): string {
  return digitsWithoutCheck + String(gs1CheckDigit(digitsWithoutCheck));
}
