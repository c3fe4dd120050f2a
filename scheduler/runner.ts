import schedule from 'node-schedule';
import type { Sql } from '../db/client.js';
import { claimFiring, recordFiringMessage } from '../db/firings.js';
import type { Logger } from '../actors/common/log.js';
import type { Outbox, Staged } from '../actors/mailbox/outbox.js';
import { lastDue } from './due.js';
import type { ScheduledJob } from './job.js';
import type { RunnerWatch } from './metrics.js';
import { countMissed, expectNext } from './missed.js';

/**
 * Runs jobs with node-schedule while this scheduler leads. Each firing is claimed by its
 * key in scheduler_firings and its message written in the same transaction, so a firing
 * happens once whichever scheduler, and however many times, tries it. A job with a
 * catch-up window that was due while no scheduler led is fired when one takes the lead.
 */
export class JobRunner {
  private readonly handles: schedule.Job[] = [];

  constructor(
    private readonly sql: Sql,
    private readonly outbox: Outbox,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
    private readonly watch?: RunnerWatch,
  ) {}

  start(jobs: ScheduledJob[]): void {
    for (const job of jobs) {
      const handle = schedule.scheduleJob(job.name, { rule: job.cron, tz: job.tz }, (fireDate) => void this.fire(job, fireDate));
      if (!handle) throw new Error(`job ${job.name}: cron "${job.cron}" never fires`);
      this.handles.push(handle);
      void this.catchUp(job).then(() => this.checkMissed(job));
    }
  }

  /** Counts (and logs) the firings that were due while no scheduler led and were not caught up. */
  async checkMissed(job: ScheduledJob): Promise<number> {
    try {
      const missed = await countMissed(this.sql, job, this.now());
      this.watch?.missed(job.name, missed.length);
      if (missed.length > 0) this.log.warn({ job: job.name, missed: missed.length, first: missed[0]?.toISOString() }, 'firings were missed while no scheduler led');
      return missed.length;
    } catch (err) {
      this.log.warn({ job: job.name, err: (err as Error).message }, 'could not check for missed firings');
      return 0;
    }
  }

  /** Fires the job's last due time when it lies within the job's catch-up window (keyed: never twice). */
  async catchUp(job: ScheduledJob): Promise<boolean> {
    if (!job.catchUpMs) return false;
    const now = this.now();
    const due = lastDue(job.cron, job.tz, now);
    if (!due || now.getTime() - due.getTime() > job.catchUpMs) return false;
    const fired = await this.fire(job, due);
    if (fired) this.log.warn({ job: job.name, due: due.toISOString() }, 'caught up a firing that was due while no scheduler led');
    return fired;
  }

  stop(): void {
    for (const h of this.handles.splice(0)) h.cancel();
  }

  /** Fires a job for the given due time; false when that firing had already happened. */
  async fire(job: ScheduledJob, scheduledAt: Date): Promise<boolean> {
    const fireKey = job.fireKey?.(scheduledAt) ?? scheduledAt.toISOString();
    const log = this.log.child({ job: job.name, fireKey });
    try {
      const staged = await this.sql.begin(async (tx) => {
        if (!(await claimFiring(tx, job.name, fireKey))) return undefined;
        const s: Staged = await job.fire({ scheduledAt, fireKey, tx, outbox: this.outbox });
        await recordFiringMessage(tx, job.name, fireKey, s.inserted.id);
        return s;
      });
      if (!staged) {
        this.watch?.duplicate(job.name);
        log.info('already fired');
        return false;
      }
      this.outbox.announce([staged]);
      this.watch?.fired(job.name, this.now().getTime() - scheduledAt.getTime());
      await expectNext(this.sql, job, this.now()).catch(() => undefined);
      log.info({ msgId: staged.inserted.id }, 'job fired');
      return true;
    } catch (err) {
      this.watch?.failed(job.name);
      log.error({ err: (err as Error).message }, 'job firing failed');
      return false;
    }
  }
}
