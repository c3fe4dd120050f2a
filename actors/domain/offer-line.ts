import { z } from 'zod';
import { Grade } from './grades.js';

export const CURRENCIES = ['EUR', 'USD', 'GBP', 'PLN', 'SEK', 'CHF'] as const;
export const Currency = z.enum(CURRENCIES);
export type Currency = z.infer<typeof Currency>;

export const INCOTERMS = ['EXW', 'FCA', 'FAS', 'FOB', 'CFR', 'CIF', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP'] as const;
export const IncotermCode = z.enum(INCOTERMS);

export const Price = z.object({
  amount: z.number().positive(),
  currency: Currency,
  per: z.literal('t'),
});
export type Price = z.infer<typeof Price>;

export const Incoterm = z.object({
  term: IncotermCode,
  place: z.string().min(1).nullable(),
});
export type Incoterm = z.infer<typeof Incoterm>;

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const IsoWeek = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'expected YYYY-Www');
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code');

/** One offer line exactly as DOMAIN.md ("Offer lines") defines it. */
export const OfferLine = z.object({
  grade: Grade,
  gsm: z.number().int().positive(),
  width_mm: z.number().int().positive().nullable(),
  sheet_mm: z.tuple([z.number().int().positive(), z.number().int().positive()]).nullable(),
  diameter_mm: z.number().int().positive().nullable(),
  core_mm: z.number().int().positive().nullable(),
  quantity_t: z.number().nonnegative().nullable(),
  quantity_shared: z.boolean(),
  reels: z.number().int().nonnegative().nullable(),
  price: Price.nullable(),
  incoterm: Incoterm.nullable(),
  origin: CountryCode.nullable(),
  available: z.union([IsoDate, IsoWeek]).nullable(),
});
export type OfferLine = z.infer<typeof OfferLine>;
