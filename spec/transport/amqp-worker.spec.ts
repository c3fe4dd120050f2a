import { uuidv7 } from '../../actors/common/ids.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../actors/common/log.js';
import { createDefinitions } from '../../actors/definitions.js';
import { queueFor } from '../../actors/transport/amqp-wire.js';
import { names } from '../../actors/transport/names.js';
import { bearer, buildTestApp, keyFor } from '../support/gateway.js';
import { eventually, type Harness } from '../support/harness.js';
import { deleteTopology, queueDepth } from './amqp-support.js';
import { createAmqpHarness } from './pool-support.js';

let h: Harness;
beforeEach(async () => { h = await createAmqpHarness(); });
afterEach(async () => {
  await h.close();
  await deleteTopology(h.config.KEY_PREFIX, h.config.AMQP_SHARDS);
});

describe('the gateway and a worker with TRANSPORT=amqp', () => {
  it('answers Prefer: wait with the result (replies on Redis), and reports RabbitMQ in /readyz', async () => {
    await h.startWorker();
    const app = await buildTestApp(h);
    try {
      await eventually(async () => (await app.inject({ url: '/readyz' })).statusCode === 200, 10_000, 'ready');
      expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ok', postgres: true, transport: true });
      const key = await keyFor(h, 'operator');
      const res = await app.inject({ method: 'POST', url: '/ops/probes', headers: { ...bearer(key), prefer: 'wait=10' }, payload: { note: 'over amqp' } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ state: 'done', result: { recorded: true } });
    } finally {
      await app.close();
    }
  });

  it('dead-letters a notice for a row that does not exist, and leaves no notice behind after the work', async () => {
    const worker = await h.startWorker();
    const sentAt = new Date().toISOString();
    await Promise.all(Array.from({ length: 500 }, (_, i) => h.outbox.send('housekeeping', 'recordProbe', { note: String(i), sentAt }, i % 2 ? { key: `k${i % 7}` } : {})));
    h.transport.notify('housekeeping', [{ id: uuidv7() }, { id: uuidv7(), key: 'k1' }]);
    const n = names(h.config.KEY_PREFIX);
    await eventually(async () => (await queueDepth(n.deadLetterQueue)) === 2, 15_000, 'two notices dead-lettered');
    await eventually(async () => {
      const [r] = await h.db.sql`select count(*)::int as n from mailbox where state = 'done'`;
      return r?.n === 500;
    }, 30_000, 'all done');
    expect(worker.status().find((s) => s.actor === 'housekeeping')?.shards?.length).toBeGreaterThan(0);
    await worker.stop(1_000);
    // Closing the consumers would put back any notice left unacknowledged.
    await h.transport.close();
    const queues = [n.queue('housekeeping'), ...Array.from({ length: h.config.AMQP_SHARDS }, (_, s) => n.queue('housekeeping', s))];
    for (const q of queues) expect(await queueDepth(q), q).toBe(0);
  });

  it('announces a keyed message whose lease expired on its key\'s shard queue again', async () => {
    const id = uuidv7();
    await h.db.sql`insert into mailbox (id, actor, type, payload, key, state, attempts, lease_owner, lease_until)
      values (${id}, 'housekeeping', 'recordProbe', ${h.db.sql.json({ sentAt: new Date().toISOString() })}, 'offer-9', 'in_flight', 1, 'gone', now() - interval '1 second')`;
    // A worker that runs no housekeeping: it returns the lease, and the notice waits in the queue.
    const defs = createDefinitions({ sql: h.db.sql, outbox: h.outbox, config: h.config, log: createLogger('test', 'silent') }).filter((d) => d.name !== 'housekeeping');
    await h.startWorker(defs);
    const n = names(h.config.KEY_PREFIX);
    const shard = queueFor(n, 'housekeeping', 'offer-9', h.config.AMQP_SHARDS);
    await eventually(async () => (await queueDepth(shard)) === 1, 15_000, 'notice on the shard queue');
    expect(await queueDepth(n.queue('housekeeping'))).toBe(0);
  });
});
