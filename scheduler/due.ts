import cronParser from 'cron-parser';

/**
 * The last time a cron rule was due before `now`, in its time zone (cron-parser, the
 * parser node-schedule itself uses); null for a rule that cannot be read.
 */
export function lastDue(cron: string, tz: string, now: Date): Date | null {
  try {
    return cronParser.parseExpression(cron, { currentDate: now, tz }).prev().toDate();
  } catch {
    return null;
  }
}
