import { gradeFamily, type GradeFamily } from '../domain/grades.js';
import { dayNumber, type ColumnRequest, type RequestColumns } from './request-columns.js';
import type { CandidateFilter } from './score.js';
import type { Scorer } from './scorer.js';

/**
 * Open requests held in memory for a full rematch, where one query per offer would cost
 * more than reading every request once. Per grade family, as columns sorted by minimum
 * gsm: a request's gsm range is short, so the ones that can reach an offer's gsm lie in a
 * narrow slice of that order; the few with wide ranges come first and are checked for
 * every offer of their family. What it admits is exactly what candidateFilter admits.
 */

/** gsm ranges wider than this are checked for every offer of their family. */
const WIDE_SPAN = 20;

interface Shelf {
  columns: RequestColumns;
  /** Positions below this hold the wide ranges. */
  wide: number;
}

/** The requests an offer's filter admits: positions in one shelf's columns. */
export interface Candidates {
  columns: RequestColumns;
  at: number[];
}

export class RequestIndex {
  private readonly rows = new Map<GradeFamily, ColumnRequest[]>();
  private readonly shelves = new Map<GradeFamily, Shelf>();
  private readonly dirty = new Set<GradeFamily>();
  size = 0;

  constructor(private readonly scorer: Scorer) {}

  add(requests: readonly ColumnRequest[]): void {
    for (const r of requests) {
      for (const family of new Set(r.request.grades.map(gradeFamily))) {
        const list = this.rows.get(family) ?? [];
        list.push(r);
        this.rows.set(family, list);
        this.dirty.add(family);
      }
      this.size++;
    }
  }

  candidates(filter: CandidateFilter): Candidates | undefined {
    this.pack();
    const shelf = this.shelves.get(gradeFamily(filter.grades[0]!));
    if (!shelf) return undefined;
    const { gsmMin, gsmMax, widthMin, maxEur, staleDay, length } = shelf.columns;
    const [lo, hi] = [filter.gsm_max_at_least, filter.gsm_min_at_most];
    const width = filter.width_min_at_most ?? Infinity;
    const price = filter.max_price_eur_at_least === null ? -Infinity : filter.max_price_eur_at_least - 1e-9;
    const fresh = dayNumber(filter.stale_after_at_least);
    const at: number[] = [];
    const admit = (i: number) => {
      if ((gsmMin[i] as number) > hi || (gsmMax[i] as number) < lo || (widthMin[i] as number) > width) return;
      if (!((maxEur[i] as number) < price) && (staleDay[i] as number) >= fresh) at.push(i);
    };
    for (let i = 0; i < shelf.wide; i++) admit(i);
    for (let i = lowerBound(gsmMin, shelf.wide, lo - WIDE_SPAN); i < length && (gsmMin[i] as number) <= hi; i++) admit(i);
    return { columns: shelf.columns, at };
  }

  /** Lays out the shelves that gained requests as columns. */
  private pack(): void {
    for (const family of this.dirty) {
      const all = this.rows.get(family) ?? [];
      const wide = all.filter((r) => r.request.gsm.max - r.request.gsm.min > WIDE_SPAN);
      const narrow = all.filter((r) => r.request.gsm.max - r.request.gsm.min <= WIDE_SPAN).sort((a, b) => a.request.gsm.min - b.request.gsm.min);
      this.shelves.set(family, { columns: this.scorer.columns([...wide, ...narrow]), wide: wide.length });
    }
    this.dirty.clear();
  }
}

/** The first position from `from` whose minimum gsm is at least `gsm`. */
function lowerBound(list: Int32Array, from: number, gsm: number): number {
  let [lo, hi] = [from, list.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < gsm) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
