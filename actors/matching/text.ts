import type { Currency } from '../domain/offer-line.js';

/** Small formatters for the reasons a trader reads; English, as the platform writes. */

const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

export function countryName(code: string): string {
  return regions.of(code) ?? code;
}

export function money(amount: number, currency: Currency): string {
  return `${currency} ${Math.round(amount)}/t`;
}

export function percent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toString()} %`;
}

export function span(r: { min?: number; max: number }, unit: string): string {
  return r.min === undefined || r.min === r.max ? `${r.max} ${unit}` : `${r.min}–${r.max} ${unit}`;
}

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
