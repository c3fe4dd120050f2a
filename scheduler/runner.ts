import schedule from 'node-schedule';
import type { Sql } from '../db/client.js';
import { claimFiring, recordFiringMessage } from '../db/firings.js';
import type { Logger } from '../actors/common/log.js';
import type { Outbox, Staged } from '../actors/mailbox/outbox.js';
import type { ScheduledJob } from './job.js';

/**
 * Runs jobs with node-schedule while this scheduler leads. Each firing is claimed by its
 * key in scheduler_firings and its message written in the same transaction, so a firing
 * happens once whichever scheduler, and however many times, tries it.
 */
export class JobRunner {
  private readonly handles: schedule.Job[] = [];

  constructor(private readonly sql: Sql, private readonly outbox: Outbox, private readonly log: Logger) {}

  start(jobs: ScheduledJob[]): void {
    for (const job of jobs) {
      const handle = schedule.scheduleJob(job.name, { rule: job.cron, tz: job.tz }, (fireDate) => void this.fire(job, fireDate));
      if (!handle) throw new Error(`job ${job.name}: cron "${job.cron}" never fires`);
      this.handles.push(handle);
    }
  }

  stop(): void {
    for (const h of this.handles.splice(0)) h.cancel();
  }

  /** Fires a job for the given due time; false when that firing had already happened. */
  async fire(job: ScheduledJob, scheduledAt: Date): Promise<boolean> {
    const fireKey = scheduledAt.toISOString();
    const log = this.log.child({ job: job.name, fireKey });
    try {
      const staged = await this.sql.begin(async (tx) => {
        if (!(await claimFiring(tx, job.name, fireKey))) return undefined;
        const s: Staged = await job.fire({ scheduledAt, fireKey, tx, outbox: this.outbox });
        await recordFiringMessage(tx, job.name, fireKey, s.inserted.id);
        return s;
      });
      if (!staged) {
        log.info('already fired');
        return false;
      }
      this.outbox.announce([staged]);
      log.info({ msgId: staged.inserted.id }, 'job fired');
      return true;
    } catch (err) {
      log.error({ err: (err as Error).message }, 'job firing failed');
      return false;
    }
  }
}
