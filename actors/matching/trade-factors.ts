import type { OfferLine } from '../domain/offer-line.js';
import { convert, freightKm, type MarketConfig } from './market-config.js';
import type { BuyerRequest } from './request.js';
import { excluded, fits, type FactorResult } from './reason.js';
import { countryName, money, percent, round3 } from './text.js';

/** Headroom at which the price sub-score reaches 1; at exactly the maximum it is 0.6. */
const FULL_HEADROOM = 0.1;

/**
 * Offer price against the buyer's maximum, in the buyer's currency. Over the maximum is
 * a hard exclusion, not a penalty: the buyer said so. Prices compare as stated, whatever
 * the incoterm; the freight factor carries the distance. Either side unpriced: neutral 0.5.
 */
export function priceFit(price: OfferLine['price'], max: BuyerRequest['max_price'], market: MarketConfig): FactorResult {
  if (max === null) return fits(0.5, 'You set no maximum price.');
  if (price === null) return fits(0.5, 'No price stated: price on request.');
  const converted = convert(price.amount, price.currency, max.currency, market);
  const shown = price.currency === max.currency
    ? money(price.amount, price.currency)
    : `${money(price.amount, price.currency)} (about ${money(converted, max.currency)})`;
  const cap = money(max.amount, max.currency);
  if (converted > max.amount + 1e-9) return excluded(`${shown} is above your maximum ${cap}.`);
  const headroom = (max.amount - converted) / max.amount;
  const score = round3(0.6 + 0.4 * Math.min(1, headroom / FULL_HEADROOM));
  return fits(score, `${shown} is ${percent(headroom)} below your maximum ${cap}.`);
}

/** A delivered term to the buyer's own place leaves the buyer no freight to pay. */
const DELIVERED = new Set(['CFR', 'CIF', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP']);

function samePlace(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
  return norm(a) === norm(b);
}

/** Freight sub-score: e^(−km / 5000), so 500 km ≈ 0.90, 2000 km ≈ 0.67, 10000 km ≈ 0.14. */
export function freightScore(km: number): number {
  return round3(Math.exp(-km / 5000));
}

export function freightFit(offer: Pick<OfferLine, 'origin' | 'incoterm'>, destination: BuyerRequest['destination'], market: MarketConfig): FactorResult {
  const term = offer.incoterm;
  if (term?.place && DELIVERED.has(term.term) && samePlace(term.place, destination.place)) {
    return fits(1, `Delivered ${term.term} ${term.place}, your destination.`);
  }
  if (offer.origin === null) return fits(0.5, 'Origin not stated: freight unknown.');
  const { km, source } = freightKm(offer.origin, destination.country, market);
  const route = source === 'domestic'
    ? `Within ${countryName(offer.origin)}`
    : `From ${countryName(offer.origin)} to ${countryName(destination.country)}`;
  const how = source === 'fallback' ? `not in the freight table, counted as ${km} km` : `about ${km} km`;
  return fits(freightScore(km), `${route}, ${how}.`);
}

/** A request past its stale_after date matches nothing; `asOf` is the caller's local date. */
export function freshnessFit(staleAfter: string, asOf: string): FactorResult {
  if (asOf > staleAfter) return excluded(`Your request went stale after ${staleAfter}.`);
  return fits(1, `Your request is open until ${staleAfter}.`);
}
