import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../actors/common/log.js';
import type { ScheduledJob } from '../../scheduler/job.js';
import { createSchedulerMetrics } from '../../scheduler/metrics.js';
import { dueTimesBetween } from '../../scheduler/missed.js';
import { JobRunner } from '../../scheduler/runner.js';
import { createHarness, type Harness } from '../support/harness.js';

const log = createLogger('test', 'silent');

const tick: ScheduledJob = {
  name: 'tick', cron: '* * * * *', tz: 'Europe/Berlin',
  fire: ({ tx, outbox, fireKey }) => outbox.stage(tx, 'housekeeping', 'recordProbe', { sentAt: new Date().toISOString(), note: fireKey }, { dedupeKey: `tick:${fireKey}` }),
};

describe('due times of a cron rule', () => {
  it.each([
    ['* * * * *', 'UTC', '2026-12-04T10:06:00Z', '2026-12-04T10:10:30Z', 5],
    ['*/10 * * * *', 'UTC', '2026-12-04T10:00:01Z', '2026-12-04T11:00:00Z', 6],
    // Mondays 08:00 in Berlin, across the end of summer time (25 October 2026).
    ['0 8 * * 1', 'Europe/Berlin', '2026-10-12T00:00:00Z', '2026-11-03T00:00:00Z', 4],
    ['0 8 * * 1', 'Europe/Berlin', '2026-11-03T00:00:00Z', '2026-11-02T00:00:00Z', 0],
  ])('%s in %s from %s to %s: %i', (cron, tz, from, to, count) => {
    expect(dueTimesBetween(cron, tz, new Date(from), new Date(to))).toHaveLength(count);
  });

  it('keeps the time zone: Monday 08:00 Berlin is 06:00 UTC in summer, 07:00 UTC in winter', () => {
    const dues = dueTimesBetween('0 8 * * 1', 'Europe/Berlin', new Date('2026-10-19T00:00:00Z'), new Date('2026-10-27T00:00:00Z'));
    expect(dues.map((d) => d.toISOString())).toEqual(['2026-10-19T06:00:00.000Z', '2026-10-26T07:00:00.000Z']);
  });
});

describe('scheduler metrics', () => {
  let h: Harness;
  beforeEach(async () => { h = await createHarness(); });
  afterEach(async () => { await h.close(); });

  it('counts the firings that were due while no scheduler led and were not fired, once', async () => {
    const now = new Date('2026-12-04T10:10:30Z');
    const metrics = createSchedulerMetrics(() => true);
    const runner = new JobRunner(h.db.sql, h.outbox, log, () => now, metrics.watch);
    await h.db.sql`insert into scheduler_expected (job, next_due) values ('tick', '2026-12-04T10:06:00Z')`;
    await h.db.sql`insert into scheduler_firings (job, fire_key) values ('tick', '2026-12-04T10:08:00.000Z')`;
    expect(await runner.checkMissed(tick)).toBe(4);
    const [expected] = await h.db.sql`select next_due from scheduler_expected where job = 'tick'`;
    expect((expected?.next_due as Date).toISOString()).toBe('2026-12-04T10:11:00.000Z');
    expect(await runner.checkMissed(tick)).toBe(0);
    const text = await metrics.registry.metrics();
    expect(text).toContain('b2b_scheduler_missed_firings_total{job="tick"} 4');
    expect(text).toContain('b2b_scheduler_leader 1');
  });

  it('counts firings by result and their delay after the due time', async () => {
    const metrics = createSchedulerMetrics(() => false);
    const due = new Date(Date.now() - 2_000);
    const runner = new JobRunner(h.db.sql, h.outbox, log, () => new Date(), metrics.watch);
    expect(await runner.fire(tick, due)).toBe(true);
    expect(await runner.fire(tick, due)).toBe(false);
    const text = await metrics.registry.metrics();
    expect(text).toContain('b2b_scheduler_firings_total{job="tick",result="fired"} 1');
    expect(text).toContain('b2b_scheduler_firings_total{job="tick",result="duplicate"} 1');
    expect(text).toMatch(/b2b_scheduler_firing_delay_seconds_bucket\{le="1",job="tick"\} 0/);
    expect(text).toMatch(/b2b_scheduler_firing_delay_seconds_bucket\{le="5",job="tick"\} 1/);
    expect(text).toContain('b2b_scheduler_leader 0');
    const [next] = await h.db.sql`select next_due from scheduler_expected where job = 'tick'`;
    expect((next?.next_due as Date).getTime()).toBeGreaterThan(Date.now());
  });
});
