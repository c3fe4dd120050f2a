import { describe, expect, it } from 'vitest';
import { findAvail } from '../../actors/ingestion/extract/availability.js';
import { headerDate, isoWeek, resolveAvail } from '../../actors/ingestion/extract/dates.js';

const at = (header: string, text: string, column = false) => {
  const fact = findAvail(text, { column });
  return fact ? resolveAvail(fact, headerDate(header)) : null;
};

describe('availability against the Date header', () => {
  it('uses the header\'s own calendar date, not UTC', () => {
    expect(at('Mon, 02 Mar 2026 06:40:17 +0700', 'ready stock')).toBe('2026-03-02');
  });

  it.each([
    ['Tue, 10 Feb 2026 08:47:13 +0100', 'Ware ab Lager und sofort verladebereit', '2026-02-10'],
    ['Tue, 10 Feb 2026 08:47:13 +0100', 'pronta consegna', '2026-02-10'],
    ['Tue, 10 Feb 2026 08:47:13 +0100', 'disponible immédiatement', '2026-02-10'],
    ['Tue, 10 Feb 2026 08:47:13 +0100', 'natychmiast', '2026-02-10'],
    ['Tue, 10 Feb 2026 08:47:13 +0100', 'direct leverbaar', '2026-02-10'],
    ['Tue, 10 Feb 2026 08:47:13 +0100', 'available from tomorrow', '2026-02-11'],
    ['Tue, 10 Feb 2026 08:47:13 +0100', 'KW 9', '2026-W09'],
    ['Tue, 10 Feb 2026 08:47:13 +0100', 'Hafta 14', '2026-W14'],
    ['Tue, 08 Dec 2026 10:22:31 +0100', 'Verladung KW 51', '2026-W51'],
    ['Tue, 08 Dec 2026 10:22:31 +0100', 'Verladung KW 2', '2027-W02'],
    ['Tue, 29 Dec 2026 10:00:00 +0300', 'loading week 53', '2026-W53'],
    ['Tue, 29 Dec 2026 10:00:00 +0300', 'loading week 1', '2027-W01'],
    ['Tue, 17 Nov 2026 10:12:00 +0300', 'week 47', '2026-W47'],
    ['Tue, 17 Nov 2026 10:12:00 +0300', 'production week 16, loading week 17', '2027-W17'],
    ['Tue, 24 Mar 2026 16:12:48 -0300', 'stuffed at the mill from April 13th', '2026-04-13'],
    ['Wed, 24 Jun 2026 08:55:40 +0200', 'available from 29.06.2026', '2026-06-29'],
  ])('%s: %s → %s', (header, text, want) => expect(at(header, text)).toBe(want));

  it('reads a bare date only in an availability column, and never a deadline or a lead time', () => {
    expect(at('Mon, 14 Sep 2026 09:05:00 +0400', '05-Oct-2026', true)).toBe('2026-10-05');
    expect(at('Mon, 14 Sep 2026 09:05:00 +0400', 'please send your plans by 14 July')).toBeNull();
    expect(at('Tue, 08 Dec 2026 10:22:31 +0100', 'Vom 21.12.2026 bis 04.01.2027 keine Verladungen')).toBeNull();
    expect(at('Tue, 08 Dec 2026 10:22:31 +0100', '2-3 weeks after order')).toBeNull();
    expect(at('Tue, 08 Dec 2026 10:22:31 +0100', 'until the end of week 24')).toBeNull();
  });

  it('computes ISO weeks across year ends', () => {
    expect(isoWeek({ y: 2027, m: 1, d: 1 })).toEqual({ year: 2026, week: 53 });
    expect(isoWeek({ y: 2026, m: 12, d: 8 })).toEqual({ year: 2026, week: 50 });
  });
});
