import type { Db } from '../../db/client.js';
import { loadCandidates, staleRequestsInLists, type CandidateRequest } from '../../db/match-candidates.js';
import { candidateOffers } from '../../db/match-offers.js';
import { admissionScores, deleteRequestMatches, trimOfferMatches, upsertMatches, type ScoredPair } from '../../db/matches.js';
import { rankOffers, type ExclusivityDeps } from './exclusivity-shell.js';
import { matchOffers, summarise, type MatchSummary } from './match-offers.js';
import { offerBounds } from './offer-bounds.js';
import type { Scorer } from './scorer.js';

/** The request's eligible pairs with the offers on offer, through the offers' (grade, gsm) index. */
async function scoreRequest(sql: Db, c: CandidateRequest, scorer: Scorer): Promise<ScoredPair[]> {
  const offers = await candidateOffers(sql, offerBounds(c.request));
  const request = scorer.columns([c]);
  const pairs: ScoredPair[] = [];
  for (const o of offers) {
    const score = scorer.forOffer(o.line).score(request, 0);
    if (score > 0) pairs.push({ offer_id: o.id, request_id: c.id, buyer_id: c.buyer_id, score });
  }
  return pairs;
}

/**
 * Writes the request's pairs where they make an offer's best list, and takes them out
 * where they no longer match. Returns the offers whose list changed, and those that lost
 * the request (their lists may now have room for a request they had left out).
 */
async function writeRequestPairs(tx: Db, requestId: string, pairs: ScoredPair[], keep: number): Promise<{ changed: string[]; lost: string[] }> {
  const bars = await admissionScores(tx, pairs.map((p) => p.offer_id), keep, requestId);
  const admitted = pairs.filter((p) => p.score >= (bars.get(p.offer_id) ?? 0));
  const lost = await deleteRequestMatches(tx, requestId, admitted.map((p) => p.offer_id));
  await upsertMatches(tx, admitted);
  const changed = admitted.map((p) => p.offer_id);
  await trimOfferMatches(tx, changed, keep);
  return { changed, lost };
}

/**
 * A request created, changed or deleted. A live request is scored against the offers
 * still on offer; a deleted or stale one leaves every list, and the offers it leaves are
 * matched afresh so their lists fill up again. Either way the offers' buyers are re-ranked.
 */
export async function matchRequest(deps: ExclusivityDeps, scorer: Scorer, requestId: string): Promise<MatchSummary> {
  const [c] = await loadCandidates(deps.sql, [requestId]);
  const live = c !== undefined && c.request.stale_after >= scorer.asOf;
  const pairs = live ? await scoreRequest(deps.sql, c, scorer) : [];
  const { changed, lost } = await deps.sql.begin((tx) => writeRequestPairs(tx, requestId, pairs, deps.config.MATCHES_PER_OFFER));
  const refilled = lost.length > 0 ? await matchOffers(deps, scorer, lost) : summarise(0, 0, []);
  const decisions = await rankOffers(deps, changed);
  const ranked = summarise(changed.length, pairs.length, decisions);
  return {
    offers: ranked.offers + refilled.offers, matches: ranked.matches,
    windowsOpened: ranked.windowsOpened + refilled.windowsOpened, windowsClosed: ranked.windowsClosed + refilled.windowsClosed,
  };
}

const STALE_BATCH = 500;

/**
 * Requests go stale by the date, with no change to tell matching: after midnight the
 * scheduler asks for them to leave the lists they still sit in (listings and rankings
 * already pass over them), so those lists fill up again.
 */
export async function retireStaleRequests(deps: ExclusivityDeps, scorer: Scorer): Promise<{ requests: number }> {
  let requests = 0;
  for (;;) {
    const ids = await staleRequestsInLists(deps.sql, scorer.asOf, STALE_BATCH);
    for (const id of ids) await matchRequest(deps, scorer, id);
    requests += ids.length;
    if (ids.length < STALE_BATCH) return { requests };
  }
}
