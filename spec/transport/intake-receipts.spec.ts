import { uuidv7 } from '../../actors/common/ids.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../actors/common/log.js';
import { Intake } from '../../actors/system/intake.js';
import type { Notice, NoticeOutcome } from '../../actors/transport/transport.js';
import { createSql } from '../../db/client.js';
import type { MailboxRow } from '../../db/mailbox.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

let h: Harness;
let intake: Intake;
let delivered: MailboxRow[];
let outcomes: Map<string, NoticeOutcome[]>;

beforeEach(async () => {
  h = await createHarness();
  delivered = [];
  outcomes = new Map();
  intake = new Intake({
    sql: h.db.sql, actor: 'housekeeping', owner: 'receipts', leaseMs: 10_000, graceMs: 60_000, backlogGraceMs: 60_000,
    inflight: 50, deliver: (row) => delivered.push(row), log: createLogger('test', 'silent'),
  });
});
afterEach(async () => {
  intake.stop();
  await h.close();
});

/** A notice as an at-least-once wire hands it over, recording what the intake makes of it. */
function notice(id: string): Notice {
  return { id, settle: (o) => outcomes.set(id, [...(outcomes.get(id) ?? []), o]) };
}

async function probe(): Promise<string> {
  return (await h.outbox.send('housekeeping', 'recordProbe', { sentAt: new Date().toISOString() })).id;
}

describe('the intake and an at-least-once wire', () => {
  it('settles a claimed notice only when told its row is settled', async () => {
    const id = await probe();
    intake.onNotices([notice(id)]);
    await eventually(async () => delivered.length === 1, 5_000, 'delivered');
    await new Promise((r) => setTimeout(r, 100));
    expect(outcomes.get(id)).toBeUndefined();
    intake.finished(id);
    intake.settled(id, 'settled');
    expect(outcomes.get(id)).toEqual(['settled']);
  });

  it('acknowledges a notice whose row is finished or not due, and rejects one for no row at all', async () => {
    const done = await probe();
    await h.db.sql`update mailbox set state = 'done' where id = ${done}`;
    const later = (await h.outbox.send('housekeeping', 'recordProbe', { sentAt: new Date().toISOString() }, { notBefore: new Date(Date.now() + 60_000) })).id;
    const missing = uuidv7();
    intake.onNotices([notice(done), notice(later), notice(missing)]);
    await eventually(async () => outcomes.size === 3, 5_000, 'three outcomes');
    expect(Object.fromEntries(outcomes)).toEqual({ [done]: ['settled'], [later]: ['settled'], [missing]: ['rejected'] });
    expect(delivered).toEqual([]);
  });

  it('keeps a second notice of a row it holds until the row is settled, and lets the first one go', async () => {
    const id = await probe();
    intake.onNotices([notice(id)]);
    await eventually(async () => delivered.length === 1, 5_000, 'delivered');
    const again: NoticeOutcome[] = [];
    intake.onNotices([{ id, settle: (o) => again.push(o) }]);
    await eventually(async () => outcomes.get(id)?.length === 1, 5_000, 'first notice let go');
    expect(outcomes.get(id)).toEqual(['settled']);
    await new Promise((r) => setTimeout(r, 100));
    expect(again).toEqual([]);
    intake.finished(id);
    intake.settled(id, 'settled');
    expect(again).toEqual(['settled']);
  });

  it('while paused keeps its notices unacknowledged, and claims them in order on resume', async () => {
    intake.pause('operator');
    const ids = [await probe(), await probe(), await probe()];
    intake.onNotices(ids.map(notice));
    await new Promise((r) => setTimeout(r, 200));
    expect(delivered).toEqual([]);
    expect(outcomes.size).toBe(0);
    intake.resume();
    await eventually(async () => delivered.length === 3, 5_000, 'delivered after resume');
    expect(delivered.map((r) => r.id)).toEqual(ids);
  });

  it('on stop leaves new notices unsettled for the wire to redeliver, and hands back what it still has', async () => {
    const id = await probe();
    intake.onNotices([notice(id)]);
    await eventually(async () => delivered.length === 1, 5_000, 'delivered');
    intake.stop();
    const late = await probe();
    intake.onNotices([notice(late)]);
    intake.settleRemaining('released');
    expect(Object.fromEntries(outcomes)).toEqual({ [id]: ['released'] });
  });

  it('keeps a notice it could not claim (the database is away) for the next try, unacknowledged', async () => {
    const away = createSql('postgres://postgres@127.0.0.1:1/nowhere', { max: 1 });
    const cut = new Intake({
      sql: away, actor: 'housekeeping', owner: 'receipts', leaseMs: 10_000, graceMs: 60_000,
      inflight: 50, deliver: (row) => delivered.push(row), log: createLogger('test', 'silent'),
    });
    const id = uuidv7();
    cut.onNotices([notice(id)]);
    await new Promise((r) => setTimeout(r, 500));
    expect(cut.pendingNotices).toBe(1);
    expect(outcomes.size).toBe(0);
    cut.stop();
    await away.end({ timeout: 1 });
  });
});
