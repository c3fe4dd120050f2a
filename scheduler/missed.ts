import cronParser from 'cron-parser';
import type { Sql } from '../db/client.js';
import { expectedDue, firedKeys, setExpectedDue } from '../db/ops-scheduler.js';
import type { ScheduledJob } from './job.js';

const MAX_DUES = 1_000;

/** Every time a cron rule was due in [from, to], in its time zone, oldest first (at most MAX_DUES). */
export function dueTimesBetween(cron: string, tz: string, from: Date, to: Date): Date[] {
  if (from > to) return [];
  const it = cronParser.parseExpression(cron, { currentDate: new Date(from.getTime() - 1), endDate: to, tz });
  const dues: Date[] = [];
  while (dues.length < MAX_DUES && it.hasNext()) dues.push(it.next().toDate());
  return dues;
}

export function nextDue(cron: string, tz: string, after: Date): Date | null {
  try {
    return cronParser.parseExpression(cron, { currentDate: after, tz }).next().toDate();
  } catch {
    return null;
  }
}

/**
 * Firings of a job that were due since the last leader expected it and never happened
 * (no scheduler led, or a firing failed), counted once when a scheduler takes the lead;
 * then the job's next due time is recorded for whoever leads next.
 */
export async function countMissed(sql: Sql, job: ScheduledJob, now: Date): Promise<Date[]> {
  const expected = await expectedDue(sql, job.name);
  const dues = expected ? dueTimesBetween(job.cron, job.tz, expected, now) : [];
  const keyOf = (d: Date) => job.fireKey?.(d) ?? d.toISOString();
  const fired = await firedKeys(sql, job.name, dues.map(keyOf));
  await expectNext(sql, job, now);
  return dues.filter((d) => !fired.has(keyOf(d)));
}

export async function expectNext(sql: Sql, job: ScheduledJob, now: Date): Promise<void> {
  const next = nextDue(job.cron, job.tz, now);
  if (next) await setExpectedDue(sql, job.name, next);
}
