import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActorDefinition } from '../../actors/system/definition.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => { h = await createHarness(); });
afterEach(async () => { await h.close(); });

describe('the in-memory bound of an actor', () => {
  it('claims no more than its bound; the rest waits in PostgreSQL and drains as work finishes', async () => {
    const gate: (() => void)[] = [];
    const def: ActorDefinition<null> = {
      name: 'housekeeping', pool: 4, inflight: 5, timeoutMs: 30_000, maxAttempts: 3, initialState: () => null,
      handle: () => new Promise<void>((resolve) => gate.push(resolve)),
    };
    const runtime = await h.startWorker([def]);
    const sentAt = new Date().toISOString();
    await Promise.all(Array.from({ length: 50 }, () => h.outbox.send('housekeeping', 'recordProbe', { sentAt })));
    await eventually(async () => gate.length === 4);
    await new Promise((r) => setTimeout(r, 500));
    const [held] = await h.db.sql`select count(*) filter (where state = 'in_flight')::int as in_flight, count(*) filter (where state = 'queued')::int as queued from mailbox`;
    expect(held).toEqual({ in_flight: 5, queued: 45 });
    expect(runtime.status()[0]).toMatchObject({ held: 5, processing: 4 });
    let released = 0;
    await eventually(async () => {
      while (gate.length) { gate.shift()?.(); released++; }
      const [r] = await h.db.sql`select count(*)::int as n from mailbox where state = 'done'`;
      return r?.n === 50;
    }, 20_000, 'all drained');
    expect(released).toBe(50);
  });
});
