import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../actors/common/log.js';
import { ACTORS } from '../../actors/messages/envelope.js';
import { EventRecorder } from '../../actors/system/observer.js';
import { createSql } from '../../db/client.js';
import { recordExpiredLeases, rollupEvents, type NewEvent } from '../../db/events.js';
import type { MailboxRow } from '../../db/mailbox.js';
import { BUCKET_BOUNDS_MS, bucketOf, percentileOf } from '../../db/ops-histogram.js';
import { actorStats } from '../../db/ops-stats.js';
import { createHarness, type Harness } from '../support/harness.js';

const log = createLogger('test', 'silent');

describe('the handling-time histogram', () => {
  it.each([[0, 0], [0.4, 0], [1, 1], [4.9, 3], [5, 4], [150, 13], [299, 14], [300_000, 30], [9e9, 30]])('puts %f ms in bucket %i', (ms, bucket) => {
    expect(bucketOf(ms)).toBe(bucket);
    expect(BUCKET_BOUNDS_MS[bucket]).toBeLessThanOrEqual(ms);
  });

  it('reads a percentile back within its bucket', () => {
    const buckets: number[] = [];
    for (const ms of [...Array.from({ length: 94 }, () => 12), 160, 160, 160, 160, 160, 160]) buckets[bucketOf(ms)] = (buckets[bucketOf(ms)] ?? 0) + 1;
    const p95 = percentileOf(Array.from(buckets, (n) => n ?? 0), 0.95) as number;
    expect(p95).toBeGreaterThanOrEqual(150);
    expect(p95).toBeLessThan(200);
    expect(percentileOf([0, 0, 10], 0.5)).toBeCloseTo(2.5, 5);
    expect(percentileOf([], 0.95)).toBeNull();
  });
});

describe('the per-minute rollup of a batch', () => {
  const at = (iso: string) => new Date(iso);
  const event = (over: Partial<NewEvent>): NewEvent => ({
    messageId: 'm', actor: 'matching', type: 't', event: 'succeeded', at: at('2026-12-04T10:00:10Z'), attempt: 1, durationMs: 10,
    worker: 'w', errorCode: null, errorMessage: null, ...over,
  });

  it('counts outcomes and times per actor and minute, ignores the other events, and sorts', () => {
    const deltas = rollupEvents([
      event({}), event({ durationMs: 30 }), event({ event: 'failed', durationMs: 2 }), event({ event: 'dead_lettered', durationMs: null }),
      event({ event: 'started' }), event({ event: 'retried' }), event({ actor: 'container', at: at('2026-12-04T10:01:00Z') }),
      event({ at: at('2026-12-04T09:59:59.999Z') }),
    ]);
    expect(deltas.map((d) => `${d.actor} ${d.minute}`)).toEqual([
      'container 2026-12-04T10:01:00.000Z', 'matching 2026-12-04T09:59:00.000Z', 'matching 2026-12-04T10:00:00.000Z',
    ]);
    expect(deltas[2]).toMatchObject({ succeeded: 2, failed: 1, dead: 1, handled_ms: 42, timed: 3 });
    expect(deltas[2]?.buckets).toEqual([0, 0, 1, 0, 0, 0, 1, 0, 0, 1]);
  });
});

describe('events in PostgreSQL', () => {
  let h: Harness;
  beforeEach(async () => { h = await createHarness(); });
  afterEach(async () => { await h.close(); });

  const row = (id: number, actor = 'matching'): MailboxRow => {
    const now = new Date();
    return {
      id: `0190a000-0000-7000-8000-${String(id).padStart(12, '0')}`, actor, type: 'matchOffers', payload: {}, key: null, dedupe_key: null,
      correlation_id: null, reply_to: null, origin: null, state: 'in_flight', attempts: 1, not_before: now, lease_owner: 'w',
      lease_until: null, last_error: null, result: null, created_at: now, started_at: now, finished_at: null,
    };
  };

  it('writes "received" in the send\'s own statement, counted per minute', async () => {
    const sentAt = new Date().toISOString();
    await Promise.all([
      ...Array.from({ length: 30 }, () => h.outbox.send('housekeeping', 'recordProbe', { sentAt })),
      ...Array.from({ length: 5 }, () => h.outbox.send('ingestion', 'ingestEmail', { emailId: '0190a000-0000-7000-8000-000000000001' })),
    ]);
    const events = await h.db.sql`select actor, count(*)::int as n from mailbox_events where event = 'received' group by actor order by actor`;
    expect(events).toEqual([{ actor: 'housekeeping', n: 30 }, { actor: 'ingestion', n: 5 }]);
    const stats = await actorStats(h.db.sql, ACTORS);
    expect(stats.map((s) => [s.actor, s.received_1m, s.received_1h])).toEqual([['housekeeping', 30, 30], ['ingestion', 5, 5]]);
  });

  it('loses no count when several workers write the same minutes at once', async () => {
    const other = createSql(h.db.url, { max: 4 });
    try {
      const recorders = [new EventRecorder(h.db.sql, 'w1', log), new EventRecorder(other, 'w2', log), new EventRecorder(other, 'w3', log)];
      for (let i = 0; i < 3_000; i++) {
        const r = recorders[i % 3] as EventRecorder;
        r.finished(row(i, i % 2 === 0 ? 'matching' : 'container'), i % 10 === 0 ? 'failed' : 'succeeded', i % 50, null);
        if (i % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all(recorders.map((r) => r.drained()));
    } finally {
      await other.end();
    }
    const [events] = await h.db.sql`select count(*)::int as n from mailbox_events`;
    expect(events?.n).toBe(3_000);
    const stats = await actorStats(h.db.sql, ACTORS);
    const sum = (f: (s: (typeof stats)[number]) => number) => stats.reduce((n, s) => n + f(s), 0);
    expect([sum((s) => s.succeeded_1h), sum((s) => s.failed_1h)]).toEqual([2_700, 300]);
    const [buckets] = await h.db.sql`select sum(timed)::int as timed, sum((select sum(b) from unnest(buckets) b))::int as counted from mailbox_event_minutes`;
    expect(buckets).toEqual({ timed: 3_000, counted: 3_000 });
  });

  it('records leases taken back from a stopped worker as failed or dead, with their error', async () => {
    await h.db.sql`insert into mailbox (id, actor, type, payload, state, attempts, last_error) values
      ('0190a000-0000-7000-8000-0000000000f1', 'ingestion', 'ingestEmail', '{}', 'queued', 1, '{"code":"B2B_LEASE_EXPIRED","message":"gone","retryable":true}'),
      ('0190a000-0000-7000-8000-0000000000f2', 'ingestion', 'ingestEmail', '{}', 'dead', 5, '{"code":"B2B_LEASE_EXPIRED","message":"gone","retryable":true}')`;
    await recordExpiredLeases(h.db.sql, ['0190a000-0000-7000-8000-0000000000f1', '0190a000-0000-7000-8000-0000000000f2'], 'sweeper');
    const events = await h.db.sql`select event, attempt, worker, error_code from mailbox_events where event <> 'received' order by message_id`;
    expect(events).toEqual([
      { event: 'failed', attempt: 1, worker: 'sweeper', error_code: 'B2B_LEASE_EXPIRED' },
      { event: 'dead_lettered', attempt: 5, worker: 'sweeper', error_code: 'B2B_LEASE_EXPIRED' },
    ]);
    const [ingestion] = await actorStats(h.db.sql, ACTORS);
    expect(ingestion).toMatchObject({ actor: 'ingestion', failed_1h: 2, dead_1h: 1, mean_ms: null });
  });
});
