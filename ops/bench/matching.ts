import { performance } from 'node:perf_hooks';
import { parseConfig, type Config } from '../../actors/common/config.js';
import { createLogger } from '../../actors/common/log.js';
import { matchOffers, scorerFor, type ScorerHolder } from '../../actors/matching/match-offers.js';
import { matchRequest } from '../../actors/matching/match-request.js';
import { rematchAll } from '../../actors/matching/rematch.js';
import type { Sql } from '../../db/client.js';
import type { BenchFigure } from './figure.js';
import { offerRow, randomOffer, randomRequest, requestRow, seeded, seedBuyers, seedOffers, seedRequests, type Rng } from './matching-data.js';
import { benchEnv, createBenchDatabase } from './setup.js';

/**
 * Matching on the real tables and queries, with a seeded market (matching-data.ts):
 * 100,000 open requests of 5,000 buyers; a full rematch of 10,000 offer lines (goal
 * under 10 s); one new offer line against the 100,000 requests (goal p99 under 20 ms);
 * then, with 100,000 offer lines on offer (matched by a full rematch, also timed), one
 * new request against them. Each timing is the actor's whole handling: candidates,
 * scoring, the match lists and the windows.
 */
const BUYERS = 5_000;
const REQUESTS = 100_000;
const FIRST_OFFERS = 10_000;
const ALL_OFFERS = 100_000;
const SAMPLES = 300;
const WARM_UP = 20;
const STALE_AFTER = '2099-12-31';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function latencies(bench: string, ms: number[]): BenchFigure[] {
  const sorted = [...ms].sort((a, b) => a - b);
  return [
    { bench: `${bench}.p50`, value: percentile(sorted, 50), unit: 'ms' },
    { bench: `${bench}.p99`, value: percentile(sorted, 99), unit: 'ms' },
  ];
}

/** Runs `prepare` untimed and `measured` timed, `n` times after a warm-up; the timings in ms. */
async function sample<T>(n: number, prepare: () => Promise<T>, measured: (input: T) => Promise<void>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < WARM_UP + n; i++) {
    const input = await prepare();
    const t0 = performance.now();
    await measured(input);
    if (i >= WARM_UP) ms.push(performance.now() - t0);
  }
  return ms;
}

async function insertOffer(sql: Sql, rng: Rng, config: Config): Promise<string> {
  const row = offerRow(randomOffer(rng, config.MARKET_CONFIG));
  await sql`insert into offers ${sql(row as never)}`;
  return row.id;
}

async function insertRequest(sql: Sql, rng: Rng, config: Config, buyers: string[]): Promise<string> {
  const row = requestRow(rng.pick(buyers), randomRequest(rng, config.MARKET_CONFIG, STALE_AFTER), config.MARKET_CONFIG);
  await sql`insert into buyer_requests ${sql(row as never)}`;
  return row.id;
}

export async function run(): Promise<BenchFigure[]> {
  const db = await createBenchDatabase();
  const config = parseConfig(benchEnv(db.url));
  const deps = { sql: db.sql, config };
  const holder: ScorerHolder = {};
  const rng = seeded(20_261_204);
  const log = createLogger('bench', 'warn');
  try {
    const buyers = await seedBuyers(db.sql, BUYERS, rng);
    await seedRequests(db.sql, buyers, REQUESTS, rng, config.MARKET_CONFIG, STALE_AFTER);
    await seedOffers(db.sql, FIRST_OFFERS, rng, config.MARKET_CONFIG);
    await db.sql`vacuum analyze`;

    const t0 = performance.now();
    const rematch = await rematchAll(deps, scorerFor(holder, config), log);
    const rematchMs = performance.now() - t0;

    let offerMatches = 0;
    const perOffer = await sample(SAMPLES, () => insertOffer(db.sql, rng, config), async (id) => {
      offerMatches += (await matchOffers(deps, scorerFor(holder, config), [id])).matches;
    });
    offerMatches *= SAMPLES / (SAMPLES + WARM_UP);

    // The other 90,000 lines come onto the market matched, as they would have one by one.
    await seedOffers(db.sql, ALL_OFFERS - FIRST_OFFERS - SAMPLES - WARM_UP, rng, config.MARKET_CONFIG);
    await db.sql`vacuum analyze offers`;
    const t1 = performance.now();
    await rematchAll(deps, scorerFor(holder, config), log);
    const bigRematchMs = performance.now() - t1;
    let requestMatches = 0;
    const perRequest = await sample(SAMPLES, () => insertRequest(db.sql, rng, config, buyers), async (id) => {
      requestMatches += (await matchRequest(deps, scorerFor(holder, config), id)).matches;
    });
    requestMatches *= SAMPLES / (SAMPLES + WARM_UP);

    return [
      { bench: 'matching.full_rematch.10k_offers_x_100k_requests', value: rematchMs / 1_000, unit: 's' },
      { bench: 'matching.full_rematch.matches_kept', value: rematch.matches, unit: 'matches' },
      { bench: 'matching.full_rematch.windows_opened', value: rematch.windowsOpened, unit: 'windows' },
      ...latencies('matching.new_offer_vs_100k_requests', perOffer),
      { bench: 'matching.new_offer.matches_kept_mean', value: offerMatches / SAMPLES, unit: 'matches' },
      ...latencies('matching.new_request_vs_100k_offers', perRequest),
      { bench: 'matching.new_request.eligible_offers_mean', value: requestMatches / SAMPLES, unit: 'offers' },
      { bench: 'matching.full_rematch.100k_offers_x_100k_requests', value: bigRematchMs / 1_000, unit: 's' },
    ];
  } finally {
    await db.drop();
  }
}
