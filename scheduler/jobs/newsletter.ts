import type { Config } from '../../actors/common/config.js';
import { isoWeek } from '../../actors/newsletter/week.js';
import type { ScheduledJob } from '../job.js';

/**
 * The weekly newsletter (NEWSLETTER_CRON, Monday 06:00 by default, in SCHEDULER_TIMEZONE).
 * Keyed by the ISO week of the due time: a week fires once, whichever scheduler fires it,
 * on time or caught up after an outage (NEWSLETTER_CATCHUP_HOURS).
 */
export function newsletterJob(config: Config): ScheduledJob {
  const tz = config.SCHEDULER_TIMEZONE;
  return {
    name: 'newsletter',
    cron: config.NEWSLETTER_CRON,
    tz,
    catchUpMs: config.NEWSLETTER_CATCHUP_HOURS * 3_600_000,
    fireKey: (scheduledAt) => isoWeek(scheduledAt, tz),
    fire: ({ tx, outbox, fireKey }) => outbox.stage(tx, 'newsletter', 'sendIssue', { week: fireKey },
      { key: `week:${fireKey}`, dedupeKey: `newsletter:scheduled:${fireKey}`, origin: 'scheduler' }),
  };
}
