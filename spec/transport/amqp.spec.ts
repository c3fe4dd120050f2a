import { randomBytes } from 'node:crypto';
import { uuidv7 } from '../../actors/common/ids.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../actors/common/log.js';
import { AmqpTransport } from '../../actors/transport/amqp.js';
import { queueFor, queuesOf } from '../../actors/transport/amqp-wire.js';
import { names, type Names } from '../../actors/transport/names.js';
import type { Notice } from '../../actors/transport/transport.js';
import { eventually } from '../support/harness.js';
import { REDIS_URL } from '../support/services.js';
import { AMQP_URL, deleteTopology, queueDepth, withChannel } from './amqp-support.js';

const SHARDS = 8;
const log = createLogger('test', (process.env.TEST_LOG_LEVEL ?? 'silent') as 'silent');
let prefix: string;
let n: Names;
let open: AmqpTransport[] = [];

function transport(balanceMs = 60_000): AmqpTransport {
  const t = new AmqpTransport({ url: AMQP_URL, redisUrl: REDIS_URL, names: n, shards: SHARDS, log, balanceMs });
  open.push(t);
  return t;
}

beforeEach(() => {
  prefix = `t${randomBytes(4).toString('hex')}`;
  n = names(prefix);
});
afterEach(async () => {
  for (const t of open.splice(0)) await t.close(1_000);
  await deleteTopology(prefix, SHARDS);
});

describe('the RabbitMQ transport', () => {
  it('declares a durable queue per actor and per key shard, the shards with a single active consumer', async () => {
    const t = transport();
    await eventually(() => t.ping(), 10_000, 'connected');
    const sac = { durable: true, deadLetterExchange: n.deadLetterExchange, arguments: { 'x-single-active-consumer': true } };
    await withChannel(async (ch) => {
      for (const q of queuesOf(n, 'ingestion', SHARDS)) expect((await ch.checkQueue(q.name)).queue).toBe(q.name);
      await ch.checkQueue(n.deadLetterQueue);
      await ch.assertQueue(n.queue('ingestion', 3), sac);
      await expect(ch.assertQueue(n.queue('ingestion', 3), { durable: true, deadLetterExchange: n.deadLetterExchange })).rejects.toThrow(/PRECONDITION_FAILED/);
    });
  });

  it('routes every notice of one key to one shard queue, and the keys over all shards', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `offer-${i}`);
    const queues = keys.map((k) => queueFor(n, 'matching', k, SHARDS));
    expect(keys.map((k) => queueFor(n, 'matching', k, SHARDS))).toEqual(queues);
    expect(new Set(queues)).toEqual(new Set(Array.from({ length: SHARDS }, (_, s) => n.queue('matching', s))));
    expect(queueFor(n, 'matching', undefined, SHARDS)).toBe(n.queue('matching'));
  });

  it('acknowledges a notice only once it is settled: what its consumer left unsettled goes to the next', async () => {
    const sender = transport();
    const first = transport();
    const got: Notice[] = [];
    await first.consume('housekeeping', (ns) => got.push(...ns), { inflight: 100 });
    const ids = Array.from({ length: 10 }, () => uuidv7());
    sender.notify('housekeeping', ids.map((id) => ({ id })));
    await eventually(async () => got.length === 10, 10_000, 'ten notices');
    for (const notice of got.slice(0, 4)) notice.settle?.('settled');
    await first.close();
    await eventually(async () => (await queueDepth(n.queue('housekeeping'))) === 6, 10_000, 'six back in the queue');
    const again: Notice[] = [];
    await transport().consume('housekeeping', (ns) => again.push(...ns), { inflight: 100 });
    await eventually(async () => again.length === 6, 10_000, 'six delivered again');
    expect(again.map((x) => x.id).sort()).toEqual(ids.slice(4).sort());
  }, 60_000);

  it('delivers a released notice again, and dead-letters a rejected or malformed one', async () => {
    const [released, rejected] = [uuidv7(), uuidv7()];
    const seen: string[] = [];
    const consumer = transport();
    await consumer.consume('housekeeping', (ns) => {
      for (const x of ns) {
        seen.push(x.id);
        const first = seen.filter((id) => id === x.id).length === 1;
        x.settle?.(x.id === rejected ? 'rejected' : first ? 'released' : 'settled');
      }
    }, { inflight: 10 });
    await eventually(() => consumer.ping(), 10_000, 'consuming');
    transport().notify('housekeeping', [{ id: released }, { id: rejected }]);
    await withChannel(async (ch) => {
      ch.sendToQueue(n.queue('housekeeping'), Buffer.from('{"id": "not a uuid"}'));
      await ch.checkQueue(n.queue('housekeeping'));
    });
    await eventually(async () => (await queueDepth(n.deadLetterQueue)) === 2, 10_000, 'two dead-lettered');
    expect(seen.filter((id) => id === released)).toHaveLength(2);
    expect(seen.filter((id) => id === rejected)).toHaveLength(1);
  });

  it('spreads key shards over its consumers by handing them over, each key staying in order', async () => {
    const received: { key: string; id: string; by: string }[] = [];
    const consumer = (by: string) => (ns: Notice[]) => {
      for (const x of ns) {
        received.push({ key: x.key as string, id: x.id, by });
        setTimeout(() => x.settle?.('settled'), 2);
      }
    };
    const [a, b, sender] = [transport(200), transport(200), transport()];
    await a.consume('matching', consumer('a'), { inflight: 64 });
    let sent = 0;
    const send = () => {
      sender.notify('matching', Array.from({ length: 16 }, (_, k) => ({ id: uuidv7(), key: `offer-${k}` })));
      sent += 16;
    };
    const ticker = setInterval(send, 20);
    try {
      await eventually(async () => a.activeShards('matching').length === SHARDS, 15_000, 'a holds every shard');
      await b.consume('matching', consumer('b'), { inflight: 64 });
      await eventually(async () => b.activeShards('matching').length > 0 && a.activeShards('matching').length <= SHARDS / 2, 20_000, 'shards spread');
    } finally {
      clearInterval(ticker);
    }
    await eventually(async () => received.length === sent, 15_000, 'everything received');
    expect(new Set(received.map((r) => r.id)).size).toBe(sent);
    expect(a.activeShards('matching').filter((s) => b.activeShards('matching').includes(s))).toEqual([]);
    for (let k = 0; k < 16; k++) {
      const ids = received.filter((r) => r.key === `offer-${k}`).map((r) => r.id);
      expect(ids).toEqual([...ids].sort());
    }
    expect(new Set(received.filter((r) => r.by === 'b').map((r) => r.key)).size).toBeGreaterThan(0);
  }, 60_000);
});
