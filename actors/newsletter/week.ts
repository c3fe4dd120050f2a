/**
 * ISO 8601 weeks as the platform's calendar sees them: a newsletter week, an offer's
 * availability week. Computed on the local date in a time zone, with Intl only.
 */

export interface CalendarDate { year: number; month: number; day: number }

const DAY_MS = 86_400_000;

/** The calendar date and time of an instant in a time zone, as numbers. */
function zonedParts(date: Date, timeZone: string): CalendarDate & { hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
    hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

export function localDate(date: Date, timeZone: string): CalendarDate {
  const { year, month, day } = zonedParts(date, timeZone);
  return { year, month, day };
}

/** ISO week-year and week of a calendar date: the week that holds its Thursday. */
export function isoWeekOfDate({ year, month, day }: CalendarDate): { year: number; week: number } {
  const t = Date.UTC(year, month - 1, day);
  const weekday = new Date(t).getUTCDay() || 7;
  const thursday = new Date(t + (4 - weekday) * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / DAY_MS / 7) + 1;
  return { year: weekYear, week };
}

export function formatIsoWeek(year: number, week: number): string {
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** '2026-W49' for any instant of that week, local to the time zone (e.g. Europe/Berlin). */
export function isoWeek(date: Date, timeZone: string): string {
  const { year, week } = isoWeekOfDate(localDate(date, timeZone));
  return formatIsoWeek(year, week);
}

/** Parses 'YYYY-Www'; null when malformed or when the year has no such week. */
export function parseIsoWeek(value: string): { year: number; week: number } | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, week] = [Number(m[1]), Number(m[2])];
  const weeksInYear = isoWeekOfDate({ year, month: 12, day: 28 }).week;
  return week >= 1 && week <= weeksInYear ? { year, week } : null;
}

/** The UTC instant of local midnight at a date; the zone's offset is re-read once for DST. */
function zonedMidnight(d: CalendarDate, timeZone: string): Date {
  const wall = Date.UTC(d.year, d.month - 1, d.day);
  const offsetAt = (t: number) => {
    const p = zonedParts(new Date(t), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000;
  };
  const guess = wall - offsetAt(wall);
  return new Date(wall - offsetAt(guess));
}

/** Monday 00:00 of the week, local, to the next Monday 00:00 (exclusive), as instants. */
export function weekBounds(week: string, timeZone: string): { start: Date; end: Date } {
  const parsed = parseIsoWeek(week);
  if (!parsed) throw new RangeError(`not an ISO week: ${week}`);
  const jan4 = Date.UTC(parsed.year, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() || 7) - 1) * DAY_MS + (parsed.week - 1) * 7 * DAY_MS;
  const day = (t: number): CalendarDate => {
    const d = new Date(t);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  };
  return { start: zonedMidnight(day(monday), timeZone), end: zonedMidnight(day(monday + 7 * DAY_MS), timeZone) };
}
