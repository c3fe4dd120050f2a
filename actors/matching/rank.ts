
export interface ScoredCandidate {
  request_id: string;
  buyer_id: string;
  score: number;
}

/** Best first; equal scores by request id, as the database ranks them (matches_offer_rank). */
export function byRank(a: ScoredCandidate, b: ScoredCandidate): number {
  return b.score - a.score || (a.request_id < b.request_id ? -1 : a.request_id > b.request_id ? 1 : 0);
}

/** The `keep` best of a stream of scored requests, in rank order; ineligible ones (0) never get in. */
export class TopMatches {
  readonly best: ScoredCandidate[] = [];

  constructor(private readonly keep: number) {}

  /** The score a newcomer must reach to get in; 0 while there is room. */
  get floor(): number {
    return this.best.length < this.keep ? 0 : (this.best[this.best.length - 1] as ScoredCandidate).score;
  }

  offer(score: number, request_id: string, buyer_id: string): void {
    if (score <= 0) return;
    const last = this.best[this.best.length - 1];
    if (this.best.length >= this.keep && last && (score < last.score || (score === last.score && request_id > last.request_id))) return;
    const entry = { request_id, buyer_id, score };
    let i = this.best.length;
    while (i > 0 && byRank(entry, this.best[i - 1] as ScoredCandidate) < 0) i--;
    this.best.splice(i, 0, entry);
    if (this.best.length > this.keep) this.best.pop();
  }
}

/** Today's date (YYYY-MM-DD) in the platform's time zone: requests go stale by it. */
export function marketDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
