import { z } from 'zod';
import { AppError } from '../common/errors.js';
import { Currency } from '../domain/offer-line.js';
import { DEFAULT_FREIGHT_KM } from './freight-distances.js';

/**
 * The configured tables the scorer reads: currency rates and freight distances. Defaults
 * live here; an operator overrides any part with JSON (an environment variable such as
 * MARKET_CONFIG), merged over the defaults and validated once at start.
 */

/**
 * EUR per unit of each currency. Assumed late-2026 levels (EUR/USD 1.16, EUR/GBP 0.87,
 * EUR/PLN 4.25, EUR/SEK 11.0, EUR/CHF 0.935): configuration, to be kept current, not a feed.
 */
export const DEFAULT_RATES_TO_EUR: Readonly<Record<Currency, number>> = {
  EUR: 1, USD: 0.86, GBP: 1.15, PLN: 0.235, SEK: 0.091, CHF: 1.07,
};

const rate = z.number().positive();
const km = z.number().nonnegative();
const PairKey = z.string().regex(/^[A-Z]{2}-[A-Z]{2}$/, 'expected a country pair such as "DE-PL"');

export const MarketConfig = z.strictObject({
  rates_to_eur: z.record(Currency, rate).refine((r) => r.EUR === 1, 'rates_to_eur.EUR must be 1'),
  freight_km: z.record(PairKey, km),
  /** A haul within one country, origin and destination the same. */
  domestic_km: km,
  /** A pair missing from the table: deliberately far, so an unknown route never wins on freight. */
  fallback_km: km,
});
export type MarketConfig = z.infer<typeof MarketConfig>;

export const MarketOverrides = z.strictObject({
  rates_to_eur: z.partialRecord(Currency, rate).optional(),
  freight_km: z.record(PairKey, km).optional(),
  domestic_km: km.optional(),
  fallback_km: km.optional(),
});
export type MarketOverrides = z.infer<typeof MarketOverrides>;

export const DEFAULT_MARKET: MarketConfig = {
  rates_to_eur: { ...DEFAULT_RATES_TO_EUR },
  freight_km: { ...DEFAULT_FREIGHT_KM },
  domestic_km: 300,
  fallback_km: 5000,
};

/** The key of an unordered pair of countries: "DE-PL" for DE→PL and PL→DE. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

function normalisePairs(table: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [pairKey(k.slice(0, 2), k.slice(3)), v]));
}

/** Defaults merged with overrides; overridden pairs may be written in either order. */
export function mergeMarketConfig(overrides: MarketOverrides): MarketConfig {
  return {
    rates_to_eur: { ...DEFAULT_MARKET.rates_to_eur, ...overrides.rates_to_eur },
    freight_km: { ...DEFAULT_MARKET.freight_km, ...normalisePairs(overrides.freight_km ?? {}) },
    domestic_km: overrides.domestic_km ?? DEFAULT_MARKET.domestic_km,
    fallback_km: overrides.fallback_km ?? DEFAULT_MARKET.fallback_km,
  };
}

function invalid(message: string, error: z.ZodError): AppError {
  const details = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return new AppError('B2B_CONFIG_INVALID', message, { details });
}

/** Reads the operator's JSON; absent or blank means the defaults. Throws B2B_CONFIG_INVALID. */
export function parseMarketConfig(json: string | undefined): MarketConfig {
  if (json === undefined || json.trim() === '') return DEFAULT_MARKET;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (cause) {
    throw new AppError('B2B_CONFIG_INVALID', 'market config is not valid JSON', { cause });
  }
  const overrides = MarketOverrides.safeParse(raw);
  if (!overrides.success) throw invalid('market config failed validation', overrides.error);
  const merged = MarketConfig.safeParse(mergeMarketConfig(overrides.data));
  if (!merged.success) throw invalid('market config is inconsistent after merging', merged.error);
  return merged.data;
}

export function convert(amount: number, from: Currency, to: Currency, market: MarketConfig): number {
  return from === to ? amount : (amount * market.rates_to_eur[from]) / market.rates_to_eur[to];
}

export type FreightSource = 'table' | 'domestic' | 'fallback';

export function freightKm(from: string, to: string, market: MarketConfig): { km: number; source: FreightSource } {
  if (from === to) return { km: market.domestic_km, source: 'domestic' };
  const known = market.freight_km[pairKey(from, to)];
  return known === undefined ? { km: market.fallback_km, source: 'fallback' } : { km: known, source: 'table' };
}
