import { hasValidCheckDigit } from './check-digit';

/** One GS1 element: an Application Identifier and its (decoded) value. */
export interface AiElement {
  readonly ai: string;
  readonly value: string;
}

/** GS1 AI encodable character set 82 (the characters allowed in serials, lots, asset references). */
const CSET82 = `[!"%-?A-Z_a-z]`;
/** GS1 AI encodable character set 39 (component / part numbers). */
const CSET39 = '[#\\-/0-9A-Z]';

interface AiFormat {
  readonly title: string;
  readonly pattern: RegExp;
  /** How many leading digits end in a check digit; absent when the AI carries none. */
  readonly checkedDigits?: number;
}

const format = (title: string, pattern: string, checkedDigits?: number): AiFormat => ({
  title,
  pattern: new RegExp(`^(?:${pattern})$`),
  checkedDigits,
});

/** The primary keys GS1 Digital Link allows in a URI path, with the key qualifiers each accepts, in canonical order. */
export const PRIMARY_KEYS: ReadonlyMap<string, readonly string[]> = new Map([
  ['00', []],
  ['01', ['22', '10', '21', '235']],
  ['253', []],
  ['255', []],
  ['401', []],
  ['402', []],
  ['414', ['254', '7040']],
  ['417', ['7040']],
  ['8003', []],
  ['8004', []],
  ['8006', ['22', '10', '21']],
  ['8010', ['8011']],
  ['8013', []],
  ['8017', ['8019']],
  ['8018', ['8019']],
]);

const FORMATS: ReadonlyMap<string, AiFormat> = new Map([
  ['00', format('SSCC', '\\d{18}', 18)],
  // GTIN-14 here: shorter GTINs are padded before they are checked.
  ['01', format('GTIN', '\\d{14}', 14)],
  ['10', format('batch/lot', `${CSET82}{1,20}`)],
  ['21', format('serial number', `${CSET82}{1,20}`)],
  ['22', format('consumer product variant', `${CSET82}{1,20}`)],
  ['235', format('third party controlled serial', `${CSET82}{1,28}`)],
  ['253', format('GDTI', `\\d{13}${CSET82}{0,17}`, 13)],
  ['254', format('GLN extension', `${CSET82}{1,20}`)],
  ['255', format('GCN', '\\d{13}\\d{0,12}', 13)],
  ['401', format('GINC', `${CSET82}{1,30}`)],
  ['402', format('GSIN', '\\d{17}', 17)],
  ['414', format('GLN', '\\d{13}', 13)],
  ['417', format('party GLN', '\\d{13}', 13)],
  ['7040', format('GS1 UIC with extension', `\\d${CSET82}{3}`)],
  ['8003', format('GRAI', `0\\d{13}${CSET82}{0,16}`, 14)],
  ['8004', format('GIAI', `${CSET82}{1,30}`)],
  ['8006', format('ITIP', '\\d{18}', 14)],
  ['8010', format('CPID', `${CSET39}{1,30}`)],
  ['8011', format('CPID serial', '\\d{1,12}')],
  // GMN check-character pairs use a different algorithm; only the character set is checked.
  ['8013', format('GMN', `${CSET82}{1,25}`)],
  ['8017', format('GSRN provider', '\\d{18}', 18)],
  ['8018', format('GSRN recipient', '\\d{18}', 18)],
  ['8019', format('service relation instance', '\\d{1,10}')],
]);

/** Why `value` is not valid for `ai`, or undefined when it is. */
export function aiValueProblem(ai: string, value: string): string | undefined {
  const spec = FORMATS.get(ai);
  if (spec === undefined) return `unknown GS1 Application Identifier (${ai})`;
  if (!spec.pattern.test(value)) return `malformed ${spec.title} (AI ${ai}) "${value}"`;
  if (spec.checkedDigits !== undefined && !hasValidCheckDigit(value.slice(0, spec.checkedDigits))) {
    return `wrong check digit in ${spec.title} (AI ${ai}) "${value}"`;
  }
  return undefined;
}

/**
 * True when `value` has the shape of `ai`'s values (length and character set, the check digit aside). A GTIN
 * may be written with 8, 12, 13 or 14 digits, as GS1 Digital Link allows.
 */
export function aiValueHasFormat(ai: string, value: string): boolean {
  if (ai === '01') return /^(?:\d{8}|\d{12,14})$/.test(value);
  return FORMATS.get(ai)?.pattern.test(value) ?? false;
}

/** Matches one value of the GS1 AI encodable character set 82, for callers checking URN components. */
export const CSET82_VALUE = new RegExp(`^${CSET82}+$`);
