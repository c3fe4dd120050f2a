import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, eventually, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => { h = await createHarness(); });
afterEach(async () => { await h.close(); });

const sentAt = () => new Date().toISOString();

describe('mailbox delivery', () => {
  it('processes a sent message to done with its effect written once', async () => {
    await h.startWorker();
    const { id, created } = await h.outbox.send('housekeeping', 'recordProbe', { note: 'hello', sentAt: sentAt() });
    expect(created).toBe(true);
    const row = await eventually(async () => {
      const [r] = await h.db.sql`select state, attempts, result from mailbox where id = ${id}`;
      return r?.state === 'done' ? r : undefined;
    });
    expect(row.attempts).toBe(1);
    expect(row.result).toEqual({ recorded: true });
    const probes = await h.db.sql`select note from probes where message_id = ${id}`;
    expect(probes.map((p) => p.note)).toEqual(['hello']);
  });

  it('makes a repeated dedupe key a no-op', async () => {
    const first = await h.outbox.send('housekeeping', 'recordProbe', { sentAt: sentAt() }, { dedupeKey: 'once' });
    const again = await Promise.all([1, 2, 3].map(() => h.outbox.send('housekeeping', 'recordProbe', { sentAt: sentAt() }, { dedupeKey: 'once' })));
    expect(again.map((r) => r.id)).toEqual([first.id, first.id, first.id]);
    expect(again.every((r) => !r.created)).toBe(true);
    const [{ count }] = await h.db.sql`select count(*)::int from mailbox where dedupe_key = 'once'` as unknown as [{ count: number }];
    expect(count).toBe(1);
  });

  it('processes 1,000 messages sent while no worker runs, once each', async () => {
    await Promise.all(Array.from({ length: 1000 }, (_, i) => h.outbox.send('housekeeping', 'recordProbe', { note: String(i), sentAt: sentAt() })));
    await h.startWorker();
    await eventually(async () => {
      const [r] = await h.db.sql`select count(*)::int as n from mailbox where state = 'done'`;
      return r?.n === 1000;
    }, 20_000, '1,000 done');
    const [p] = await h.db.sql`select count(*)::int as n, count(distinct note)::int as notes from probes`;
    expect(p).toEqual({ n: 1000, notes: 1000 });
  });

  it('holds a message with notBefore until it is due', async () => {
    await h.startWorker();
    const due = new Date(Date.now() + 1_200);
    const { id } = await h.outbox.send('housekeeping', 'recordProbe', { sentAt: sentAt() }, { notBefore: due });
    await new Promise((r) => setTimeout(r, 600));
    const [early] = await h.db.sql`select state from mailbox where id = ${id}`;
    expect(early?.state).toBe('queued');
    const done = await eventually(async () => {
      const [r] = await h.db.sql`select state, started_at from mailbox where id = ${id}`;
      return r?.state === 'done' ? r : undefined;
    });
    expect((done.started_at as Date).getTime()).toBeGreaterThanOrEqual(due.getTime() - 5);
  });
});
