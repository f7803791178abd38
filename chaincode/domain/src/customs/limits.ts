/**
 * China's limits on cross-border e-commerce retail imports, in force since 1 January 2019: Ministry of Finance,
 * General Administration of Customs and State Taxation Administration, "Notice on Improving the Tax Policy on
 * Cross-border E-commerce Retail Imports" (Cai Guan Shui [2018] No. 49), which raised the single-transaction
 * limit from CNY 2,000 to 5,000 and the annual personal limit from CNY 20,000 to 26,000. A policy change is a
 * change of this table (and of the chaincode deployed with it).
 */
export const RETAIL_IMPORT_LIMITS = {
  currency: 'CNY',
  /** One declaration's declared value, at most. */
  perOrder: 5_000,
  /** What one consignee's cleared declarations may add up to in a calendar year. */
  perConsigneeYear: 26_000,
  inForceSince: '2019-01-01',
  source: 'Cai Guan Shui [2018] No. 49 (MOF, GAC, SAT), in force 1 January 2019',
  /** The calendar year is China's: it turns at midnight China Standard Time (UTC+8). */
  yearOffsetHours: 8,
} as const;

/** The calendar year (China Standard Time) a transaction time falls in. */
export function limitYearOf(txTimeMs: number): number {
  return new Date(txTimeMs + RETAIL_IMPORT_LIMITS.yearOffsetHours * 3_600_000).getUTCFullYear();
}
