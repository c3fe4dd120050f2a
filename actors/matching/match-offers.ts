import type { Sql } from '../../db/client.js';
import { candidateRequests } from '../../db/match-candidates.js';
import { deleteOfferMatches, replaceOfferMatches, type ScoredPair } from '../../db/matches.js';
import { loadOffers, type MatchOffer } from '../../db/match-offers.js';
import type { Config } from '../common/config.js';
import { rankOffersIn, type Decision, type ExclusivityDeps } from './exclusivity-shell.js';
import { marketDate, TopMatches, type ScoredCandidate } from './rank.js';
import { candidateFilter } from './score.js';
import { Scorer } from './scorer.js';

/** Where an actor keeps its scorer: one per day, as requests go stale by the date. */
export interface ScorerHolder {
  scorer?: Scorer;
}

export function scorerFor(holder: ScorerHolder, config: Config, now = new Date()): Scorer {
  const asOf = marketDate(now, config.SCHEDULER_TIMEZONE);
  if (holder.scorer?.asOf !== asOf) holder.scorer = new Scorer(config.MARKET_CONFIG, asOf);
  return holder.scorer;
}

export interface MatchSummary {
  offers: number;
  matches: number;
  windowsOpened: number;
  windowsClosed: number;
}

export function summarise(offers: number, matches: number, decisions: Decision[]): MatchSummary {
  const count = (f: (d: Decision) => number) => decisions.reduce((n, d) => n + f(d), 0);
  return { offers, matches, windowsOpened: count((d) => d.effects.opened.length), windowsClosed: count((d) => d.effects.closed.length) };
}

const LIVE = new Set(['open', 'exclusive']);
const ENDED = new Set(['withdrawn', 'sold']);

/** One offer's best requests: its candidates through the index, scored by the kernel. */
async function bestForOffer(sql: Sql, o: MatchOffer, scorer: Scorer, keep: number): Promise<ScoredCandidate[]> {
  const kernel = scorer.forOffer(o.line);
  const columns = scorer.columns(await candidateRequests(sql, candidateFilter(o.line, scorer.market, scorer.asOf)));
  const top = new TopMatches(keep);
  for (let i = 0; i < columns.length; i++) top.offer(kernel.score(columns, i, top.floor), columns.ids[i] as string, columns.buyers[i] as string);
  return top.best;
}

async function scoreOffers(sql: Sql, offers: MatchOffer[], scorer: Scorer, keep: number): Promise<ScoredPair[]> {
  const pairs: ScoredPair[] = [];
  for (const o of offers) for (const m of await bestForOffer(sql, o, scorer, keep)) pairs.push({ offer_id: o.id, ...m });
  return pairs;
}

/**
 * New or changed offer lines: each one's best requests become its match list, then its
 * buyers are ranked for the exclusive window. A withdrawn or sold line loses its matches
 * and any open window. Running it twice changes nothing the second time.
 */
export async function matchOffers(deps: ExclusivityDeps, scorer: Scorer, offerIds: string[]): Promise<MatchSummary> {
  const offers = await loadOffers(deps.sql, offerIds);
  const live = offers.filter((o) => LIVE.has(o.status));
  const ended = offers.filter((o) => ENDED.has(o.status)).map((o) => o.id);
  const pairs = await scoreOffers(deps.sql, live, scorer, deps.config.MATCHES_PER_OFFER);
  // The lists and the windows they decide change together, or not at all.
  const decisions = await deps.sql.begin(async (tx) => {
    await replaceOfferMatches(tx, live.map((o) => o.id), pairs);
    if (ended.length > 0) await deleteOfferMatches(tx, ended);
    return rankOffersIn(tx, deps, [...live.map((o) => o.id), ...ended]);
  });
  return summarise(offers.length, pairs.length, decisions);
}
