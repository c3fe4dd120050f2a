import type { OfferLine } from '../domain/offer-line.js';
import type { BuyerRequest } from './request.js';
import { excluded, fits, type FactorResult } from './reason.js';
import { round3, span } from './text.js';

/**
 * How far outside the buyer's gsm range an offer may lie and still match: 5 g/m², or 4 %
 * of the offered gsm for heavy board. Based on the offer alone, so the database can
 * pre-select with it.
 */
export function gsmTolerance(gsm: number): number {
  return Math.max(5, Math.ceil(gsm * 0.04));
}

/** Inside the range 1; outside, falling fast: 0.25 at the tolerance, excluded beyond. */
export function gsmFit(gsm: number, range: BuyerRequest['gsm']): FactorResult {
  const wanted = `your ${span(range, 'g/m²')}`;
  const off = gsm < range.min ? range.min - gsm : Math.max(0, gsm - range.max);
  if (off === 0) return fits(1, `${gsm} g/m² is within ${wanted}.`);
  const tolerance = gsmTolerance(gsm);
  const side = gsm < range.min ? 'below' : 'above';
  const gap = `${gsm} g/m² is ${off} g/m² ${side} ${wanted}`;
  if (off > tolerance) return excluded(`${gap}, beyond the ${tolerance} g/m² tolerance.`);
  return fits(round3(1 - (0.75 * off) / tolerance), `${gap}, within the ${tolerance} g/m² tolerance.`);
}

type ReelSize = Pick<OfferLine, 'diameter_mm' | 'core_mm'>;
type ReelAsk = Pick<BuyerRequest, 'diameter_mm' | 'core_mm'>;

function diameterFit(d: number | null, ask: BuyerRequest['diameter_mm']): FactorResult {
  if (ask === null) return fits(1, 'any diameter');
  const limit = ask.min === undefined ? `maximum ${ask.max} mm` : span(ask, 'mm');
  const wanted = `your ${limit}`;
  if (d === null) return fits(0.7, `diameter not stated (you asked for ${limit})`);
  if (d > ask.max) return fits(0, `diameter ${d} mm is over ${wanted}: it needs rewinding`);
  if (ask.min !== undefined && d < ask.min) return fits(0.5, `diameter ${d} mm is under ${wanted}: more reel changes`);
  return fits(1, `diameter ${d} mm suits ${wanted}`);
}

function coreFit(core: number | null, ask: BuyerRequest['core_mm']): FactorResult {
  if (ask === null) return fits(1, 'any core');
  if (core === null) return fits(0.7, `core not stated (you asked for ${ask} mm)`);
  if (core !== ask) return fits(0.3, `core ${core} mm, not your ${ask} mm: adapters or rewinding`);
  return fits(1, `core ${core} mm as you asked`);
}

/** The worse of diameter and core decides: either one can stop a reel going on the unwind. */
export function diameterCoreFit(offer: ReelSize, request: ReelAsk): FactorResult {
  if (request.diameter_mm === null && request.core_mm === null) return fits(1, 'You set no diameter or core.');
  const d = diameterFit(offer.diameter_mm, request.diameter_mm);
  const c = coreFit(offer.core_mm, request.core_mm);
  const text = `${d.text}; ${c.text}.`;
  return fits(Math.min(d.score, c.score), text.charAt(0).toUpperCase() + text.slice(1));
}

/**
 * All of a lot within the range scores 1. Less than the minimum is a partial cover
 * (0.8 × the share covered); more than the maximum leaves the seller with a remainder
 * (0.5 + 0.5 × the share taken). Not stated is neutral, 0.5.
 */
export function quantityFit(offer: Pick<OfferLine, 'quantity_t' | 'quantity_shared'>, range: BuyerRequest['quantity_t']): FactorResult {
  const q = offer.quantity_t;
  if (q === null) return fits(0.5, 'Quantity not stated.');
  const stated = `${q} t${offer.quantity_shared ? ' (stated once for several widths)' : ''}`;
  const wanted = span(range, 't');
  if (q === 0) return fits(0, `${stated}: nothing left to sell.`);
  if (q < range.min) return fits(round3((0.8 * q) / range.min), `${stated} covers part of your ${wanted}.`);
  if (q > range.max) return fits(round3(0.5 + (0.5 * range.max) / q), `${stated} is more than your ${wanted}: you would take part of the lot.`);
  return fits(1, `${stated} is within your ${wanted}.`);
}
