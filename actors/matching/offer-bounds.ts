import { GRADE_FAMILIES, gradeFamily, type Grade } from '../domain/grades.js';
import { gsmTolerance } from './fit-factors.js';
import type { BuyerRequest } from './request.js';

/**
 * The other direction of score.ts's candidateFilter: which offer lines a request can
 * match, as bounds an index on offers (grade, gsm) can use. The gsm tolerance belongs to
 * the offer's gsm, so the bounds are found by stepping out from the request's range.
 */
export interface OfferBounds {
  /** Every grade of every family the request names. */
  grades: Grade[];
  gsm_min: number;
  gsm_max: number;
}

/** The lightest gsm g with g + tolerance(g) still reaching the request's minimum. */
function lowestGsm(min: number): number {
  let g = min;
  while (g > 1 && g - 1 + gsmTolerance(g - 1) >= min) g--;
  return g;
}

/** The heaviest gsm g with g − tolerance(g) still within the request's maximum. */
function highestGsm(max: number): number {
  let g = max;
  while (g + 1 - gsmTolerance(g + 1) <= max) g++;
  return g;
}

export function offerBounds(request: Pick<BuyerRequest, 'grades' | 'gsm'>): OfferBounds {
  const families = new Set(request.grades.map(gradeFamily));
  const grades = [...families].flatMap((f) => [...GRADE_FAMILIES[f]]);
  return { grades, gsm_min: lowestGsm(request.gsm.min), gsm_max: highestGsm(request.gsm.max) };
}
