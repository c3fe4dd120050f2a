import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.js';

let redis: PrivateRedis;
let h: Harness;
beforeEach(async () => {
  redis = await startPrivateRedis();
  h = await createHarness({ REDIS_URL: redis.url });
});
afterEach(async () => {
  await h.close();
  await redis.stop();
});

describe('a Redis restart in the middle of a stream of sends', () => {
  it('loses nothing: messages sent while Redis is down are found by the sweeper', async () => {
    await h.startWorker();
    const sentAt = new Date().toISOString();
    const ids: string[] = [];
    const sendBatch = async (n: number) => {
      const sent = await Promise.all(Array.from({ length: n }, () => h.outbox.send('housekeeping', 'recordProbe', { sentAt })));
      ids.push(...sent.map((s) => s.id));
    };
    await sendBatch(300);
    await redis.stop();
    for (let i = 0; i < 5; i++) {
      await sendBatch(100);
      await new Promise((r) => setTimeout(r, 100));
    }
    await redis.start();
    await sendBatch(300);
    await eventually(async () => {
      const [r] = await h.db.sql`select count(*)::int as n from mailbox where state = 'done'`;
      return r?.n === ids.length;
    }, 60_000, 'every message done');
    const [p] = await h.db.sql`select count(distinct message_id)::int as n from probes`;
    expect(p?.n).toBe(1100);
  }, 120_000);
});
