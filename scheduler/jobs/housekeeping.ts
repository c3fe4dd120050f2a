import type { Config } from '../../actors/common/config.js';
import type { ScheduledJob } from '../job.js';

/** Purges finished mailbox rows past DONE_RETENTION_HOURS, and spent webhook nonces. */
export function housekeepingJob(config: Config): ScheduledJob {
  return {
    name: 'housekeeping',
    cron: config.HOUSEKEEPING_CRON,
    tz: config.SCHEDULER_TIMEZONE,
    fire: ({ tx, outbox, fireKey }) => outbox.stage(tx, 'housekeeping', 'purgeFinished',
      { doneOlderThanHours: config.DONE_RETENTION_HOURS, noncesOlderThanHours: 24, eventsOlderThanDays: config.OPS_EVENT_RETENTION_DAYS },
      { dedupeKey: `housekeeping:${fireKey}`, origin: 'scheduler' }),
  };
}
