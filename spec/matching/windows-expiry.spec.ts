import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../actors/common/log.js';
import { applyEvent } from '../../actors/matching/exclusivity-shell.js';
import { matchOffers, scorerFor } from '../../actors/matching/match-offers.js';
import type { WorkerRuntime } from '../../actors/system/runtime.js';
import { exclusivityCheckJob } from '../../scheduler/jobs/exclusivity-check.js';
import { ExpiryTimers } from '../../scheduler/jobs/exclusivity-timers.js';
import { JobRunner } from '../../scheduler/runner.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { addBuyer, addOffer, addRequest, FUTURE, windowsOf } from './world.js';

/**
 * Expiry on time. The workers here sweep only every 30 s, so a window that ends within
 * 2 s of its time was ended by the scheduler's timer announcing the expiry message, by a
 * worker's start-up sweep, or by the periodic check: each is tested on its own.
 */
let h: Harness;
const log = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
const WINDOW_MS = 2_500;
beforeAll(async () => {
  h = await createHarness({
    EXCLUSIVITY_TIER_HOURS: `{"flash": ${WINDOW_MS / 3_600_000}}`,
    MAILBOX_SWEEP_MS: '30000', MAILBOX_LEASE_MS: '60000',
  });
});
afterAll(async () => { await h.close(); });

const timers = () => new ExpiryTimers({ sql: h.db.sql, outbox: h.outbox, transport: h.transport, config: h.config, log });

let gsm = 100;
/** An offer line with two flash-tier buyers, matched: the first holds a window of WINDOW_MS. */
async function flashLine() {
  gsm += 40;
  const buyers: string[] = [];
  for (let i = 0; i < 2; i++) {
    const b = await addBuyer(h.db.sql, `Flash ${gsm}-${i}`, 'flash');
    await addRequest(h, b, { gsm: { min: gsm - 3, max: gsm + 3 }, quantity_t: { min: 20 + 10 * i, max: 30 + 10 * i }, stale_after: FUTURE });
    buyers.push(b);
  }
  const offer = await addOffer(h.db.sql, { gsm });
  await matchOffers({ sql: h.db.sql, config: h.config }, scorerFor({}, h.config), [offer]);
  const [w] = await windowsOf(h.db.sql, offer);
  return { offer, buyers, window: w! };
}

/** Waits for the window to close and says how long after its time it did. */
async function closedLateBy(offer: string, timeoutMs = 10_000): Promise<{ lateMs: number; outcome: string | null }> {
  const w = await eventually(async () => (await windowsOf(h.db.sql, offer)).find((x) => x.closed_at !== null), timeoutMs, 'window closed');
  return { lateMs: w.closed_at!.getTime() - w.expires_at.getTime(), outcome: w.outcome };
}

/** The expiry messages of an offer's first window. */
async function expiryMessages(offer: string) {
  return h.db.sql<{ state: string; result: { expired: boolean } | null }[]>`
    select state, result from mailbox where type = 'expireWindow' and key = ${offer} and payload->>'windowId' = ${`${offer}/w1`}
    order by created_at`;
}

describe('window expiry', () => {
  let worker: WorkerRuntime;
  beforeAll(async () => { worker = await h.startWorker(undefined, 'expiry-worker-1'); });

  it("ends within 2 s of expires_at through the scheduler's timer, and passes the line on", async () => {
    const t = timers();
    await t.start();
    try {
      const { offer, buyers, window } = await flashLine();
      await eventually(async () => t.armed > 0, 5_000, 'timer armed by the notice');
      const { lateMs, outcome } = await closedLateBy(offer);
      expect(outcome).toBe('expired');
      expect(lateMs).toBeGreaterThanOrEqual(0);
      expect(lateMs).toBeLessThan(2_000);
      const windows = await windowsOf(h.db.sql, offer);
      expect(windows.map((w) => [w.window_key, w.buyer_id])).toEqual([[window.window_key, buyers[0]], [`${offer}/w2`, buyers[1]]]);
      expect((await expiryMessages(offer))[0]).toEqual({ state: 'done', result: { windowId: window.window_key, expired: true, next: `${offer}/w2` } });
    } finally {
      await t.stop();
    }
  });

  it('survives a scheduler restart: a new scheduler loads the open windows and expires them on time', async () => {
    const first = timers();
    await first.start();
    const { offer } = await flashLine();
    await eventually(async () => first.armed > 0, 5_000, 'timer armed');
    await first.stop();
    const second = timers();
    await second.start();
    try {
      const { lateMs, outcome } = await closedLateBy(offer);
      expect([outcome, lateMs < 2_000]).toEqual(['expired', true]);
    } finally {
      await second.stop();
    }
  });

  it('a scheduler that was down at the time expires the window as soon as it is back', async () => {
    const { offer, window } = await flashLine();
    await new Promise((r) => setTimeout(r, window.expires_at.getTime() - Date.now() + 300));
    expect((await windowsOf(h.db.sql, offer))[0]?.closed_at).toBeNull();
    const back = timers();
    const started = Date.now();
    await back.start();
    try {
      const w = await eventually(async () => (await windowsOf(h.db.sql, offer)).find((x) => x.closed_at !== null), 5_000, 'closed');
      expect(w.outcome).toBe('expired');
      expect(w.closed_at!.getTime() - started).toBeLessThan(2_000);
    } finally {
      await back.stop();
    }
  });

  it('survives a worker restart: the expiry waits in the mailbox and runs when a worker is back', async () => {
    await worker.stop(500);
    const { offer, window } = await flashLine();
    await new Promise((r) => setTimeout(r, window.expires_at.getTime() - Date.now() + 200));
    expect((await windowsOf(h.db.sql, offer))[0]?.closed_at).toBeNull();
    worker = await h.startWorker(undefined, 'expiry-worker-2');
    const { outcome } = await closedLateBy(offer);
    expect(outcome).toBe('expired');
    expect((await expiryMessages(offer)).map((m) => m.state)).toEqual(['done']);
  });

  it('never expires a window that was accepted first, and never expires one twice', async () => {
    const t = timers();
    await t.start();
    try {
      const { offer, buyers, window } = await flashLine();
      const accepted = await applyEvent({ sql: h.db.sql, config: h.config }, offer, { type: 'accepted', window_id: window.window_key, buyer_id: buyers[0]! }, 'test');
      expect(accepted.refusal).toBeUndefined();
      expect((await expiryMessages(offer)).map((m) => m.state)).toEqual(['cancelled']);
      await new Promise((r) => setTimeout(r, window.expires_at.getTime() - Date.now() + 500));
      // A late or repeated expiry (a retry, a second scheduler) finds the window answered.
      await h.outbox.send('matching', 'expireWindow', { offerId: offer, windowId: window.window_key }, { key: offer });
      await eventually(async () => (await expiryMessages(offer))[1]?.state === 'done', 5_000, 'late expiry handled');
      expect((await expiryMessages(offer))[1]?.result).toMatchObject({ expired: false, next: null });
      expect((await windowsOf(h.db.sql, offer)).map((w) => w.outcome)).toEqual(['accepted']);
      expect(await h.db.sql`select status from offers where id = ${offer}`).toEqual([{ status: 'reserved' }]);
    } finally {
      await t.stop();
    }
  });

  it('the periodic check expires a window whose expiry message went missing', async () => {
    const { offer, window } = await flashLine();
    await h.db.sql`delete from mailbox where type = 'expireWindow' and key = ${offer}`;
    await new Promise((r) => setTimeout(r, window.expires_at.getTime() - Date.now() + 100));
    const fired = await new JobRunner(h.db.sql, h.outbox, log).fire(exclusivityCheckJob(h.config), new Date());
    expect(fired).toBe(true);
    const { outcome } = await closedLateBy(offer);
    expect(outcome).toBe('expired');
  });
});
