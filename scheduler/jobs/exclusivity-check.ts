import type { Config } from '../../actors/common/config.js';
import type { ScheduledJob } from '../job.js';

/**
 * The safety net under the expiry timers: every EXCLUSIVITY_CHECK_CRON, matching expires
 * whatever open window is past its time (a lost timer, a message that went dead).
 */
export function exclusivityCheckJob(config: Config): ScheduledJob {
  return {
    name: 'exclusivity-check',
    cron: config.EXCLUSIVITY_CHECK_CRON,
    tz: config.SCHEDULER_TIMEZONE,
    fire: ({ tx, outbox, fireKey, scheduledAt }) => outbox.stage(tx, 'matching', 'expireOverdue',
      { asOf: scheduledAt.toISOString() }, { dedupeKey: `exclusivity-check:${fireKey}`, origin: 'scheduler' }),
  };
}
