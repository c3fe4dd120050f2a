import type { Config } from '../../actors/common/config.js';
import { marketDate } from '../../actors/matching/rank.js';
import type { ScheduledJob } from '../job.js';

/** Five past midnight in the platform's time zone, when yesterday's requests went stale. */
export function staleRequestsJob(config: Config): ScheduledJob {
  return {
    name: 'stale-requests',
    cron: '5 0 * * *',
    tz: config.SCHEDULER_TIMEZONE,
    fire: ({ tx, outbox, fireKey, scheduledAt }) => outbox.stage(tx, 'matching', 'retireStaleRequests',
      { asOf: marketDate(scheduledAt, config.SCHEDULER_TIMEZONE) }, { dedupeKey: `stale-requests:${fireKey}`, origin: 'scheduler' }),
  };
}
