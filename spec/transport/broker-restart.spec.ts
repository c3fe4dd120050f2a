import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { names } from '../../actors/transport/names.js';
import { eventually, type Harness } from '../support/harness.js';
import type { RunningProcess } from '../support/processes.js';
import { queueDepth } from './amqp-support.js';
import { createAmqpHarness, doneCount, startPool } from './pool-support.js';
import { startPrivateBroker, type PrivateBroker } from './private-broker.js';

let broker: PrivateBroker;
let h: Harness;
let pool: RunningProcess[] = [];
beforeEach(async () => {
  broker = await startPrivateBroker();
  h = await createAmqpHarness({ AMQP_URL: broker.url });
}, 120_000);
afterEach(async () => {
  for (const p of pool.splice(0)) await p.stop('SIGKILL');
  await h.close();
  await broker.destroy();
}, 60_000);

describe('a RabbitMQ restart in the middle of a stream of sends', () => {
  it('loses nothing, and the workers and the sender reconnect by themselves', async () => {
    // The sweeper's grace is longer than the test: every message must come through the queues.
    pool = await startPool(h, ['r0', 'r1'], { AMQP_SWEEP_GRACE_MS: '600000' });
    let sent = 0;
    const send = async (count: number, label: string) => {
      const sentAt = new Date().toISOString();
      await Promise.all(Array.from({ length: count }, (_, i) => h.outbox.send('housekeeping', 'recordProbe', { note: `${label}-${i}`, sentAt }, i % 4 === 0 ? { key: `offer-${i % 40}` } : {})));
      sent += count;
    };
    const before = send(3_000, 'before');
    await eventually(async () => (await doneCount(h)) >= 300, 60_000, 'work under way');
    await broker.stop();
    await before;
    await send(1_000, 'down');
    expect(await doneCount(h)).toBeLessThan(sent);
    await broker.start();
    await send(1_000, 'after');

    await eventually(async () => (await doneCount(h)) === sent, 120_000, 'every message done');
    const [probes] = await h.db.sql`select count(*)::int as rows, count(distinct note)::int as notes from probes`;
    expect(probes).toEqual({ rows: sent, notes: sent });
    expect(pool.every((p) => p.child.exitCode === null)).toBe(true);
    const n = names(h.config.KEY_PREFIX);
    await eventually(async () => (await queueDepth(n.queue('housekeeping'), broker.url)) === 0, 30_000, 'queue drained');
    expect(await queueDepth(n.deadLetterQueue, broker.url)).toBe(0);
  }, 300_000);
});
