import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../actors/common/log.js';
import { createSql, type Sql } from '../../db/client.js';
import { lastDue } from '../../scheduler/due.js';
import { housekeepingJob } from '../../scheduler/jobs/housekeeping.js';
import { newsletterJob } from '../../scheduler/jobs/newsletter.js';
import { JobRunner } from '../../scheduler/runner.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { W50_RUN } from './helpers.js';

const log = createLogger('test', 'silent');
const HOUR = 3_600_000;
let h: Harness;
let other: Sql;
const runners: JobRunner[] = [];
beforeEach(async () => {
  h = await createHarness();
  other = createSql(h.db.url, { max: 2 });
});
afterEach(async () => {
  for (const r of runners.splice(0)) r.stop();
  await other.end();
  await h.close();
});

/** Two schedulers on their own connections, both believing they lead, with one clock. */
function twoSchedulers(now: Date): [JobRunner, JobRunner] {
  const pair: [JobRunner, JobRunner] = [new JobRunner(h.db.sql, h.outbox, log, () => now), new JobRunner(other, h.outbox, log, () => now)];
  runners.push(...pair);
  return pair;
}

async function firings(): Promise<{ fire_key: string }[]> {
  return h.db.sql<{ fire_key: string }[]>`select fire_key from scheduler_firings where job = 'newsletter' order by fire_key`;
}

async function sendIssues(): Promise<{ payload: unknown; key: string; dedupe_key: string }[]> {
  return h.db.sql<{ payload: unknown; key: string; dedupe_key: string }[]>`
    select payload, key, dedupe_key from mailbox where actor = 'newsletter' and type = 'sendIssue'`;
}

describe('the weekly newsletter job', () => {
  it('is due Monday 06:00 in Berlin, summer and winter', () => {
    expect(lastDue('0 6 * * 1', 'Europe/Berlin', new Date('2026-12-08T10:00:00Z'))).toEqual(W50_RUN);
    expect(lastDue('0 6 * * 1', 'Europe/Berlin', new Date('2026-06-08T10:00:00Z'))).toEqual(new Date('2026-06-08T04:00:00Z'));
    expect(lastDue('not a rule', 'Europe/Berlin', new Date())).toBeNull();
  });

  it('fires a week once, keyed by its ISO week, whatever the schedulers and due times', async () => {
    const job = newsletterJob(h.config);
    const [a, b] = twoSchedulers(W50_RUN);
    const results = await Promise.all([a.fire(job, W50_RUN), b.fire(job, W50_RUN), a.fire(job, new Date(W50_RUN.getTime() + HOUR))]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await firings()).toEqual([{ fire_key: '2026-W50' }]);
    expect(await sendIssues()).toEqual([{ payload: { week: '2026-W50' }, key: 'week:2026-W50', dedupe_key: 'newsletter:scheduled:2026-W50' }]);
  });

  it('catches up once when the schedulers come back within the window', async () => {
    const job = newsletterJob(h.config);
    const [a, b] = twoSchedulers(new Date(W50_RUN.getTime() + 9 * HOUR));
    expect((await Promise.all([a.catchUp(job), b.catchUp(job)])).filter(Boolean)).toHaveLength(1);
    const [c] = twoSchedulers(new Date(W50_RUN.getTime() + 23 * HOUR));
    expect(await c.catchUp(job)).toBe(false);
    expect(await firings()).toEqual([{ fire_key: '2026-W50' }]);
    expect(await sendIssues()).toHaveLength(1);
  });

  it('catches up when a scheduler starts leading, even with two starting at once', async () => {
    const job = newsletterJob(h.config);
    const [a, b] = twoSchedulers(new Date(W50_RUN.getTime() + 2 * HOUR));
    a.start([job]);
    b.start([job]);
    await eventually(async () => (await sendIssues()).length === 1, 10_000, 'the caught-up firing');
    await new Promise((r) => setTimeout(r, 300));
    expect(await sendIssues()).toHaveLength(1);
  });

  it('does not fire again what fired on time, nor what is past the window, nor a job without a window', async () => {
    const job = newsletterJob(h.config);
    const [onTime] = twoSchedulers(W50_RUN);
    expect(await onTime.fire(job, W50_RUN)).toBe(true);
    const [back] = twoSchedulers(new Date(W50_RUN.getTime() + HOUR));
    expect(await back.catchUp(job)).toBe(false);
    const [late] = twoSchedulers(new Date(W50_RUN.getTime() + 7 * 24 * HOUR + 25 * HOUR));
    expect(await late.catchUp(job)).toBe(false);
    expect(await late.catchUp(housekeepingJob(h.config))).toBe(false);
    expect(await firings()).toEqual([{ fire_key: '2026-W50' }]);
  });

  it('never catches up with NEWSLETTER_CATCHUP_HOURS=0', async () => {
    const job = newsletterJob({ ...h.config, NEWSLETTER_CATCHUP_HOURS: 0 });
    const [a] = twoSchedulers(new Date(W50_RUN.getTime() + HOUR));
    expect(await a.catchUp(job)).toBe(false);
    expect(await firings()).toEqual([]);
  });
});
