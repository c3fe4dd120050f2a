import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { names } from '../../actors/transport/names.js';
import { WorkerSnapshot } from '../../actors/system/status-publisher.js';
import { eventually, type Harness } from '../support/harness.js';
import type { RunningProcess } from '../support/processes.js';
import { deleteTopology } from './amqp-support.js';
import { createAmqpHarness, doneCount, startPool } from './pool-support.js';

const KEYS = 24;
const ROUNDS = 120;

let h: Harness;
let pool: RunningProcess[] = [];
beforeEach(async () => { h = await createAmqpHarness(); });
afterEach(async () => {
  for (const p of pool.splice(0)) await p.stop('SIGKILL');
  await h.close();
  await deleteTopology(h.config.KEY_PREFIX, h.config.AMQP_SHARDS);
});

/** Each key's notes in the order the pool handled them (probes.handled_seq is one sequence for all workers). */
async function handlingOrder(): Promise<Map<string, number[]>> {
  const rows = await h.db.sql<{ note: string }[]>`select note from probes order by handled_seq`;
  const order = new Map<string, number[]>();
  for (const { note } of rows) {
    const [key, i] = note.split(':') as [string, string];
    order.set(key, [...(order.get(key) ?? []), Number(i)]);
  }
  return order;
}

describe('messages with one key, over a pool of three workers', () => {
  it('are handled in the order they were sent, while the keys spread over the pool', async () => {
    // A long sweeper grace: under load the sweeper must not be what delivers (it claims by age, not by key).
    pool = await startPool(h, ['k0', 'k1', 'k2'], { AMQP_SWEEP_GRACE_MS: '120000' });
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const sentAt = new Date().toISOString();
      for (let k = 0; k < KEYS; k++) sends.push(h.outbox.send('housekeeping', 'recordProbe', { note: `offer-${k}:${i}`, sentAt }, { key: `offer-${k}` }));
      await new Promise((r) => setTimeout(r, 25));
    }
    await Promise.all(sends);
    await eventually(async () => (await doneCount(h)) === KEYS * ROUNDS, 120_000, 'every keyed message done');

    const order = await handlingOrder();
    expect(order.size).toBe(KEYS);
    const inOrder = Array.from({ length: ROUNDS }, (_, i) => i);
    for (const [key, seen] of order) expect(seen, key).toEqual(inOrder);

    const workers = await eventually(async () => {
      const rows = await h.db.sql<{ worker: string }[]>`select distinct worker from mailbox_events where event = 'succeeded'`;
      return rows.length >= 2 ? rows.map((r) => r.worker) : undefined;
    }, 30_000, 'keyed work on more than one worker');
    expect(workers.length).toBeGreaterThanOrEqual(2);

    // The live status each worker publishes for the operators names the shards it holds, none twice.
    const snapshots = await eventually(async () => {
      const keys = await h.transport.client.keys(names(h.config.KEY_PREFIX).workerStatusPattern);
      const values = await Promise.all(keys.map((k) => h.transport.client.get(k)));
      return keys.length === 3 ? values.map((v) => WorkerSnapshot.parse(JSON.parse(v as string))) : undefined;
    }, 15_000, 'three workers in the live status');
    expect(snapshots.map((s) => s.worker).sort()).toEqual(['k0', 'k1', 'k2']);
    const held = snapshots.flatMap((s) => (s.actors.find((a) => a.actor === 'housekeeping')?.shards ?? []) as number[]);
    expect(new Set(held).size).toBe(held.length);
    expect(held.length).toBeGreaterThan(0);
  }, 240_000);
});
