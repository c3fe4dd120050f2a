import type { OfferLine } from '../domain/offer-line.js';
import type { ScoreMemo } from './scorer.js';
import type { BuyerRequest } from './request.js';

export interface ScoredCandidate {
  request_id: string;
  buyer_id: string;
  score: number;
}

/** Best first; equal scores by request id, as the database ranks them (matches_offer_rank). */
export function byRank(a: ScoredCandidate, b: ScoredCandidate): number {
  return b.score - a.score || (a.request_id < b.request_id ? -1 : a.request_id > b.request_id ? 1 : 0);
}

/** The `keep` best eligible requests for one offer line. */
export function bestMatches(
  offer: OfferLine, candidates: readonly { id: string; buyer_id: string; request: BuyerRequest }[], memo: ScoreMemo, keep: number,
): ScoredCandidate[] {
  const scored: ScoredCandidate[] = [];
  for (const c of candidates) {
    const score = memo.score(offer, c.request);
    if (score > 0) scored.push({ request_id: c.id, buyer_id: c.buyer_id, score });
  }
  return scored.sort(byRank).slice(0, keep);
}

/** Today's date (YYYY-MM-DD) in the platform's time zone: requests go stale by it. */
export function marketDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
