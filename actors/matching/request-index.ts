import { gradeFamily, type GradeFamily } from '../domain/grades.js';
import type { MarketConfig } from './market-config.js';
import type { BuyerRequest } from './request.js';
import { passesCandidateFilter, type CandidateFilter } from './score.js';

/**
 * Open requests held in memory for a full rematch, where one query per offer would cost
 * more than reading every request once. Per grade family, sorted by minimum gsm; a
 * request's gsm range is short, so the requests that can reach an offer's gsm lie in a
 * narrow slice of that order. The few with wide ranges are kept aside and always checked.
 * What it returns is exactly what candidateFilter admits.
 */
export interface IndexedRequest {
  id: string;
  buyer_id: string;
  request: BuyerRequest;
}

/** gsm ranges wider than this are checked for every offer of their family. */
const WIDE_SPAN = 60;

interface FamilyShelf {
  narrow: IndexedRequest[];
  wide: IndexedRequest[];
}

export class RequestIndex {
  private readonly shelves = new Map<GradeFamily, FamilyShelf>();
  private sorted = true;
  size = 0;

  constructor(private readonly market: MarketConfig) {}

  add(requests: readonly IndexedRequest[]): void {
    for (const r of requests) {
      for (const family of new Set(r.request.grades.map(gradeFamily))) {
        const shelf = this.shelf(family);
        (r.request.gsm.max - r.request.gsm.min > WIDE_SPAN ? shelf.wide : shelf.narrow).push(r);
      }
      this.size++;
    }
    this.sorted = false;
  }

  /** The requests the offer's filter admits, each once. */
  candidates(filter: CandidateFilter): IndexedRequest[] {
    this.sort();
    const shelf = this.shelves.get(gradeFamily(filter.grades[0]!));
    if (!shelf) return [];
    const from = lowerBound(shelf.narrow, filter.gsm_max_at_least - WIDE_SPAN);
    const found: IndexedRequest[] = [];
    for (let i = from; i < shelf.narrow.length; i++) {
      const r = shelf.narrow[i]!;
      if (r.request.gsm.min > filter.gsm_min_at_most) break;
      if (passesCandidateFilter(filter, r.request, this.market)) found.push(r);
    }
    for (const r of shelf.wide) if (passesCandidateFilter(filter, r.request, this.market)) found.push(r);
    return found;
  }

  private shelf(family: GradeFamily): FamilyShelf {
    let s = this.shelves.get(family);
    if (!s) this.shelves.set(family, (s = { narrow: [], wide: [] }));
    return s;
  }

  private sort(): void {
    if (this.sorted) return;
    for (const s of this.shelves.values()) s.narrow.sort((a, b) => a.request.gsm.min - b.request.gsm.min);
    this.sorted = true;
  }
}

/** The first position whose minimum gsm is at least `gsm`. */
function lowerBound(list: IndexedRequest[], gsm: number): number {
  let [lo, hi] = [0, list.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.request.gsm.min < gsm) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
