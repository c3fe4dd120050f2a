import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../actors/common/log.js';
import { housekeepingJob } from '../../scheduler/jobs/housekeeping.js';
import { LeaderLock } from '../../scheduler/leader.js';
import { JobRunner } from '../../scheduler/runner.js';
import { createSql } from '../../db/client.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

let h: Harness;
const log = createLogger('test', 'silent');
beforeEach(async () => { h = await createHarness({ DONE_RETENTION_HOURS: '1' }); });
afterEach(async () => { await h.close(); });

describe('scheduler', () => {
  it('lets one scheduler lead; the other takes over when the leader stops', async () => {
    const other = createSql(h.db.url, { max: 2 });
    const a = new LeaderLock(h.db.sql, `${h.config.KEY_PREFIX}:leader`, log, 100);
    const b = new LeaderLock(other, `${h.config.KEY_PREFIX}:leader`, log, 100);
    try {
      await a.start(() => undefined);
      await b.start(() => undefined);
      expect([a.isLeader, b.isLeader]).toEqual([true, false]);
      await a.stop();
      await eventually(async () => b.isLeader, 3_000, 'takeover');
    } finally {
      await a.stop();
      await b.stop();
      await other.end();
    }
  });

  it('fires one firing once, however many schedulers try it', async () => {
    const job = housekeepingJob(h.config);
    const runners = [new JobRunner(h.db.sql, h.outbox, log), new JobRunner(h.db.sql, h.outbox, log)];
    const due = new Date('2026-12-04T10:10:00Z');
    const results = await Promise.all([...runners, ...runners].map((r) => r.fire(job, due)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const messages = await h.db.sql`select type, dedupe_key from mailbox where actor = 'housekeeping'`;
    expect(messages).toEqual([{ type: 'purgeFinished', dedupe_key: `housekeeping:${due.toISOString()}` }]);
    const [firing] = await h.db.sql`select fire_key, message_id from scheduler_firings where job = 'housekeeping'`;
    expect(firing?.fire_key).toBe(due.toISOString());
    expect(firing?.message_id).not.toBeNull();
  });

  it('purges done messages past retention and keeps the rest', async () => {
    const sentAt = new Date().toISOString();
    await h.startWorker();
    const sent = await Promise.all([1, 2, 3].map(() => h.outbox.send('housekeeping', 'recordProbe', { sentAt })));
    await eventually(async () => {
      const [r] = await h.db.sql`select count(*)::int as n from mailbox where state = 'done'`;
      return r?.n === 3;
    });
    await h.db.sql`update mailbox set finished_at = now() - interval '2 hours' where id = ${sent[0]!.id}`;
    const dead = await h.db.sql`insert into mailbox (id, actor, type, payload, state, finished_at) values
      ('0190a000-0000-7000-8000-0000000000dd', 'ingestion', 'ingestEmail', '{}', 'dead', now() - interval '30 days') returning id`;
    expect(dead).toHaveLength(1);
    await new JobRunner(h.db.sql, h.outbox, log).fire(housekeepingJob(h.config), new Date());
    const purge = await eventually(async () => {
      const [r] = await h.db.sql`select result from mailbox where type = 'purgeFinished' and state = 'done'`;
      return r;
    });
    expect(purge.result).toEqual({ messages: 1, nonces: 0, events: 0, confirmations: 0 });
    const left = await h.db.sql`select id from mailbox where type = 'recordProbe' order by id`;
    expect(left.map((r) => r.id)).toEqual([sent[1]!.id, sent[2]!.id]);
    // Dead letters are kept for operators, whatever their age.
    const [kept] = await h.db.sql`select state from mailbox where id = '0190a000-0000-7000-8000-0000000000dd'`;
    expect(kept?.state).toBe('dead');
  });
});
