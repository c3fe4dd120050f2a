import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { names } from '../../actors/transport/names.js';
import { eventually, type Harness } from '../support/harness.js';
import type { RunningProcess } from '../support/processes.js';
import { deleteTopology, queueDepth } from './amqp-support.js';
import { createAmqpHarness, doneCount, handledBy, startPool } from './pool-support.js';

let h: Harness;
let pool: RunningProcess[] = [];
beforeEach(async () => { h = await createAmqpHarness(); });
afterEach(async () => {
  for (const p of pool.splice(0)) await p.stop('SIGKILL');
  await h.close();
  await deleteTopology(h.config.KEY_PREFIX, h.config.AMQP_SHARDS);
});

describe('a pool of three worker processes over RabbitMQ', () => {
  it('handles 10,000 messages once each, spread over the three, and loses nothing when one is killed', async () => {
    // No sweeping of fresh rows: what the killed worker held must come back through RabbitMQ
    // (its unacknowledged notices) and its expired leases (announced again).
    pool = await startPool(h, ['w0', 'w1', 'w2'], { MAILBOX_LEASE_MS: '2000', AMQP_SWEEP_GRACE_MS: '600000' });
    const sentAt = new Date().toISOString();
    const sends = Promise.all(Array.from({ length: 10_000 }, (_, i) => h.outbox.send('housekeeping', 'recordProbe', { note: String(i), sentAt })));
    await eventually(async () => (await doneCount(h)) >= 2_500, 60_000, 'a quarter done');
    const victim = pool[2] as RunningProcess;
    victim.child.kill('SIGKILL');
    await victim.exited;
    await sends;
    expect(await doneCount(h)).toBeLessThan(10_000);

    await eventually(async () => (await doneCount(h)) === 10_000, 120_000, 'all 10,000 done');
    const [probes] = await h.db.sql`select count(*)::int as rows, count(distinct message_id)::int as messages, count(distinct note)::int as notes from probes`;
    expect(probes).toEqual({ rows: 10_000, messages: 10_000, notes: 10_000 });
    expect(await h.db.sql`select state, count(*)::int as n from mailbox group by state`).toEqual([{ state: 'done', n: 10_000 }]);

    const shares = await eventually(async () => {
      const by = await handledBy(h);
      return Object.values(by).reduce((a, b) => a + b, 0) >= 9_000 ? by : undefined;
    }, 30_000, 'lifecycle events written');
    expect(Object.keys(shares).sort()).toEqual(['w0', 'w1', 'w2']);
    // Each took a share: the two that lived on most of it, the killed one at least 1 % before it died.
    for (const w of ['w0', 'w1']) expect(shares[w]).toBeGreaterThan(1_000);
    expect(shares.w2).toBeGreaterThan(100);

    // Every notice was acknowledged or went to a live worker: nothing left behind, nothing dead-lettered.
    const n = names(h.config.KEY_PREFIX);
    await eventually(async () => (await queueDepth(n.queue('housekeeping'))) === 0, 30_000, 'queue drained');
    expect(await queueDepth(n.deadLetterQueue)).toBe(0);
  }, 240_000);
});
