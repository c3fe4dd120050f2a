import { GRADE_FAMILIES, gradeFamily, type Grade } from '../domain/grades.js';
import type { OfferLine } from '../domain/offer-line.js';
import { diameterCoreFit, gsmFit, gsmTolerance, quantityFit } from './fit-factors.js';
import { gradeFit } from './grade-fit.js';
import { convert, type MarketConfig } from './market-config.js';
import { FACTORS, type Factor, type FactorResult, type Reason } from './reason.js';
import type { BuyerRequest } from './request.js';
import { round3 } from './text.js';
import { freightFit, freshnessFit, priceFit } from './trade-factors.js';
import { usableWidth, widthFit } from './width-fit.js';

/**
 * How much each factor counts; they sum to 1. Grade and width decide whether the buyer
 * can run the paper at all, so they weigh most; freshness only gates (SCORING.md).
 */
export const WEIGHTS: Readonly<Record<Factor, number>> = {
  grade: 0.25,
  gsm: 0.15,
  width: 0.2,
  diameter_core: 0.05,
  quantity: 0.1,
  price: 0.15,
  freight: 0.1,
  freshness: 0,
};

export interface MatchScore {
  /** Weighted sum of the sub-scores, in [0, 1]; 0 when any factor excludes the match. */
  score: number;
  eligible: boolean;
  reasons: Reason[];
}

function factorResults(offer: OfferLine, request: BuyerRequest, market: MarketConfig, asOf: string): Record<Factor, FactorResult> {
  return {
    grade: gradeFit(offer.grade, request.grades),
    gsm: gsmFit(offer.gsm, request.gsm),
    width: widthFit(offer, request.width_mm),
    diameter_core: diameterCoreFit(offer, request),
    quantity: quantityFit(offer, request.quantity_t),
    price: priceFit(offer.price, request.max_price, market),
    freight: freightFit(offer, request.destination, market),
    freshness: freshnessFit(request.stale_after, asOf),
  };
}

/** Scores one offer line for one request; `asOf` is today's date (YYYY-MM-DD) where the platform runs. */
export function scoreMatch(offer: OfferLine, request: BuyerRequest, market: MarketConfig, asOf: string): MatchScore {
  const results = factorResults(offer, request, market, asOf);
  const reasons = FACTORS.map((factor) => ({ factor, weight: WEIGHTS[factor], ...results[factor] }));
  const eligible = reasons.every((r) => !r.excludes);
  const total = reasons.reduce((sum, r) => sum + r.weight * r.score, 0);
  return { score: eligible ? round3(total) : 0, eligible, reasons };
}

/**
 * The hard filters of one offer as bounds on stored requests, so matching an offer
 * against many requests is an indexed query, then scoreMatch on the few candidates:
 *
 *   grades && $grades AND gsm_min <= $gsm_min_at_most AND gsm_max >= $gsm_max_at_least
 *   AND ($width_min_at_most IS NULL OR width_min <= $width_min_at_most)
 *   AND ($max_price_eur_at_least IS NULL OR max_price_eur IS NULL OR max_price_eur >= $max_price_eur_at_least)
 *   AND stale_after >= $stale_after_at_least
 *
 * max_price_eur is the request's maximum converted with the same market rates.
 */
export interface CandidateFilter {
  /** The offer's grade family: a request must ask for at least one of them. */
  grades: Grade[];
  gsm_min_at_most: number;
  gsm_max_at_least: number;
  /** null for a mill run: no width bound. */
  width_min_at_most: number | null;
  /** null for an unpriced offer: no price bound. */
  max_price_eur_at_least: number | null;
  stale_after_at_least: string;
}

export function candidateFilter(offer: OfferLine, market: MarketConfig, asOf: string): CandidateFilter {
  const tolerance = gsmTolerance(offer.gsm);
  return {
    grades: [...GRADE_FAMILIES[gradeFamily(offer.grade)]],
    gsm_min_at_most: offer.gsm + tolerance,
    gsm_max_at_least: offer.gsm - tolerance,
    width_min_at_most: usableWidth(offer),
    max_price_eur_at_least: offer.price && convert(offer.price.amount, offer.price.currency, 'EUR', market),
    stale_after_at_least: asOf,
  };
}

/** The filter applied in memory: what the SQL above must select, no more, no less. */
export function passesCandidateFilter(filter: CandidateFilter, request: BuyerRequest, market: MarketConfig): boolean {
  const maxEur = request.max_price && convert(request.max_price.amount, request.max_price.currency, 'EUR', market);
  return request.grades.some((g) => filter.grades.includes(g))
    && request.gsm.min <= filter.gsm_min_at_most
    && request.gsm.max >= filter.gsm_max_at_least
    && (filter.width_min_at_most === null || request.width_mm.min <= filter.width_min_at_most)
    && (filter.max_price_eur_at_least === null || maxEur === null || maxEur >= filter.max_price_eur_at_least - 1e-9)
    && request.stale_after >= filter.stale_after_at_least;
}

/** The hard filters only, without scoring: what rules a pair out, never how good it is. */
export function isEligible(offer: OfferLine, request: BuyerRequest, market: MarketConfig, asOf: string): boolean {
  return passesCandidateFilter(candidateFilter(offer, market, asOf), request, market);
}
