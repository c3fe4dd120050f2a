import { GRADE_FAMILIES, gradeFamily, type Grade, type GradeFamily } from '../domain/grades.js';
import type { BuyerRequest } from './request.js';
import type { CandidateFilter } from './score.js';

/**
 * The plane the candidate index lives in (migration 021): x is the grade family × 10000
 * plus the gsm, y is a request's minimum width. A request is the segment of its gsm range
 * at its minimum width; an offer's hard filters (score.ts, candidateFilter) are a box,
 * and the requests that can match it are the ones that box overlaps. The SQL keeps the
 * exact conditions too, so a request naming grades of several families (its segment then
 * spans them) only costs a recheck.
 */
const FAMILY_SPAN = 10_000;
const FAMILIES = Object.keys(GRADE_FAMILIES) as GradeFamily[];
/** No reel is this wide: the top of the box for a mill run, which has no width bound. */
const ANY_WIDTH = 1_000_000;

function familyBase(grade: Grade): number {
  return FAMILIES.indexOf(gradeFamily(grade)) * FAMILY_SPAN;
}

/** PostgreSQL's box literal; corners in any order. */
function box(x1: number, y1: number, x2: number, y2: number): string {
  return `(${x1},${y1}),(${x2},${y2})`;
}

export function requestBox(request: Pick<BuyerRequest, 'grades' | 'gsm' | 'width_mm'>): string {
  const bases = request.grades.map(familyBase);
  const y = request.width_mm.min;
  return box(Math.min(...bases) + request.gsm.min, y, Math.max(...bases) + request.gsm.max, y);
}

/** The box of requests an offer's filter can admit. */
export function offerBox(filter: CandidateFilter): string {
  const base = familyBase(filter.grades[0] as Grade);
  return box(base + filter.gsm_max_at_least, 0, base + filter.gsm_min_at_most, filter.width_min_at_most ?? ANY_WIDTH);
}
