import { describe, expect, it } from 'vitest';
import { GRADES } from '../../actors/domain/grades.js';
import type { OfferLine } from '../../actors/domain/offer-line.js';
import { offerBox, requestBox } from '../../actors/matching/match-box.js';
import { DEFAULT_MARKET } from '../../actors/matching/market-config.js';
import { offerBounds } from '../../actors/matching/offer-bounds.js';
import { byRank, marketDate, TopMatches } from '../../actors/matching/rank.js';
import type { BuyerRequest } from '../../actors/matching/request.js';
import { RequestIndex } from '../../actors/matching/request-index.js';
import { candidateFilter, isEligible, passesCandidateFilter, scoreMatch } from '../../actors/matching/score.js';
import { Scorer } from '../../actors/matching/scorer.js';
import { offer, request } from './fixtures.js';

/** A small seeded generator, so a failure names the pair that broke. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, pick, int };
}

const CURRENCIES = ['EUR', 'USD', 'GBP', 'PLN', 'SEK', 'CHF'] as const;
const LINERS = ['testliner-1', 'testliner-2', 'testliner-3', 'testliner-4', 'testliner', 'white-top-testliner'] as const;
/** Mostly recycled liners around 130 g/m², so that many pairs match; the rest anything. */
const someGrade = (r: ReturnType<typeof rng>) => (r.next() < 0.7 ? r.pick(LINERS) : r.pick(GRADES));
const someGsm = (r: ReturnType<typeof rng>) => (r.next() < 0.7 ? r.int(110, 150) : r.int(60, 300));
const COUNTRIES = ['DE', 'IT', 'PL', 'FR', 'ES', 'TR', 'EG', 'CN', 'US', 'SE'];

function randomOffer(r: ReturnType<typeof rng>): OfferLine {
  const sheet = r.next() < 0.1;
  return offer({
    grade: someGrade(r), gsm: someGsm(r), width_mm: sheet || r.next() < 0.05 ? null : r.int(8, 50) * 50,
    sheet_mm: sheet ? [r.int(50, 100) * 10, r.int(50, 140) * 10] : null,
    diameter_mm: r.next() < 0.3 ? null : r.int(10, 15) * 100, core_mm: r.pick([76, 100, 150, null]),
    quantity_t: r.next() < 0.1 ? null : r.int(0, 120), quantity_shared: r.next() < 0.2,
    price: r.next() < 0.2 ? null : { amount: r.int(300, 900), currency: r.pick(CURRENCIES), per: 't' },
    incoterm: r.next() < 0.3 ? null : { term: r.pick(['FCA', 'DAP', 'CIF', 'EXW'] as const), place: r.pick(['mill', 'Hannover', 'Poznan', null]) },
    origin: r.next() < 0.1 ? null : r.pick(COUNTRIES),
  });
}

function randomRequest(r: ReturnType<typeof rng>): BuyerRequest {
  const gsm = someGsm(r);
  const width = r.int(8, 40) * 50;
  const d = r.int(10, 14) * 100;
  return request({
    grades: [...new Set([someGrade(r), someGrade(r)].slice(0, r.int(1, 2)))],
    gsm: { min: gsm, max: gsm + r.pick([0, 5, 10, 20, 80]) }, width_mm: { min: width, max: width + r.int(0, 20) * 50 },
    diameter_mm: r.pick([null, { max: d }, { min: d - 200, max: d }]), core_mm: r.pick([null, 76, 100, 150]),
    quantity_t: { min: r.int(0, 40), max: r.int(40, 100) },
    max_price: r.next() < 0.4 ? null : { amount: r.int(300, 900), currency: r.pick(CURRENCIES) },
    destination: { country: r.pick(COUNTRIES), place: r.pick(['Hannover', 'Poznan', 'Lyon']) },
    stale_after: r.pick(['2026-11-30', '2026-12-01', '2027-06-30']),
  });
}

const AS_OF = '2026-12-01';

describe('the score kernel', () => {
  it("gives scoreMatch's score to the last bit on 80,000 random pairs", () => {
    const r = rng(42);
    const scorer = new Scorer(DEFAULT_MARKET, AS_OF);
    const offers = Array.from({ length: 400 }, () => randomOffer(r));
    const requests = Array.from({ length: 200 }, () => randomRequest(r));
    const columns = scorer.columns(requests.map((request, i) => ({ id: `q${i}`, buyer_id: 'b', request })));
    let eligible = 0;
    for (const o of offers) {
      const kernel = scorer.forOffer(o);
      for (const [i, q] of requests.entries()) {
        const expected = scoreMatch(o, q, DEFAULT_MARKET, AS_OF).score;
        if (kernel.score(columns, i) !== expected) expect([o, q, kernel.score(columns, i)]).toEqual([o, q, expected]);
        if (expected > 0) eligible++;
      }
    }
    expect(eligible).toBeGreaterThan(500);
  });

  it('given a floor, answers the exact score or 0 for a pair surely below it, never a wrong score', () => {
    const r = rng(9);
    const scorer = new Scorer(DEFAULT_MARKET, AS_OF);
    let pruned = 0;
    for (let k = 0; k < 20_000; k++) {
      const o = randomOffer(r);
      const q = randomRequest(r);
      const exact = scoreMatch(o, q, DEFAULT_MARKET, AS_OF).score;
      const floor = Math.round(r.next() * 1000) / 1000;
      const got = scorer.forOffer(o).score(scorer.columns([{ id: 'q', buyer_id: 'b', request: q }]), 0, floor);
      if (got !== exact) {
        expect(got).toBe(0);
        expect(exact).toBeLessThan(floor);
        pruned++;
      }
    }
    expect(pruned).toBeGreaterThan(100);
  });

  it('scores 0 exactly where scoreMatch finds the pair ineligible', () => {
    const one = (o: OfferLine, q: BuyerRequest) => scorer.forOffer(o).score(scorer.columns([{ id: 'q', buyer_id: 'b', request: q }]), 0);
    const scorer = new Scorer(DEFAULT_MARKET, AS_OF);
    for (const q of [request({ grades: ['kraftliner'] }), request({ stale_after: '2026-11-01' }), request({ max_price: { amount: 300, currency: 'EUR' } })]) {
      expect([one(offer(), q), isEligible(offer(), q, DEFAULT_MARKET, AS_OF)]).toEqual([0, false]);
    }
    expect(one(offer(), request())).toBe(scoreMatch(offer(), request(), DEFAULT_MARKET, AS_OF).score);
    expect(one(offer(), request())).toBeGreaterThan(0.95);
  });
});

/** The best list as matchOffers makes it (match-offers.ts): the kernel pruning on the list's floor. */
function best(o: OfferLine, candidates: { id: string; buyer_id: string; request: BuyerRequest }[], scorer: Scorer, keep: number) {
  const kernel = scorer.forOffer(o);
  const columns = scorer.columns(candidates);
  const top = new TopMatches(keep);
  for (let i = 0; i < columns.length; i++) top.offer(kernel.score(columns, i, top.floor), columns.ids[i]!, columns.buyers[i]!);
  return top.best;
}

describe('best lists and ranking', () => {
  it('keeps the best eligible requests, equal scores by request id', () => {
    const memo = new Scorer(DEFAULT_MARKET, AS_OF);
    const candidates = [
      { id: 'r-c', buyer_id: 'b1', request: request({ quantity_t: { min: 30, max: 40 } }) },
      { id: 'r-b', buyer_id: 'b2', request: request() },
      { id: 'r-a', buyer_id: 'b3', request: request() },
      { id: 'r-x', buyer_id: 'b4', request: request({ grades: ['fluting'] }) },
    ];
    expect(best(offer(), candidates, memo, 2).map((m) => m.request_id)).toEqual(['r-a', 'r-b']);
    expect(best(offer(), candidates, memo, 10).map((m) => m.request_id)).toEqual(['r-a', 'r-b', 'r-c']);
    expect([{ request_id: 'b', buyer_id: '', score: 0.5 }, { request_id: 'a', buyer_id: '', score: 0.5 }].sort(byRank)[0]?.request_id).toBe('a');
  });

  it('keeps the same best list, pruning and all, as sorting every exact score would', () => {
    const r = rng(11);
    const scorer = new Scorer(DEFAULT_MARKET, AS_OF);
    for (let k = 0; k < 300; k++) {
      const o = randomOffer(r);
      const candidates = Array.from({ length: 300 }, (_, i) => ({ id: `r${String(i).padStart(3, '0')}`, buyer_id: 'b', request: randomRequest(r) }));
      const everyScore = candidates.map((c) => ({ request_id: c.id, buyer_id: 'b', score: scoreMatch(o, c.request, DEFAULT_MARKET, AS_OF).score }))
        .filter((c) => c.score > 0).sort(byRank).slice(0, 5);
      expect(best(o, candidates, scorer, 5)).toEqual(everyScore);
    }
  });

  it("dates the market in the platform's time zone", () => {
    expect(marketDate(new Date('2026-12-31T23:30:00Z'), 'Europe/Berlin')).toBe('2027-01-01');
    expect(marketDate(new Date('2026-12-31T23:30:00Z'), 'America/New_York')).toBe('2026-12-31');
  });
});

/** [x1, y1, x2, y2] of a PostgreSQL box literal. */
function corners(box: string): number[] {
  return box.match(/-?\d+(\.\d+)?/g)!.map(Number);
}

function overlaps(a: string, b: string): boolean {
  const [ax1, ay1, ax2, ay2] = corners(a) as [number, number, number, number];
  const [bx1, by1, bx2, by2] = corners(b) as [number, number, number, number];
  const within = (lo1: number, hi1: number, lo2: number, hi2: number) => Math.min(lo1, hi1) <= Math.max(lo2, hi2) && Math.min(lo2, hi2) <= Math.max(lo1, hi1);
  return within(ax1, ax2, bx1, bx2) && within(ay1, ay2, by1, by2);
}

describe('candidate pre-selection', () => {
  it('never loses an eligible pair: box overlap, offer bounds and the request index all admit it', () => {
    const r = rng(7);
    const requests = Array.from({ length: 400 }, (_, i) => ({ id: `q${i}`, buyer_id: 'b', request: randomRequest(r) }));
    const index = new RequestIndex(new Scorer(DEFAULT_MARKET, AS_OF));
    index.add(requests);
    let eligible = 0;
    for (let k = 0; k < 200; k++) {
      const o = randomOffer(r);
      const filter = candidateFilter(o, DEFAULT_MARKET, AS_OF);
      const fromIndex = new Set<string>();
      const found = index.candidates(filter);
      for (const i of found?.at ?? []) {
        const id = found!.columns.ids[i] as string;
        expect(fromIndex.has(id)).toBe(false);
        fromIndex.add(id);
      }
      for (const q of requests) {
        const passes = passesCandidateFilter(filter, q.request, DEFAULT_MARKET);
        expect(fromIndex.has(q.id)).toBe(passes);
        if (!isEligible(o, q.request, DEFAULT_MARKET, AS_OF)) continue;
        eligible++;
        expect(overlaps(requestBox(q.request), offerBox(filter))).toBe(true);
        const bounds = offerBounds(q.request);
        expect(bounds.grades).toContain(o.grade);
        expect(o.gsm).toBeGreaterThanOrEqual(bounds.gsm_min);
        expect(o.gsm).toBeLessThanOrEqual(bounds.gsm_max);
      }
    }
    expect(eligible).toBeGreaterThan(100);
  });

  it('draws the tightest gsm bounds for offers a request can reach', () => {
    expect(offerBounds(request({ gsm: { min: 120, max: 130 } }))).toMatchObject({ gsm_min: 115, gsm_max: 136 });
    // 136 g/m² carries a 6 g/m² tolerance, 301 g/m² a 13 g/m² one: each just reaches the maximum.
    expect(offerBounds(request({ gsm: { min: 280, max: 288 } })).gsm_max).toBe(301);
    expect(offerBounds(request({ grades: ['gc1', 'testliner-3'] })).grades).toEqual(expect.arrayContaining(['gc2', 'sbs', 'testliner-1', 'white-top-testliner']));
  });

  it('places requests of one family in one band of the index plane', () => {
    expect(requestBox(request({ grades: ['testliner-3', 'testliner-2'] }))).toBe('(10120,1000),(10130,1000)');
    expect(corners(requestBox(request({ grades: ['kraftliner', 'fluting'] })))).toEqual([120, 1000, 20130, 1000]);
    expect(offerBox(candidateFilter(offer({ width_mm: null, sheet_mm: null }), DEFAULT_MARKET, AS_OF))).toBe('(10120,0),(10130,1000000)');
  });
});
