import { describe, expect, it } from 'vitest';
import { followFit, selectOffersForBuyer, type Follow } from '../../actors/newsletter/render.js';
import { nOffer } from './fixtures.js';

const TL3: Follow = { grades: ['testliner-3', 'testliner-2'], gsm: { min: 115, max: 140 }, width_mm: { min: 1000, max: 1300 } };
const KL: Follow = { grades: ['kraftliner'] };

describe('followFit', () => {
  const rows: [string, Parameters<typeof nOffer>[1], number][] = [
    ['reel in range', {}, 1],
    ['other grade', { grade: 'fluting' }, 0],
    ['gsm below', { gsm: 110 }, 0],
    ['gsm at the bound', { gsm: 140 }, 1],
    ['reel too wide', { width_mm: 2500 }, 0],
    ['reel too narrow', { width_mm: 900 }, 0],
    ['mill run', { width_mm: null }, 0.5],
    ['sheet with a side in range', { width_mm: null, sheet_mm: [700, 1000] }, 0.5],
    ['sheet out of range', { width_mm: null, sheet_mm: [700, 900] }, 0],
  ];
  it.each(rows)('%s', (_name, overrides, expected) => {
    expect(followFit(nOffer('x', overrides), TL3)).toBe(expected);
  });

  it('a follow without ranges takes every gsm and width of its grades', () => {
    expect(followFit(nOffer('x', { grade: 'kraftliner', gsm: 440, width_mm: 5000 }), KL)).toBe(1);
  });
});

describe('selectOffersForBuyer', () => {
  const offers = [
    nOffer('tl3-old', { published_at: '2026-11-30T08:00:00Z' }),
    nOffer('fl', { grade: 'fluting' }),
    nOffer('tl3-millrun-new', { width_mm: null, published_at: '2026-12-03T07:00:00Z' }),
    nOffer('tl3-new-late', { published_at: '2026-12-03T18:00:00Z' }),
    nOffer('tl3-new-early', { published_at: '2026-12-03T06:00:00Z', gsm: 120 }),
    nOffer('kl', { grade: 'kraftliner', gsm: 200 }),
    nOffer('tl2', { grade: 'testliner-2' }),
    nOffer('tl3-reserved', { published_at: '2026-12-03T20:00:00Z' }),
  ];

  it('filters by follows, drops excluded ids, groups in grade order, newest and best first', () => {
    const sections = selectOffersForBuyer(offers, [TL3, KL], new Set(['tl3-reserved']));
    expect(sections.map((s) => [s.grade, s.offers.map((o) => o.id)])).toEqual([
      ['kraftliner', ['kl']],
      ['testliner-2', ['tl2']],
      ['testliner-3', ['tl3-new-late', 'tl3-new-early', 'tl3-millrun-new', 'tl3-old']],
    ]);
  });

  it('is empty without follows or matches', () => {
    expect(selectOffersForBuyer(offers, [])).toEqual([]);
    expect(selectOffersForBuyer(offers, [{ grades: ['sbs'] }])).toEqual([]);
  });

  it('does not depend on the input order', () => {
    const forward = selectOffersForBuyer(offers, [TL3, KL]);
    expect(selectOffersForBuyer([...offers].reverse(), [KL, TL3])).toEqual(forward);
  });
});
