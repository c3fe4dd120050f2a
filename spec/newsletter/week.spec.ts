import { describe, expect, it } from 'vitest';
import { isoWeek, parseIsoWeek, weekBounds } from '../../actors/newsletter/week.js';

describe('isoWeek', () => {
  const rows: [string, string, string][] = [
    ['2026-12-31T12:00:00Z', 'UTC', '2026-W53'],
    ['2027-01-01T12:00:00Z', 'UTC', '2026-W53'],
    ['2027-01-03T12:00:00Z', 'UTC', '2026-W53'],
    ['2027-01-04T12:00:00Z', 'UTC', '2027-W01'],
    ['2020-12-31T12:00:00Z', 'UTC', '2020-W53'],
    ['2021-01-03T12:00:00Z', 'UTC', '2020-W53'],
    ['2024-12-30T12:00:00Z', 'UTC', '2025-W01'],
    ['2026-01-01T00:00:00Z', 'UTC', '2026-W01'],
    ['2025-12-29T00:00:00Z', 'UTC', '2026-W01'],
    ['2025-12-28T23:59:59Z', 'UTC', '2025-W52'],
    ['2026-12-04T10:00:00Z', 'Europe/Berlin', '2026-W49'],
    // Sunday 23:30 UTC is already Monday 00:30 in Berlin: winter (+1) and summer (+2).
    ['2026-12-06T23:30:00Z', 'UTC', '2026-W49'],
    ['2026-12-06T23:30:00Z', 'Europe/Berlin', '2026-W50'],
    ['2026-06-28T22:30:00Z', 'UTC', '2026-W26'],
    ['2026-06-28T22:30:00Z', 'Europe/Berlin', '2026-W27'],
    ['2026-06-28T21:30:00Z', 'Europe/Berlin', '2026-W26'],
    // New Year's Eve at 23:30 UTC is already 1 January in Berlin, still the same ISO week.
    ['2026-12-31T23:30:00Z', 'Europe/Berlin', '2026-W53'],
    ['2020-12-31T23:30:00Z', 'Europe/Berlin', '2020-W53'],
    // And the other way: Monday 01:00 UTC is still Sunday in New York.
    ['2026-12-07T01:00:00Z', 'America/New_York', '2026-W49'],
  ];
  it.each(rows)('%s in %s is %s', (instant, zone, expected) => {
    expect(isoWeek(new Date(instant), zone)).toBe(expected);
  });
});

describe('weekBounds', () => {
  const rows: [string, string, string, string][] = [
    ['2026-W49', 'Europe/Berlin', '2026-11-29T23:00:00.000Z', '2026-12-06T23:00:00.000Z'],
    ['2026-W49', 'UTC', '2026-11-30T00:00:00.000Z', '2026-12-07T00:00:00.000Z'],
    ['2026-W53', 'UTC', '2026-12-28T00:00:00.000Z', '2027-01-04T00:00:00.000Z'],
    ['2020-W53', 'Europe/Berlin', '2020-12-27T23:00:00.000Z', '2021-01-03T23:00:00.000Z'],
    ['2026-W01', 'UTC', '2025-12-29T00:00:00.000Z', '2026-01-05T00:00:00.000Z'],
    // Summer time starts on Sunday 29 March 2026: that week is 167 hours long in Berlin.
    ['2026-W13', 'Europe/Berlin', '2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
    // And ends on Sunday 25 October: 169 hours.
    ['2026-W43', 'Europe/Berlin', '2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z'],
  ];
  it.each(rows)('%s in %s', (week, zone, start, end) => {
    const bounds = weekBounds(week, zone);
    expect([bounds.start.toISOString(), bounds.end.toISOString()]).toEqual([start, end]);
  });

  it('round-trips: both ends of a week fall in it, the end does not', () => {
    for (const week of ['2026-W01', '2026-W13', '2026-W49', '2026-W53', '2027-W01']) {
      const { start, end } = weekBounds(week, 'Europe/Berlin');
      expect(isoWeek(start, 'Europe/Berlin')).toBe(week);
      expect(isoWeek(new Date(end.getTime() - 1), 'Europe/Berlin')).toBe(week);
      expect(isoWeek(end, 'Europe/Berlin')).not.toBe(week);
    }
  });

  it('refuses a week the year does not have', () => {
    expect(parseIsoWeek('2025-W53')).toBeNull();
    expect(parseIsoWeek('2026-W53')).toEqual({ year: 2026, week: 53 });
    expect(parseIsoWeek('2026-W00')).toBeNull();
    expect(parseIsoWeek('2026-49')).toBeNull();
    expect(() => weekBounds('2025-W53', 'UTC')).toThrow(RangeError);
  });
});
