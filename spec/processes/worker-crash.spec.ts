import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv } from '../support/env.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { startProcess, type RunningProcess } from '../support/processes.js';

let h: Harness;
const procs: RunningProcess[] = [];
beforeEach(async () => { h = await createHarness(); });
afterEach(async () => {
  for (const p of procs.splice(0)) await p.stop('SIGKILL');
  await h.close();
});

async function doneCount(): Promise<number> {
  const [r] = await h.db.sql`select count(*)::int as n from mailbox where state = 'done'`;
  return (r as { n: number }).n;
}

describe('a worker killed with SIGKILL', () => {
  it('loses nothing: every message of 5,000 ends done, each effect once', async () => {
    const env = { ...testEnv(h.db.url, { KEY_PREFIX: h.config.KEY_PREFIX, MAILBOX_LEASE_MS: '2000' }) };
    const first = startProcess('worker', env);
    procs.push(first);
    await first.ready;
    const sentAt = new Date().toISOString();
    const sends = Array.from({ length: 5000 }, (_, i) => h.outbox.send('housekeeping', 'recordProbe', { note: String(i), sentAt }));
    await eventually(async () => (await doneCount()) >= 500, 30_000, 'the first 500 done');
    first.child.kill('SIGKILL');
    await first.exited;
    await Promise.all(sends);
    const atKill = await doneCount();
    expect(atKill).toBeLessThan(5000);

    const second = startProcess('worker', env);
    procs.push(second);
    await second.ready;
    await eventually(async () => (await doneCount()) === 5000, 90_000, 'all 5,000 done');
    const [probes] = await h.db.sql`select count(*)::int as rows, count(distinct message_id)::int as messages, count(distinct note)::int as notes from probes`;
    expect(probes).toEqual({ rows: 5000, messages: 5000, notes: 5000 });
    const states = await h.db.sql`select state, count(*)::int as n from mailbox group by state`;
    expect(states).toEqual([{ state: 'done', n: 5000 }]);
  }, 180_000);

  it('hands its work back on SIGTERM instead: nothing waits for a lease to expire', async () => {
    const env = testEnv(h.db.url, { KEY_PREFIX: h.config.KEY_PREFIX, MAILBOX_LEASE_MS: '60000' });
    const worker = startProcess('worker', env);
    procs.push(worker);
    await worker.ready;
    const sentAt = new Date().toISOString();
    const sends = Promise.all(Array.from({ length: 5000 }, () => h.outbox.send('housekeeping', 'recordProbe', { sentAt })));
    await eventually(async () => (await doneCount()) >= 100, 30_000, 'work under way');
    expect(await worker.stop('SIGTERM')).toBe(0);
    await sends;
    expect(await doneCount()).toBeLessThan(5000);
    const [held] = await h.db.sql`select count(*)::int as n from mailbox where state = 'in_flight'`;
    expect(held).toEqual({ n: 0 });
    const next = startProcess('worker', env);
    procs.push(next);
    await next.ready;
    // With a 60 s lease, finishing within 30 s proves nothing was left held.
    await eventually(async () => (await doneCount()) === 5000, 30_000, 'all done without lease expiry');
  }, 120_000);
});
