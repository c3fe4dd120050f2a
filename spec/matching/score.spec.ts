import { describe, expect, it } from 'vitest';
import { GRADE_FAMILIES } from '../../actors/domain/grades.js';
import type { OfferLine } from '../../actors/domain/offer-line.js';
import { DEFAULT_MARKET } from '../../actors/matching/market-config.js';
import { FACTORS, type Factor } from '../../actors/matching/reason.js';
import type { BuyerRequest } from '../../actors/matching/request.js';
import { candidateFilter, isEligible, passesCandidateFilter, scoreMatch, WEIGHTS } from '../../actors/matching/score.js';
import { slitReel } from '../../actors/matching/width-fit.js';
import { offer, request } from './fixtures.js';

const TODAY = '2026-12-04';
const score = (o: Partial<OfferLine>, r: Partial<BuyerRequest> = {}, asOf = TODAY) =>
  scoreMatch(offer(o), request(r), DEFAULT_MARKET, asOf);
const reason = (o: Partial<OfferLine>, r: Partial<BuyerRequest>, factor: Factor) =>
  score(o, r).reasons.find((x) => x.factor === factor);

describe('weights', () => {
  it('sum to 1, freshness only gates', () => {
    expect(Object.values(WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(WEIGHTS.freshness).toBe(0);
  });
});

// Baseline: TL3 125 g/m² 1250 mm, 24 t, EUR 410 FCA, from Italy; request TL3 120–130,
// 1000–1250 mm, 20–30 t, max EUR 470, to Germany. Italy–Germany is 850 km: freight 0.844,
// so the baseline scores 0.9 + 0.1 × 0.844 = 0.984. Each row changes one thing.
type Row = [string, Partial<OfferLine>, Partial<BuyerRequest>, Factor, number, string, number];
const EXCLUDED = -1;
const table: Row[] = [
  ['baseline', {}, {}, 'grade', 1, 'Testliner 3 is the grade you asked for.', 0.984],
  ['better testliner quality', { grade: 'testliner-2' }, {}, 'grade', 0.7, 'Testliner 2 instead of your Testliner 3: a better quality', 0.909],
  ['lower testliner quality', { grade: 'testliner-4' }, {}, 'grade', 0.4, 'a lower quality of the same liner', 0.834],
  ['testliner of unstated quality', { grade: 'testliner' }, {}, 'grade', 0.6, 'quality to confirm', 0.884],
  ['substitute in the family', { grade: 'white-top-testliner' }, {}, 'grade', 0.5, 'a substitute within recycled liner', 0.859],
  ['unrelated grade', { grade: 'fluting' }, {}, 'grade', 0, 'Fluting is not what you asked for (Testliner 3), nor a substitute', EXCLUDED],
  ['best of several asked grades', {}, { grades: ['kraftliner', 'testliner-2'] }, 'grade', 0.4, 'Testliner 3 instead of your Testliner 2', 0.834],
  ['gsm 3 above, tolerance 6', { gsm: 133 }, {}, 'gsm', 0.625, '133 g/m² is 3 g/m² above your 120–130 g/m², within the 6 g/m² tolerance.', 0.928],
  ['gsm at the tolerance', { gsm: 136 }, {}, 'gsm', 0.25, 'within the 6 g/m² tolerance', 0.872],
  ['gsm past the tolerance', { gsm: 137 }, {}, 'gsm', 0, '137 g/m² is 7 g/m² above your 120–130 g/m², beyond the 6 g/m² tolerance.', EXCLUDED],
  ['gsm 5 below, tolerance 5', { gsm: 115 }, {}, 'gsm', 0.25, '5 g/m² below', 0.872],
  ['gsm 6 below', { gsm: 114 }, {}, 'gsm', 0, 'beyond the 5 g/m² tolerance', EXCLUDED],
  ['double-width reel', { width_mm: 2500 }, {}, 'width', 0.9, '2500 mm slits into 2 × 1250 mm within your 1000–1250 mm, no trim loss.', 0.964],
  ['reel with trim', { width_mm: 1400 }, {}, 'width', 0.611, '1400 mm slits into 1 × 1250 mm, 150 mm (10.7 %) trim loss', 0.907],
  ['even slit below the max', { width_mm: 2400 }, { width_mm: { min: 1100, max: 1250 } }, 'width', 0.9, '2 × 1200 mm', 0.964],
  ['trim beyond a third', { width_mm: 2000 }, { width_mm: { min: 1100, max: 1250 } }, 'width', 0, '750 mm (37.5 %) trim loss', 0.784],
  ['too narrow', { width_mm: 900 }, {}, 'width', 0, '900 mm is narrower than your minimum width 1000 mm.', EXCLUDED],
  ['mill run', { width_mm: null }, {}, 'width', 0.75, 'Width not stated (mill run)', 0.934],
  ['sheets on the long side', { width_mm: null, sheet_mm: [700, 1000] }, { width_mm: { min: 900, max: 1100 } }, 'width', 0.8, 'Sheets 700 × 1000 mm, on the 1000 mm side', 0.944],
  ['sheets too small', { width_mm: null, sheet_mm: [700, 800] }, { width_mm: { min: 900, max: 1100 } }, 'width', 0, 'both sides narrower', EXCLUDED],
  ['diameter over the max', { diameter_mm: 1300 }, {}, 'diameter_core', 0, 'Diameter 1300 mm is over your maximum 1250 mm: it needs rewinding; core 76 mm as you asked.', 0.934],
  ['other core', { core_mm: 150 }, {}, 'diameter_core', 0.3, 'core 150 mm, not your 76 mm', 0.949],
  ['no reel limits asked', { diameter_mm: null, core_mm: null }, { diameter_mm: null, core_mm: null }, 'diameter_core', 1, 'You set no diameter or core.', 0.984],
  ['reel size not stated', { diameter_mm: null }, {}, 'diameter_core', 0.7, 'Diameter not stated (you asked for maximum 1250 mm)', 0.969],
  ['partial quantity', { quantity_t: 12 }, {}, 'quantity', 0.48, '12 t covers part of your 20–30 t.', 0.932],
  ['more than wanted', { quantity_t: 60, quantity_shared: true }, {}, 'quantity', 0.75, '60 t (stated once for several widths) is more than your 20–30 t', 0.959],
  ['quantity not stated', { quantity_t: null }, {}, 'quantity', 0.5, 'Quantity not stated.', 0.934],
  ['price in USD under the max', { price: { amount: 530, currency: 'USD', per: 't' } }, {}, 'price', 0.721, 'USD 530/t (about EUR 456/t) is 3 % below your maximum EUR 470/t.', 0.943],
  ['price in USD over the max', { price: { amount: 550, currency: 'USD', per: 't' } }, {}, 'price', 0, 'USD 550/t (about EUR 473/t) is above your maximum EUR 470/t.', EXCLUDED],
  ['price at the max', { price: { amount: 470, currency: 'EUR', per: 't' } }, {}, 'price', 0.6, '0 % below', 0.924],
  ['max in GBP, ample headroom', {}, { max_price: { amount: 400, currency: 'GBP' } }, 'price', 1, 'EUR 410/t (about GBP 357/t) is 10.9 % below your maximum GBP 400/t.', 0.984],
  ['no price on the offer', { price: null }, {}, 'price', 0.5, 'No price stated', 0.909],
  ['no max price on the request', {}, { max_price: null }, 'price', 0.5, 'You set no maximum price.', 0.909],
  ['domestic', { origin: 'DE' }, {}, 'freight', 0.942, 'Within Germany, about 300 km.', 0.994],
  ['overseas', { origin: 'US' }, {}, 'freight', 0.196, 'From United States to Germany, about 8150 km.', 0.92],
  ['pair not in the table', { origin: 'XK' }, {}, 'freight', 0.368, 'not in the freight table, counted as 5000 km', 0.937],
  ['origin not stated', { origin: null }, {}, 'freight', 0.5, 'Origin not stated', 0.95],
  ['delivered to the buyer', { incoterm: { term: 'DAP', place: 'hannover' } }, {}, 'freight', 1, 'Delivered DAP hannover, your destination.', 1],
  ['delivered elsewhere', { incoterm: { term: 'DAP', place: 'Poznań' } }, {}, 'freight', 0.844, 'From Italy to Germany, about 850 km.', 0.984],
  ['stale request', {}, { stale_after: '2026-12-03' }, 'freshness', 0, 'Your request went stale after 2026-12-03.', EXCLUDED],
  ['last day of the request', {}, { stale_after: TODAY }, 'freshness', 1, `open until ${TODAY}`, 0.984],
];

describe('scoreMatch', () => {
  it.each(table)('%s', (_name, o, r, factor, sub, text, expected) => {
    const result = score(o, r);
    const why = result.reasons.find((x) => x.factor === factor);
    expect(why?.score).toBe(sub);
    expect(why?.text).toContain(text);
    expect(why?.excludes).toBe(expected === EXCLUDED);
    expect(result.eligible).toBe(expected !== EXCLUDED);
    expect(result.score).toBe(expected === EXCLUDED ? 0 : expected);
  });

  it('gives one reason per factor, in order, with its weight', () => {
    const { reasons } = score({});
    expect(reasons.map((r) => r.factor)).toEqual([...FACTORS]);
    expect(reasons.map((r) => r.weight)).toEqual(FACTORS.map((f) => WEIGHTS[f]));
    for (const r of reasons) expect(r.text.length).toBeGreaterThan(10);
  });

  it('keeps every reason when a match is excluded, so the trader sees why', () => {
    const result = score({ grade: 'fluting', width_mm: 900 });
    expect(result.reasons.filter((r) => r.excludes).map((r) => r.factor)).toEqual(['grade', 'width']);
  });

  it('orders grades: exact, better quality, unstated quality, substitute, lower quality', () => {
    const grades = ['testliner-3', 'testliner-2', 'testliner', 'white-top-testliner', 'testliner-4'] as const;
    const scores = grades.map((grade) => score({ grade }).score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(new Set(scores).size).toBe(grades.length);
  });

  it('ranks nearer buyers higher, all else equal', () => {
    const to = (country: string) => score({}, { destination: { country, place: 'x' } }).score;
    expect(to('AT')).toBeGreaterThan(to('DE'));
    expect(to('DE')).toBeGreaterThan(to('EG'));
    expect(to('EG')).toBeGreaterThan(to('CN'));
  });

  it('ranks more price headroom higher', () => {
    const at = (amount: number) => score({ price: { amount, currency: 'EUR', per: 't' } }).score;
    expect(at(400)).toBeGreaterThan(at(440));
    expect(at(440)).toBeGreaterThan(at(460));
    expect(at(400)).toBe(at(380));
  });
});

describe('slitReel', () => {
  const rows: [number, number, number, ReturnType<typeof slitReel>][] = [
    [2500, 1000, 1250, { sets: 2, set_mm: 1250, trim_mm: 0, trim_share: 0 }],
    [1250, 1000, 1250, { sets: 1, set_mm: 1250, trim_mm: 0, trim_share: 0 }],
    [1100, 1000, 1250, { sets: 1, set_mm: 1100, trim_mm: 0, trim_share: 0 }],
    [3000, 900, 1250, { sets: 3, set_mm: 1000, trim_mm: 0, trim_share: 0 }],
    [1400, 1000, 1250, { sets: 1, set_mm: 1250, trim_mm: 150, trim_share: 150 / 1400 }],
    [2700, 1000, 1250, { sets: 2, set_mm: 1250, trim_mm: 200, trim_share: 200 / 2700 }],
    [999, 1000, 1250, null],
  ];
  it.each(rows)('%i mm for %i–%i mm', (width, min, max, expected) => {
    expect(slitReel(width, { min, max })).toEqual(expected);
  });
});

describe('candidateFilter', () => {
  it('states the hard filters of one offer as request bounds', () => {
    expect(candidateFilter(offer({ price: { amount: 500, currency: 'USD', per: 't' } }), DEFAULT_MARKET, TODAY)).toEqual({
      grades: [...GRADE_FAMILIES['recycled-liner']],
      gsm_min_at_most: 130,
      gsm_max_at_least: 120,
      width_min_at_most: 1250,
      max_price_eur_at_least: 430,
      stale_after_at_least: TODAY,
    });
  });

  it('has no width bound for a mill run and takes the longer side of a sheet', () => {
    expect(candidateFilter(offer({ width_mm: null }), DEFAULT_MARKET, TODAY).width_min_at_most).toBeNull();
    expect(candidateFilter(offer({ width_mm: null, sheet_mm: [1000, 700] }), DEFAULT_MARKET, TODAY).width_min_at_most).toBe(1000);
  });

  // Every pair on a grid: the pre-selection keeps exactly the pairs the scorer finds eligible.
  const offers: OfferLine[] = (['testliner-3', 'kraftliner', 'fluting'] as const).flatMap((grade) =>
    [110, 114, 115, 120, 126, 136, 137, 300, 312, 313].flatMap((gsm) =>
      [null, 900, 1000, 2500].flatMap((width_mm) =>
        [null, { amount: 470, currency: 'EUR' as const, per: 't' as const }, { amount: 560, currency: 'USD' as const, per: 't' as const }]
          .map((price) => offer({ grade, gsm, width_mm, price }))),
    ));
  const requests: BuyerRequest[] = [
    request(),
    request({ grades: ['kraftliner', 'white-top-kraftliner'], gsm: { min: 280, max: 300 }, max_price: null }),
    request({ grades: ['semichemical-fluting'], gsm: { min: 100, max: 110 }, max_price: { amount: 420, currency: 'GBP' } }),
    request({ width_mm: { min: 950, max: 950 }, stale_after: '2026-12-01' }),
    request({ grades: ['white-top-testliner'], max_price: { amount: 2000, currency: 'PLN' } }),
  ];

  it(`agrees with scoreMatch on all ${offers.length * requests.length} pairs of the grid`, () => {
    let eligible = 0;
    for (const o of offers) {
      for (const r of requests) {
        const scored = scoreMatch(o, r, DEFAULT_MARKET, TODAY);
        expect(passesCandidateFilter(candidateFilter(o, DEFAULT_MARKET, TODAY), r, DEFAULT_MARKET)).toBe(scored.eligible);
        expect(isEligible(o, r, DEFAULT_MARKET, TODAY)).toBe(scored.eligible);
        expect(scored.score).toBeGreaterThanOrEqual(0);
        expect(scored.score).toBeLessThanOrEqual(1);
        if (scored.eligible) eligible += 1;
      }
    }
    expect(eligible).toBeGreaterThan(50);
    expect(eligible).toBeLessThan(offers.length * requests.length - 50);
  });
});

describe('reason texts', () => {
  it('name the currency conversion', () => {
    expect(reason({ price: { amount: 2000, currency: 'PLN', per: 't' } }, {}, 'price')?.text)
      .toBe('PLN 2000/t (about EUR 470/t) is 0 % below your maximum EUR 470/t.');
  });
});
