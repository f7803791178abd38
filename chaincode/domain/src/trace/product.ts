import { z } from 'zod';
import { isValidGtin, toGtin14 } from '../gs1/check-digit';
import { rolesForStep } from './authority';
import { TraceError } from './errors';
import { parseJsonInput } from './json-input';

/** A product at class level (one GTIN): what it is, whose brand, where from, and what its journey must hold. */
export interface Product {
  /** GTIN-14. */
  readonly gtin: string;
  readonly name: string;
  /** The MSP id of the enterprise that registered it: only it updates the product. */
  readonly brandOwner: string;
  readonly category: string;
  /** ISO 3166-1 alpha-2 country of origin. */
  readonly origin: string;
  /** Standards the product must meet (e.g. GB 2763-2021, EN 71-3). */
  readonly standards: readonly string[];
  /** CBV steps that must have happened before retail sale; a trace missing one has a blind spot. */
  readonly expectedSteps: readonly string[];
  readonly limits: ProductLimits;
}

export interface ProductLimits {
  /** Storage temperature range in degrees Celsius (a cold chain breach is a reading outside it). */
  readonly storageTemperature?: { readonly min: number; readonly max: number };
}

export const productSchema = z
  .object({
    gtin: z.string().refine(isValidGtin, 'a GTIN-8, -12, -13 or -14 with a correct check digit'),
    name: z.string().trim().min(1).max(200),
    category: z.string().trim().min(1).max(100),
    origin: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in capitals, e.g. CN'),
    standards: z.array(z.string().trim().min(1)).default([]),
    expectedSteps: z.array(z.string().refine((step) => !step.includes(':') && rolesForStep(step).length > 0, 'a CBV 2.0 business step (bare word)')).default([]),
    limits: z
      .object({
        storageTemperature: z
          .object({ min: z.number(), max: z.number() })
          .strict()
          .refine((range) => range.min <= range.max, 'min must not exceed max')
          .optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

/** A product as its brand owner registers it; the owner is the caller's MSP, never part of the request. */
export function parseProduct(json: string, brandOwner: string): Product {
  const product = parseJsonInput(productSchema, json, 'INVALID_PRODUCT', 'the product');
  return { ...product, gtin: toGtin14(product.gtin), brandOwner };
}

/** Only the brand owner changes a registered product. */
export function assertMayUpdateProduct(existing: Product | undefined, mspId: string): void {
  if (existing && existing.brandOwner !== mspId) {
    throw new TraceError('ROLE_NOT_AUTHORISED', `GTIN ${existing.gtin} belongs to ${existing.brandOwner}; ${mspId} may not change it`);
  }
}
