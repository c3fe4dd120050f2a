import { setImmediate as yieldToIo } from 'node:timers/promises';
import { forEachOpenRequest, refreshMaxPriceEur } from '../../db/match-candidates.js';
import { loadOffers, matchableOfferIds, type MatchOffer } from '../../db/match-offers.js';
import { replaceOfferMatches, type ScoredPair } from '../../db/matches.js';
import type { Logger } from '../common/log.js';
import { rankOffers, type Decision, type ExclusivityDeps } from './exclusivity-shell.js';
import { summarise, type MatchSummary } from './match-offers.js';
import { TopMatches } from './rank.js';
import { RequestIndex } from './request-index.js';
import { candidateFilter } from './score.js';
import type { Scorer } from './scorer.js';

const OFFER_SLICE = 1_000;
/** Offers scored between two looks at the event loop, so the writes in flight go on. */
const YIELD_EVERY = 50;

export interface RematchSummary extends MatchSummary {
  requests: number;
  ms: { load: number; total: number };
}

async function loadIndex(deps: ExclusivityDeps, scorer: Scorer): Promise<RequestIndex> {
  await refreshMaxPriceEur(deps.sql, scorer.market.rates_to_eur);
  const index = new RequestIndex(scorer);
  await forEachOpenRequest(deps.sql, scorer.asOf, (batch) => index.add(batch));
  return index;
}

/** Each offer's best requests from the index. */
async function scoreSlice(offers: MatchOffer[], scorer: Scorer, index: RequestIndex, keep: number): Promise<ScoredPair[]> {
  const pairs: ScoredPair[] = [];
  for (const [n, o] of offers.entries()) {
    if (n % YIELD_EVERY === YIELD_EVERY - 1) await yieldToIo();
    const found = index.candidates(candidateFilter(o.line, scorer.market, scorer.asOf));
    if (!found) continue;
    const { columns, at } = found;
    const kernel = scorer.forOffer(o.line);
    const top = new TopMatches(keep);
    for (const i of at) top.offer(kernel.score(columns, i, top.floor), columns.ids[i] as string, columns.buyers[i] as string);
    for (const m of top.best) pairs.push({ offer_id: o.id, ...m });
  }
  return pairs;
}

/** Replaces the slice's match lists, then ranks its buyers. */
async function writeSlice(deps: ExclusivityDeps, offers: MatchOffer[], pairs: ScoredPair[]): Promise<Decision[]> {
  const ids = offers.map((o) => o.id);
  await deps.sql.begin((tx) => replaceOfferMatches(tx, ids, pairs));
  return rankOffers(deps, ids);
}

/**
 * Every offer on offer against every open request, after the market configuration
 * changed or to repair: the requests are read once into memory (request-index.ts)
 * instead of one indexed query per offer; each slice of offers is scored while the
 * previous one is written and ranked. Open windows stay open; only who comes next changes.
 */
export async function rematchAll(deps: ExclusivityDeps, scorer: Scorer, log: Logger): Promise<RematchSummary> {
  const t0 = Date.now();
  const index = await loadIndex(deps, scorer);
  const ids = await matchableOfferIds(deps.sql);
  const loadMs = Date.now() - t0;
  const decisions: Decision[] = [];
  let matches = 0;
  let failure: { err: unknown } | undefined;
  let writing = Promise.resolve();
  const settle = async () => {
    await writing;
    if (failure) throw failure.err;
  };
  for (let i = 0; i < ids.length; i += OFFER_SLICE) {
    const offers = (await loadOffers(deps.sql, ids.slice(i, i + OFFER_SLICE))).filter((o) => o.status === 'open' || o.status === 'exclusive');
    const pairs = await scoreSlice(offers, scorer, index, deps.config.MATCHES_PER_OFFER);
    matches += pairs.length;
    await settle();
    // One slice in flight at a time; its failure is kept and thrown at the next settle.
    writing = writeSlice(deps, offers, pairs).then((d) => { decisions.push(...d); }, (err: unknown) => { failure = { err }; });
  }
  await settle();
  const summary = { ...summarise(ids.length, matches, decisions), requests: index.size, ms: { load: loadMs, total: Date.now() - t0 } };
  log.info(summary, 'full rematch done');
  return summary;
}
