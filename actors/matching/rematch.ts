import { forEachOpenRequest, refreshMaxPriceEur } from '../../db/match-candidates.js';
import { loadOffers, matchableOfferIds } from '../../db/match-offers.js';
import { replaceOfferMatches, type ScoredPair } from '../../db/matches.js';
import type { Logger } from '../common/log.js';
import { rankOffers, type ExclusivityDeps } from './exclusivity-shell.js';
import { summarise, type MatchSummary } from './match-offers.js';
import { bestMatches } from './rank.js';
import { RequestIndex } from './request-index.js';
import { candidateFilter } from './score.js';
import type { ScoreMemo } from './scorer.js';

const OFFER_SLICE = 1_000;

export interface RematchSummary extends MatchSummary {
  requests: number;
  ms: { load: number; score: number; rank: number };
}

async function loadIndex(deps: ExclusivityDeps, memo: ScoreMemo): Promise<RequestIndex> {
  await refreshMaxPriceEur(deps.sql, memo.market.rates_to_eur);
  const index = new RequestIndex(memo.market);
  await forEachOpenRequest(deps.sql, memo.asOf, (batch) => index.add(batch));
  return index;
}

/** One slice of offers matched against the index and written; returns the pairs kept. */
async function rematchSlice(deps: ExclusivityDeps, memo: ScoreMemo, index: RequestIndex, ids: string[]): Promise<number> {
  const offers = (await loadOffers(deps.sql, ids)).filter((o) => o.status === 'open' || o.status === 'exclusive');
  const pairs: ScoredPair[] = [];
  for (const o of offers) {
    const candidates = index.candidates(candidateFilter(o.line, memo.market, memo.asOf));
    for (const m of bestMatches(o.line, candidates, memo, deps.config.MATCHES_PER_OFFER)) pairs.push({ offer_id: o.id, ...m });
  }
  await deps.sql.begin((tx) => replaceOfferMatches(tx, offers.map((o) => o.id), pairs));
  return pairs.length;
}

/**
 * Every offer on offer against every open request, after the market configuration
 * changed or to repair: the requests are read once into memory (request-index.ts)
 * instead of one indexed query per offer, then each offer's list is replaced and its
 * buyers re-ranked. Open windows stay open; only who comes next can change.
 */
export async function rematchAll(deps: ExclusivityDeps, memo: ScoreMemo, log: Logger): Promise<RematchSummary> {
  const t0 = Date.now();
  const index = await loadIndex(deps, memo);
  const ids = await matchableOfferIds(deps.sql);
  const t1 = Date.now();
  let matches = 0;
  for (let i = 0; i < ids.length; i += OFFER_SLICE) matches += await rematchSlice(deps, memo, index, ids.slice(i, i + OFFER_SLICE));
  const t2 = Date.now();
  const decisions = await rankOffers(deps, ids);
  const summary = { ...summarise(ids.length, matches, decisions), requests: index.size, ms: { load: t1 - t0, score: t2 - t1, rank: Date.now() - t2 } };
  log.info(summary, 'full rematch done');
  return summary;
}
