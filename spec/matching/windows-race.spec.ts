import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvent, type Decision } from '../../actors/matching/exclusivity-shell.js';
import { expireWindow } from '../../actors/matching/expire.js';
import { matchOffers, scorerFor } from '../../actors/matching/match-offers.js';
import { createSql, type Sql } from '../../db/client.js';
import { bearer, buildTestApp } from '../support/gateway.js';
import { createHarness, type Harness } from '../support/harness.js';
import { addBuyer, addOffer, addRequest, buyerKey, FUTURE, windowsOf } from './world.js';

/**
 * An offer line is never sold twice: parallel accepts, accepts racing the expiry and
 * random interleavings of every answer, each on its own PostgreSQL connection.
 */
let h: Harness;
let pool: Sql;
let app: FastifyInstance;
const FLASH_HOURS = 0.0003; // about 1.1 s
beforeAll(async () => {
  h = await createHarness({ EXCLUSIVITY_TIER_HOURS: `{"flash": ${FLASH_HOURS}}` });
  // 25 connections: real parallel transactions, and room left for the other test files on one server.
  pool = createSql(h.db.url, { max: 25 });
  app = await buildTestApp(h);
  await app.ready();
});
afterAll(async () => { await app.close(); await pool.end(); await h.close(); });

let gsm = 100;
/** A fresh offer line and `n` buyers for it (best first), matched: the first buyer holds a window. */
async function contested(n: number, tier = 'standard') {
  gsm += 40;
  const buyers: string[] = [];
  for (let i = 0; i < n; i++) {
    const b = await addBuyer(h.db.sql, `Racer ${gsm}-${i}`, tier);
    await addRequest(h, b, { gsm: { min: gsm - 3, max: gsm + 3 }, quantity_t: { min: 20 + 10 * i, max: 30 + 10 * i }, stale_after: FUTURE });
    buyers.push(b);
  }
  const offer = await addOffer(h.db.sql, { gsm });
  await matchOffers({ sql: h.db.sql, config: h.config }, scorerFor({}, h.config), [offer]);
  return { offer, buyers };
}

const deps = () => ({ sql: pool, config: h.config });

/** What the tables say happened to an offer line, checked for consistency. */
async function outcome(offer: string) {
  const deals = await h.db.sql`select buyer_id, window_id from deals where offer_id = ${offer}`;
  const windows = await windowsOf(h.db.sql, offer);
  const [o] = await h.db.sql`select status, exclusive_buyer_id from offers where id = ${offer}`;
  const accepted = windows.filter((w) => w.outcome === 'accepted');
  expect(deals.length).toBeLessThanOrEqual(1);
  expect(accepted.length).toBe(deals.length);
  expect(windows.filter((w) => w.closed_at === null).length).toBeLessThanOrEqual(1);
  if (deals[0]) {
    expect(o).toEqual({ status: 'reserved', exclusive_buyer_id: deals[0].buyer_id });
    expect(accepted[0]?.id).toBe(deals[0].window_id);
  }
  return { deals, windows, status: o?.status as string };
}

describe('exactly one outcome', () => {
  it('50 parallel accepts of one window: one deal, 49 refusals', async () => {
    const { offer, buyers: [a] } = await contested(2);
    const [w] = await windowsOf(h.db.sql, offer);
    const tries = await Promise.all(Array.from({ length: 50 }, () =>
      applyEvent(deps(), offer, { type: 'accepted', window_id: w!.window_key, buyer_id: a! }, 'race')));
    const won = tries.filter((d: Decision) => !d.refusal);
    expect(won).toHaveLength(1);
    expect(tries.filter((d) => d.refusal?.code === 'B2B_OFFER_UNAVAILABLE')).toHaveLength(49);
    const { deals, status } = await outcome(offer);
    expect([deals.length, status]).toEqual([1, 'reserved']);
  });

  it('50 parallel accepts through the API all answer with the one deal', async () => {
    const { offer, buyers: [a] } = await contested(2);
    const key = await buyerKey(h, a!);
    const [w] = await h.db.sql`select id from exclusivity_windows where offer_id = ${offer}`;
    const answers = await Promise.all(Array.from({ length: 50 }, () =>
      app.inject({ method: 'POST', url: `/windows/${w!.id}/accept`, headers: bearer(key) })));
    expect(new Set(answers.map((r) => r.statusCode))).toEqual(new Set([200]));
    expect(new Set(answers.map((r) => r.json().deal.id)).size).toBe(1);
    expect(answers.filter((r) => r.json().alreadyAccepted === false)).toHaveLength(1);
    expect((await outcome(offer)).deals).toHaveLength(1);
  });

  it('an accept racing the expiry: either the deal or the next window, never both', async () => {
    const lines = [];
    for (let i = 0; i < 12; i++) lines.push(await contested(2, 'flash'));
    const results = await Promise.all(lines.map(async ({ offer, buyers: [a] }) => {
      const [w] = await windowsOf(h.db.sql, offer);
      const due = w!.expires_at.getTime();
      const at = (offset: number) => new Promise((r) => setTimeout(r, Math.max(0, due + offset - Date.now())));
      const [accept] = await Promise.all([
        at(Math.random() * 60 - 30).then(() => applyEvent(deps(), offer, { type: 'accepted', window_id: w!.window_key, buyer_id: a! }, 'race')),
        at(Math.random() * 60 - 30).then(() => expireWindow(deps(), offer, w!.window_key)),
        at(Math.random() * 60 - 30).then(() => expireWindow(deps(), offer, w!.window_key)),
      ]);
      // An expiry that came early was put off; its rescheduled message does this.
      await at(50).then(() => expireWindow(deps(), offer, w!.window_key));
      const { deals, windows } = await outcome(offer);
      const first = windows[0]!;
      if (accept.refusal) {
        expect(accept.refusal.code).toBe('B2B_WINDOW_CLOSED');
        expect([deals.length, first.outcome, windows.length]).toEqual([0, 'expired', 2]);
      } else {
        expect([deals.length, first.outcome, windows.length]).toEqual([1, 'accepted', 1]);
      }
      return accept.refusal ? 'expired' : 'accepted';
    }));
    expect(results).toHaveLength(12);
  });

  it('random interleavings of accepts, declines and expiries never reserve a line twice', async () => {
    const lines = [];
    for (let i = 0; i < 8; i++) lines.push(await contested(3, 'flash'));
    await Promise.all(lines.map(async ({ offer, buyers }) => {
      const events: Promise<unknown>[] = [];
      for (let k = 0; k < 30; k++) {
        const n = 1 + Math.floor(Math.random() * 3);
        const window_id = `${offer}/w${n}`;
        const buyer_id = buyers[Math.floor(Math.random() * 3)]!;
        const kind = Math.random();
        const delay = Math.random() * 2_500;
        const fire = (): Promise<unknown> => (kind < 0.4
          ? applyEvent(deps(), offer, { type: 'accepted', window_id, buyer_id }, 'fuzz')
          : kind < 0.6 ? applyEvent(deps(), offer, { type: 'declined', window_id, buyer_id }, 'fuzz')
            : expireWindow(deps(), offer, window_id));
        events.push(new Promise((r) => setTimeout(r, delay)).then(fire));
      }
      await Promise.all(events);
      const { deals, windows, status } = await outcome(offer);
      const buyersWithWindows = windows.map((w) => w.buyer_id);
      expect(new Set(buyersWithWindows).size).toBe(buyersWithWindows.length);
      if (deals.length === 0) expect(['exclusive', 'open']).toContain(status);
    }));
    const [total] = await h.db.sql`select count(*)::int as deals, count(distinct offer_id)::int as offers from deals`;
    expect(total?.deals).toBe(total?.offers);
  });
});
