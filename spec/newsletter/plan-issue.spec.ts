import { describe, expect, it } from 'vitest';
import {
  followsByBuyer, issueWindow, MAX_OFFERS_PER_GRADE, offersByGrade, planIssue, preferencesNote, previousWeek, sectionsFromIds, selectForBuyer,
} from '../../actors/newsletter/plan-issue.js';
import { nOffer } from './fixtures.js';

const TZ = 'Europe/Berlin';

describe('issueWindow', () => {
  it('runs from the start of the previous week to the run (or the week end, whichever is first)', () => {
    expect(issueWindow('2026-W50', new Date('2026-12-07T05:00:00Z'), TZ)).toEqual({ start: new Date('2026-11-29T23:00:00Z'), end: new Date('2026-12-07T05:00:00Z') });
    expect(issueWindow('2026-W50', new Date('2027-03-01T00:00:00Z'), TZ).end).toEqual(new Date('2026-12-13T23:00:00Z'));
    const early = issueWindow('2026-W50', new Date('2026-11-01T00:00:00Z'), TZ);
    expect(early.end).toEqual(early.start);
  });

  it('knows the week before, across a year with 53 weeks', () => {
    expect(previousWeek('2027-W01', TZ)).toBe('2026-W53');
    expect(previousWeek('2026-W50', TZ)).toBe('2026-W49');
  });
});

describe('selecting and planning', () => {
  const tl3 = (id: string, day: number, extra = {}) => nOffer(id, { published_at: `2026-12-0${day}T09:00:00.000Z`, ...extra });

  it('looks only at followed grades, caps each grade and says how many were left out', () => {
    const many = Array.from({ length: MAX_OFFERS_PER_GRADE + 3 }, (_, i) => tl3(`t${String(i).padStart(2, '0')}`, 2));
    const kl = nOffer('kl', { grade: 'kraftliner' });
    const s = selectForBuyer(offersByGrade([...many, kl]), [{ grades: ['testliner-3'] }]);
    expect(s.sections.map((x) => [x.grade, x.offers.length])).toEqual([['testliner-3', MAX_OFFERS_PER_GRADE]]);
    expect(s.more).toBe(3);
    expect(s.offerIds).toHaveLength(MAX_OFFERS_PER_GRADE);
  });

  it('ranks by fit within the cap\'s last day, never lets an older day in', () => {
    const follows = [{ grades: ['testliner-3' as const], width_mm: { min: 1000, max: 2000 } }];
    // 25 mill runs (a maybe: fit 0.5) late on 3 Dec, two reels in the widths (fit 1) earlier that day, one the day before.
    const maybes = Array.from({ length: MAX_OFFERS_PER_GRADE }, (_, i) => nOffer(`m${String(i).padStart(2, '0')}`, { width_mm: null, published_at: '2026-12-03T15:00:00.000Z' }));
    const fits = [nOffer('f1', { published_at: '2026-12-03T08:00:00.000Z' }), nOffer('f2', { published_at: '2026-12-03T07:00:00.000Z' })];
    const older = nOffer('old', { published_at: '2026-12-02T09:00:00.000Z' });
    const s = selectForBuyer(offersByGrade([...maybes, ...fits, older]), follows);
    expect(s.offerIds.slice(0, 2)).toEqual(['f1', 'f2']);
    expect(s.offerIds).toHaveLength(MAX_OFFERS_PER_GRADE);
    expect(s.offerIds).not.toContain('old');
    expect(s.more).toBe(3);
  });

  it('puts the best-matching lines of a day first (matching scores), never ahead of a newer day', () => {
    const follows = [{ grades: ['testliner-3' as const], width_mm: { min: 1000, max: 2000 } }];
    const reel = tl3('reel', 3, { published_at: '2026-12-03T15:00:00.000Z' });
    const millRun = tl3('run', 3, { width_mm: null, published_at: '2026-12-03T08:00:00.000Z' });
    const older = tl3('older', 2);
    const byGrade = offersByGrade([reel, millRun, older]);
    expect(selectForBuyer(byGrade, follows).offerIds).toEqual(['reel', 'run', 'older']);
    const scores = new Map([['run', 0.4], ['older', 0.99]]);
    expect(selectForBuyer(byGrade, follows, [], scores).offerIds).toEqual(['run', 'reel', 'older']);
  });

  it('plans one selection per buyer for all its contacts, less what the previous issue showed', () => {
    const offers = [tl3('a', 1), tl3('b', 3), nOffer('c', { grade: 'gc2', gsm: 300, published_at: '2026-12-02T09:00:00.000Z' }), nOffer('thin', { grade: 'gc2', gsm: 200 })];
    const follows = followsByBuyer([
      { buyer_id: 'B1', grade: 'testliner-3', gsm_min: null, gsm_max: null, width_min: null, width_max: null },
      { buyer_id: 'B1', grade: 'gc2', gsm_min: 250, gsm_max: null, width_min: null, width_max: null },
      { buyer_id: 'B2', grade: 'testliner-3', gsm_min: null, gsm_max: 100, width_min: null, width_max: null },
      { buyer_id: 'B3', grade: 'no-such-grade', gsm_min: null, gsm_max: null, width_min: null, width_max: null },
    ]);
    const planned = planIssue({
      offers, followsByBuyer: follows,
      contacts: [{ id: 'c1', buyer_id: 'B1' }, { id: 'c2', buyer_id: 'B1' }, { id: 'c3', buyer_id: 'B2' }, { id: 'c4', buyer_id: 'B3' }],
      shownBefore: new Map([['B1', new Set(['a'])]]),
    });
    expect(planned).toEqual([
      { contactId: 'c1', buyerId: 'B1', offerIds: ['b', 'c'], more: 0 },
      { contactId: 'c2', buyerId: 'B1', offerIds: ['b', 'c'], more: 0 },
      { contactId: 'c3', buyerId: 'B2', offerIds: [], more: 0 },
    ]);
  });

  it('rebuilds sections from stored ids in their order, grouped by grade, without lines no longer given', () => {
    const byId = new Map([tl3('a', 1), tl3('b', 3), nOffer('k', { grade: 'kraftliner' })].map((o) => [o.id, o]));
    const sections = sectionsFromIds(['b', 'gone', 'a', 'k'], byId);
    expect(sections.map((s) => [s.grade, s.offers.map((o) => o.id)])).toEqual([['kraftliner', ['k']], ['testliner-3', ['b', 'a']]]);
  });

  it('says how to change what is followed, and how many more there were', () => {
    expect(preferencesNote(0)).toBe('To change the grades and sizes you follow, ask your b2bpaper contact.');
    expect(preferencesNote(1)).toMatch(/^1 more offer in your grades/);
    expect(preferencesNote(4)).toMatch(/^4 more offers in your grades/);
  });
});
