import type { OfferLine } from '../domain/offer-line.js';
import { diameterCoreFit, gsmFit, quantityFit } from './fit-factors.js';
import { gradeFit } from './grade-fit.js';
import type { MarketConfig } from './market-config.js';
import { FACTORS, type Factor, type FactorResult } from './reason.js';
import type { BuyerRequest } from './request.js';
import { WEIGHTS } from './score.js';
import { round3 } from './text.js';
import { freightFit, freshnessFit, priceFit } from './trade-factors.js';
import { widthFit } from './width-fit.js';

/**
 * scoreMatch's score, for one offer against thousands of requests. Each factor depends on
 * a few fields only, and requests repeat them (a gsm range, a width range, a destination),
 * so each factor's result is remembered by those fields and computed once by the very
 * functions scoreMatch calls. The total adds the factors in scoreMatch's order: the two
 * agree to the last bit (spec/matching/scorer.spec.ts). The reasons' text is not kept;
 * scoreMatch writes it for the matches someone reads.
 */

type Keyed = (offer: OfferLine, request: BuyerRequest) => string;

const KEYS: Record<Factor, Keyed> = {
  grade: (o, r) => `${o.grade}|${r.grades.join(',')}`,
  gsm: (o, r) => `${o.gsm}|${r.gsm.min}|${r.gsm.max}`,
  width: (o, r) => `${o.width_mm}|${o.sheet_mm}|${r.width_mm.min}|${r.width_mm.max}`,
  diameter_core: (o, r) => `${o.diameter_mm}|${o.core_mm}|${r.diameter_mm?.min}|${r.diameter_mm?.max}|${r.core_mm}`,
  quantity: (o, r) => `${o.quantity_t}|${o.quantity_shared}|${r.quantity_t.min}|${r.quantity_t.max}`,
  price: (o, r) => `${o.price?.amount}|${o.price?.currency}|${r.max_price?.amount}|${r.max_price?.currency}`,
  freight: (o, r) => `${o.origin}|${o.incoterm?.term}|${o.incoterm?.place}|${r.destination.country}|${r.destination.place}`,
  freshness: (_o, r) => r.stale_after,
};

function compute(factor: Factor, o: OfferLine, r: BuyerRequest, market: MarketConfig, asOf: string): FactorResult {
  switch (factor) {
    case 'grade': return gradeFit(o.grade, r.grades);
    case 'gsm': return gsmFit(o.gsm, r.gsm);
    case 'width': return widthFit(o, r.width_mm);
    case 'diameter_core': return diameterCoreFit(o, r);
    case 'quantity': return quantityFit(o, r.quantity_t);
    case 'price': return priceFit(o.price, r.max_price, market);
    case 'freight': return freightFit(o, r.destination, market);
    case 'freshness': return freshnessFit(r.stale_after, asOf);
  }
}

/** Remembered factor results; one per market configuration and date, bounded in size. */
export class ScoreMemo {
  private readonly results = new Map<string, FactorResult>();

  constructor(readonly market: MarketConfig, readonly asOf: string, private readonly limit = 200_000) {}

  factor(factor: Factor, offer: OfferLine, request: BuyerRequest): FactorResult {
    const key = `${factor}|${KEYS[factor](offer, request)}`;
    let hit = this.results.get(key);
    if (hit === undefined) {
      if (this.results.size >= this.limit) this.results.clear();
      hit = compute(factor, offer, request, this.market, this.asOf);
      this.results.set(key, hit);
    }
    return hit;
  }

  /** The same number scoreMatch(offer, request, market, asOf).score gives. */
  score(offer: OfferLine, request: BuyerRequest): number {
    let total = 0;
    for (const factor of FACTORS) {
      const r = this.factor(factor, offer, request);
      if (r.excludes) return 0;
      total += WEIGHTS[factor] * r.score;
    }
    return round3(total);
  }
}
