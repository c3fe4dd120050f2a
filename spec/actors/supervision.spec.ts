import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../actors/common/errors.js';
import type { ActorDefinition } from '../../actors/system/definition.js';
import { createDefinitions } from '../../actors/definitions.js';
import { createLogger } from '../../actors/common/log.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => { h = await createHarness({ SUPERVISOR_CRASH_LIMIT: '3', SUPERVISOR_RESTART_BACKOFF_MS: '10' }); });
afterEach(async () => { await h.close(); });

const sentAt = () => new Date().toISOString();

async function row(id: string) {
  const [r] = await h.db.sql`select state, attempts, last_error, not_before, created_at, started_at from mailbox where id = ${id}`;
  return r;
}

/** A housekeeping stand-in whose handler the test controls. */
function actorWith(handle: ActorDefinition<{ n: number }>['handle'], maxAttempts = 4): ActorDefinition<{ n: number }> {
  return { name: 'housekeeping', pool: 1, inflight: 10, timeoutMs: 500, maxAttempts, initialState: () => ({ n: 0 }), handle };
}

describe('supervision', () => {
  it('retries a failing message with growing delays, then keeps it as a dead letter with its error', async () => {
    const starts: number[] = [];
    await h.startWorker([actorWith(async () => { starts.push(Date.now()); throw new Error('mill database unreachable'); })]);
    const { id } = await h.outbox.send('housekeeping', 'recordProbe', { sentAt: sentAt() });
    const dead = await eventually(async () => { const r = await row(id); return r?.state === 'dead' ? r : undefined; }, 10_000, 'dead letter');
    expect(dead.attempts).toBe(4);
    expect(dead.last_error).toMatchObject({ code: 'B2B_INTERNAL', message: 'mill database unreachable', retryable: true });
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number));
    expect(gaps).toHaveLength(3);
    // base 50 ms doubling, jitter over the upper half: at least 25, 50, 100 ms.
    expect(gaps[0]).toBeGreaterThanOrEqual(25);
    expect(gaps[2]).toBeGreaterThanOrEqual(100);
  });

  it('sends a message with a non-retryable code straight to the dead letters', async () => {
    let calls = 0;
    await h.startWorker([actorWith(async () => { calls++; throw new AppError('B2B_EMAIL_UNREADABLE', 'zip bomb'); })]);
    const { id } = await h.outbox.send('housekeeping', 'recordProbe', { sentAt: sentAt() });
    const dead = await eventually(async () => { const r = await row(id); return r?.state === 'dead' ? r : undefined; });
    expect(dead.attempts).toBe(1);
    expect(calls).toBe(1);
    expect(dead.last_error).toMatchObject({ code: 'B2B_EMAIL_UNREADABLE', retryable: false });
  });

  it('times a handler out with a coded, retryable error', async () => {
    await h.startWorker([actorWith(() => new Promise(() => undefined), 1)]);
    const { id } = await h.outbox.send('housekeeping', 'recordProbe', { sentAt: sentAt() });
    const dead = await eventually(async () => { const r = await row(id); return r?.state === 'dead' ? r : undefined; });
    expect(dead.last_error).toMatchObject({ code: 'B2B_HANDLER_TIMEOUT' });
  });

  it('restarts a crashed actor with fresh state', async () => {
    const seen: number[] = [];
    await h.startWorker([actorWith(async ({ state, message }) => {
      state.n++;
      seen.push(state.n);
      if ((message.payload as { note?: string }).note === 'crash') throw new Error('boom');
    })]);
    for (const note of ['a', 'b', 'crash']) await h.outbox.send('housekeeping', 'recordProbe', { note, sentAt: sentAt() }, { key: 'one' });
    await eventually(async () => seen.length >= 4);
    // a, b, crash count 1..3 on one state; the retry after the restart starts again from 1.
    expect(seen.slice(0, 4)).toEqual([1, 2, 3, 1]);
  });

  it('pauses an actor that keeps crashing, says why, and leaves the other actors working', async () => {
    const log = createLogger('test', 'silent');
    const real = createDefinitions({ sql: h.db.sql, outbox: h.outbox, config: h.config, log }).filter((d) => d.name !== 'housekeeping');
    const runtime = await h.startWorker([...real, actorWith(async () => { throw new Error('always'); }, 10)]);
    for (let i = 0; i < 6; i++) await h.outbox.send('housekeeping', 'recordProbe', { note: String(i), sentAt: sentAt() });
    const status = await eventually(async () => runtime.status().find((s) => s.actor === 'housekeeping' && s.state === 'paused'));
    expect(status.pausedReason).toMatch(/crashed 4 times in a row/);
    const control = await eventually(async () => {
      const [c] = await h.db.sql`select paused, reason, changed_by from actor_controls where actor = 'housekeeping'`;
      return c;
    });
    expect(control).toMatchObject({ paused: true, changed_by: 'supervisor' });
    // Its mailbox keeps what it was sent, visibly queued.
    const later = await h.outbox.send('housekeeping', 'recordProbe', { sentAt: sentAt() });
    await new Promise((r) => setTimeout(r, 300));
    expect((await row(later.id))?.state).toBe('queued');
    // Ingestion still runs: an e-mail row that does not exist dies there with its own code.
    const ingest = await h.outbox.send('ingestion', 'ingestEmail', { emailId: '00000000-0000-4000-8000-000000000000' });
    const dead = await eventually(async () => { const r = await row(ingest.id); return r?.state === 'dead' ? r : undefined; });
    expect(dead.last_error).toMatchObject({ code: 'B2B_EMAIL_NOT_FOUND' });
    expect(runtime.status().find((s) => s.actor === 'ingestion')?.state).toBe('running');
  });

  it('sends a message whose payload breaks the contract to the dead letters without running it', async () => {
    let calls = 0;
    await h.startWorker([actorWith(async () => { calls++; })]);
    const id = '018f0000-0000-7000-8000-000000000001';
    await h.db.sql`insert into mailbox (id, actor, type, payload) values (${id}, 'housekeeping', 'recordProbe', ${h.db.sql.json({ sentAt: 'yesterday' })})`;
    const dead = await eventually(async () => { const r = await row(id); return r?.state === 'dead' ? r : undefined; });
    expect(dead.last_error).toMatchObject({ code: 'B2B_MESSAGE_INVALID', retryable: false });
    expect(calls).toBe(0);
  });
});
