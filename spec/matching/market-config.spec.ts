import { describe, expect, it } from 'vitest';
import { CURRENCIES } from '../../actors/domain/offer-line.js';
import { DEFAULT_FREIGHT_KM } from '../../actors/matching/freight-distances.js';
import { convert, DEFAULT_MARKET, freightKm, pairKey, parseMarketConfig } from '../../actors/matching/market-config.js';

const COUNTRIES = ['DE', 'AT', 'CH', 'IT', 'FR', 'ES', 'PT', 'NL', 'BE', 'PL', 'CZ', 'SK', 'SI', 'SE', 'FI', 'NO', 'DK',
  'GB', 'IE', 'TR', 'EG', 'MA', 'AE', 'IN', 'ID', 'BR', 'US', 'CN'];

describe('default freight table', () => {
  it('covers every pair of the main countries once, keys in alphabetical order', () => {
    for (const a of COUNTRIES) {
      for (const b of COUNTRIES) {
        if (a !== b) expect(DEFAULT_FREIGHT_KM[pairKey(a, b)], `${a}-${b}`).toBeGreaterThan(0);
      }
    }
    for (const key of Object.keys(DEFAULT_FREIGHT_KM)) expect(key.slice(0, 2) < key.slice(3), key).toBe(true);
  });

  it('is symmetric and falls back for unknown pairs', () => {
    expect(freightKm('DE', 'PL', DEFAULT_MARKET)).toEqual({ km: 850, source: 'table' });
    expect(freightKm('PL', 'DE', DEFAULT_MARKET)).toEqual({ km: 850, source: 'table' });
    expect(freightKm('DE', 'DE', DEFAULT_MARKET)).toEqual({ km: 300, source: 'domestic' });
    expect(freightKm('DE', 'XK', DEFAULT_MARKET)).toEqual({ km: 5000, source: 'fallback' });
  });

  it('puts neighbours nearer than overseas destinations', () => {
    const km = (a: string, b: string) => freightKm(a, b, DEFAULT_MARKET).km;
    expect(km('AT', 'DE')).toBeLessThan(km('DE', 'ES'));
    expect(km('DE', 'ES')).toBeLessThan(km('DE', 'EG'));
    expect(km('IT', 'EG')).toBeLessThan(km('FI', 'EG'));
    expect(km('DE', 'US')).toBeLessThan(km('DE', 'CN'));
  });
});

describe('currency conversion', () => {
  it.each([
    [100, 'USD', 'EUR', 86],
    [100, 'EUR', 'USD', 116.279],
    [1000, 'PLN', 'EUR', 235],
    [100, 'GBP', 'CHF', 107.477],
    [410, 'EUR', 'EUR', 410],
  ] as const)('%d %s in %s', (amount, from, to, expected) => {
    expect(convert(amount, from, to, DEFAULT_MARKET)).toBeCloseTo(expected, 3);
  });

  it('has a rate for every currency an offer may carry', () => {
    expect(Object.keys(DEFAULT_MARKET.rates_to_eur).sort()).toEqual([...CURRENCIES].sort());
  });
});

describe('parseMarketConfig', () => {
  it('returns the defaults when nothing is configured', () => {
    expect(parseMarketConfig(undefined)).toBe(DEFAULT_MARKET);
    expect(parseMarketConfig('  ')).toBe(DEFAULT_MARKET);
  });

  it('merges overrides over the defaults, pairs in either order', () => {
    const market = parseMarketConfig('{"rates_to_eur":{"USD":0.9},"freight_km":{"PL-DE":700,"DE-XK":1500},"fallback_km":8000}');
    expect(market.rates_to_eur).toEqual({ ...DEFAULT_MARKET.rates_to_eur, USD: 0.9 });
    expect(freightKm('DE', 'PL', market).km).toBe(700);
    expect(freightKm('XK', 'DE', market).km).toBe(1500);
    expect(freightKm('DE', 'QQ', market)).toEqual({ km: 8000, source: 'fallback' });
    expect(freightKm('DE', 'ES', market).km).toBe(1650);
  });

  it.each([
    ['not JSON', '{rates', 'market config is not valid JSON'],
    ['a negative rate', '{"rates_to_eur":{"USD":-1}}', 'market config failed validation'],
    ['an unknown currency', '{"rates_to_eur":{"JPY":0.006}}', 'market config failed validation'],
    ['a bad pair key', '{"freight_km":{"Germany-Poland":800}}', 'market config failed validation'],
    ['an unknown setting', '{"fuel_surcharge":0.1}', 'market config failed validation'],
    ['EUR not 1', '{"rates_to_eur":{"EUR":1.1}}', 'market config is inconsistent after merging'],
  ])('refuses %s with B2B_CONFIG_INVALID', (_name, json, message) => {
    expect(() => parseMarketConfig(json)).toThrow(expect.objectContaining({ code: 'B2B_CONFIG_INVALID', message }));
  });
});
