import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../actors/common/log.js';
import type { ActorDefinition } from '../../actors/system/definition.js';
import { StatusPublisher, workerSnapshot } from '../../actors/system/status-publisher.js';
import { names } from '../../actors/transport/names.js';
import { buildTestApp, keyFor } from '../support/gateway.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { client, startObservedWorker } from './support.js';

let h: Harness;
let app: FastifyInstance;
let ops: ReturnType<typeof client>;
const stops: (() => Promise<void>)[] = [];

beforeEach(async () => {
  h = await createHarness();
  app = await buildTestApp(h);
  ops = client(app, await keyFor(h, 'admin'));
});
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  await app.close();
  await h.close();
});

const sentAt = () => new Date().toISOString();
const actorOf = async (name: string) => (await ops.get('/ops/actors')).body.actors.find((a: { actor: string }) => a.actor === name);
const probeRows = async () => ((await h.db.sql<{ n: number }[]>`select count(*)::int as n from probes`)[0] as { n: number }).n;

describe('pause and resume', () => {
  it('a paused actor takes no new messages while its mailbox grows visibly; resume drains it', async () => {
    await startObservedWorker(h, stops);
    const paused = await ops.post('/ops/actors/housekeeping/pause', { reason: 'mill database maintenance' });
    expect(paused.body).toEqual({ actor: 'housekeeping', paused: true, reason: 'mill database maintenance' });
    const view = await eventually(async () => {
      const w = (await ops.get('/ops/workers')).body.workers[0];
      return w?.actors.find((a: { actor: string; state: string }) => a.actor === 'housekeeping' && a.state === 'paused');
    }, 10_000, 'the worker applies the pause');
    expect(view.pausedReason).toBe('mill database maintenance');

    await Promise.all(Array.from({ length: 20 }, () => h.outbox.send('housekeeping', 'recordProbe', { sentAt: sentAt() })));
    await new Promise((r) => setTimeout(r, 1_000));
    const waiting = await actorOf('housekeeping');
    expect(waiting).toMatchObject({ state: 'paused', pausedReason: 'mill database maintenance', mailbox: { queued: 20, inFlight: 0, done: 0 } });
    expect(waiting.pausedBy).toMatch(/^key:/);
    expect(waiting.live).toMatchObject({ held: 0, processing: 0 });
    expect(waiting.oldestQueuedAgeS).toBeGreaterThan(0.5);
    expect(await probeRows()).toBe(0);
    // Other actors go on.
    expect((await actorOf('ingestion')).state).toBe('running');

    expect((await ops.post('/ops/actors/housekeeping/resume')).body).toEqual({ actor: 'housekeeping', paused: false, reason: null });
    // The live snapshot trails by up to one publishing interval.
    const drained = await eventually(async () => { const a = await actorOf('housekeeping'); return a?.mailbox.done === 20 && a.state === 'running' ? a : undefined; }, 15_000, 'drained');
    expect(drained.mailbox).toMatchObject({ queued: 0, inFlight: 0 });
    expect(await probeRows()).toBe(20);
    const audit = (await ops.get('/ops/audit?actor=housekeeping')).body.entries;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['resume', 'pause']);
    expect(audit[1]).toMatchObject({ whoName: 'test admin', details: { reason: 'mill database maintenance' } });
  });
});

describe('live status from the workers', () => {
  it('shows each worker, what it holds, and its oldest in-flight message with its age', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => { release = r; });
    const slow: ActorDefinition<null> = {
      name: 'housekeeping', pool: 2, inflight: 10, timeoutMs: 30_000, maxAttempts: 3, initialState: () => null,
      handle: async () => { await gate; },
    };
    const { owner } = await startObservedWorker(h, stops, [slow]);
    const { id } = await h.outbox.send('housekeeping', 'recordProbe', { sentAt: sentAt() });
    await h.outbox.send('housekeeping', 'recordProbe', { sentAt: sentAt() });
    const busy = await eventually(async () => { const a = await actorOf('housekeeping'); return a?.live.processing === 2 && a.oldestInFlight?.ageS > 0.3 ? a : undefined; }, 10_000, 'two running');
    expect(busy).toMatchObject({ state: 'running', workers: 1, live: { held: 2, processing: 2 }, mailbox: { inFlight: 2 } });
    expect(busy.oldestInFlight).toMatchObject({ id, type: 'recordProbe', worker: owner });

    const { workers } = (await ops.get('/ops/workers')).body;
    expect(workers).toHaveLength(1);
    expect(workers[0]).toMatchObject({ worker: owner, pid: process.pid, transport: 'redis' });
    const live = workers[0].actors.find((a: { actor: string }) => a.actor === 'housekeeping');
    expect(live).toMatchObject({ state: 'running', pool: 2, held: 2, processing: 2, oldestInFlight: { id, running: true } });
    expect(live.oldestInFlight.ageMs).toBeGreaterThan(0);
    release();
    await eventually(async () => (await actorOf('housekeeping'))?.mailbox.done === 2, 10_000, 'done');
  });

  it('forgets a worker that stops publishing (its snapshot expires), and one that stops cleanly at once', async () => {
    const redis = h.transport.client;
    const key = names(h.config.KEY_PREFIX).workerStatusKey('silent-worker');
    const log = createLogger('test', 'silent');
    const identity = { worker: 'silent-worker', transport: 'redis', startedAt: new Date() };
    const publisher = new StatusPublisher(redis, key, 200, () => workerSnapshot(identity, []), log);
    await publisher.publish();
    expect((await ops.get('/ops/workers')).body.workers.map((w: { worker: string }) => w.worker)).toEqual(['silent-worker']);
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1_000);
    await eventually(async () => (await ops.get('/ops/workers')).body.workers.length === 0, 5_000, 'expired');

    const { owner } = await startObservedWorker(h, stops);
    await eventually(async () => (await ops.get('/ops/workers')).body.workers.length === 1, 5_000, 'worker visible');
    await stops.pop()?.();
    expect((await ops.get('/ops/workers')).body.workers.map((w: { worker: string }) => w.worker)).not.toContain(owner);
    const housekeeping = await actorOf('housekeeping');
    expect([housekeeping.state, housekeeping.workers]).toEqual(['stopped', 0]);
  });
});

describe('history from the lifecycle events', () => {
  it('counts throughput, failures and handling times per actor, and draws them per minute', async () => {
    await startObservedWorker(h, stops);
    await Promise.all(Array.from({ length: 12 }, () => h.outbox.send('housekeeping', 'recordProbe', { sentAt: sentAt() })));
    // Fails twice (retryable), then succeeds on its third attempt.
    const flaky = await h.outbox.send('housekeeping', 'recordProbe', { sentAt: sentAt(), failUntilAttempt: 3 });
    await eventually(async () => (await actorOf('housekeeping'))?.mailbox.done === 13, 15_000, 'all done');
    // Events are written in their own group commits, a moment after the mailbox rows.
    const a = await eventually(async () => {
      const x = await actorOf('housekeeping');
      return x?.throughput.lastHour === 13 && x.failures.lastHour === 2 ? x : undefined;
    }, 15_000, 'the events recorded');
    expect(a.throughput).toMatchObject({ lastMinute: 13, lastHour: 13, receivedLastHour: 13 });
    expect(a.failures).toMatchObject({ lastHour: 2, deadLastHour: 0 });
    expect(a.failures.rate).toBeCloseTo(2 / 15, 5);
    expect(a.handlingMs.mean).toBeGreaterThanOrEqual(0);
    expect(a.handlingMs.p95).not.toBeNull();
    expect(a.lastError).toMatchObject({ code: 'B2B_INTERNAL', messageId: flaky.id });
    const m = (await ops.get(`/ops/messages/${flaky.id}`)).body;
    expect(m.events.map((e: { event: string; attempt: number | null }) => `${e.event}:${e.attempt ?? ''}`)).toEqual([
      'received:', 'started:1', 'failed:1', 'started:2', 'failed:2', 'started:3', 'succeeded:3',
    ]);

    const series = (await ops.get('/ops/throughput?minutes=10')).body;
    expect(series.minutes).toBe(10);
    const hk = series.actors.find((s: { actor: string }) => s.actor === 'housekeeping');
    expect(hk.succeeded).toHaveLength(10);
    expect(hk.succeeded.reduce((x: number, y: number) => x + y, 0)).toBe(13);
    expect(hk.failed.reduce((x: number, y: number) => x + y, 0)).toBe(2);
  });

  it('measures handling time from the handler itself: mean and p95 follow what the handlers took', async () => {
    const timed: ActorDefinition<null> = {
      name: 'housekeeping', pool: 4, inflight: 20, timeoutMs: 10_000, maxAttempts: 1, initialState: () => null,
      handle: async ({ message }) => { await new Promise((r) => setTimeout(r, Number((message.payload as { note: string }).note))); },
    };
    await startObservedWorker(h, stops, [timed]);
    const notes = [...Array.from({ length: 10 }, () => '20'), '400'];
    await Promise.all(notes.map((note) => h.outbox.send('housekeeping', 'recordProbe', { sentAt: sentAt(), note })));
    await eventually(async () => (await actorOf('housekeeping'))?.throughput.lastHour === 11, 15_000, 'all handled');
    const { handlingMs } = await actorOf('housekeeping');
    // percentile_cont over 10 × ~20 ms and 1 × ~400 ms: p95 lies half-way between the two.
    expect(handlingMs.mean).toBeGreaterThanOrEqual((10 * 20 + 400) / 11 - 1);
    expect(handlingMs.p95).toBeGreaterThanOrEqual(200);
    expect(handlingMs.p95).toBeGreaterThan(handlingMs.mean);
  });

  it('housekeeping purges events older than the retention and keeps the rest', async () => {
    await startObservedWorker(h, stops);
    await h.db.sql`insert into mailbox_events (message_id, actor, type, event, at) values
      ('0190a000-0000-7000-8000-0000000000e1', 'housekeeping', 'recordProbe', 'succeeded', now() - interval '20 days'),
      ('0190a000-0000-7000-8000-0000000000e2', 'housekeeping', 'recordProbe', 'succeeded', now() - interval '2 days')`;
    const { id } = await h.outbox.send('housekeeping', 'purgeFinished', { doneOlderThanHours: 72, eventsOlderThanDays: 14 });
    const [done] = await eventually(async () => {
      const rows = await h.db.sql`select result from mailbox where id = ${id} and state = 'done'`;
      return rows.length ? rows : undefined;
    });
    expect(done?.result).toMatchObject({ events: 1 });
    const left = await h.db.sql`select message_id from mailbox_events where message_id::text like '0190a000-0000-7000-8000-0000000000e%'`;
    expect(left.map((r) => r.message_id)).toEqual(['0190a000-0000-7000-8000-0000000000e2']);
  });
});
