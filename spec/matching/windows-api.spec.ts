import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchOffers, scorerFor } from '../../actors/matching/match-offers.js';
import { offerVisibleTo } from '../../db/visibility.js';
import { bearer, buildTestApp, keyFor } from '../support/gateway.js';
import { createHarness, type Harness } from '../support/harness.js';
import { addBuyer, addOffer, addRequest, buyerKey, FUTURE, offerStatus } from './world.js';

let h: Harness;
let app: FastifyInstance;
let operator: string;
beforeAll(async () => {
  h = await createHarness({ EXCLUSIVITY_TIER_HOURS: '{"gold": 72}' });
  app = await buildTestApp(h);
  await app.ready();
  operator = await keyFor(h, 'operator');
});
afterAll(async () => { await app.close(); await h.close(); });

interface Buyer { id: string; key: string; request: string }

/** Three buyers for one offer line, best first (by quantity fit), and the offer matched. */
async function market(gsm: number, tiers = ['standard', 'standard', 'standard']) {
  const buyers: Buyer[] = [];
  for (const [i, tier] of tiers.entries()) {
    const id = await addBuyer(h.db.sql, `Buyer ${gsm}-${i}`, tier);
    const request = await addRequest(h, id, { gsm: { min: gsm - 5, max: gsm + 5 }, quantity_t: { min: 20 + 10 * i, max: 30 + 10 * i }, stale_after: FUTURE });
    buyers.push({ id, key: await buyerKey(h, id), request });
  }
  const offer = await addOffer(h.db.sql, { gsm });
  await matchOffers({ sql: h.db.sql, config: h.config }, scorerFor({}, h.config), [offer]);
  return { offer, buyers };
}

async function call(method: 'GET' | 'POST', url: string, key: string) {
  const res = await app.inject({ method, url, headers: bearer(key) });
  return { status: res.statusCode, body: res.json() };
}

async function openWindowOf(b: Buyer): Promise<{ id: string; offerId: string; expiresAt: string; openedAt: string }> {
  const { body } = await call('GET', '/windows?state=open', b.key);
  return body.items[0];
}

async function sees(b: Buyer, offer: string): Promise<boolean> {
  const rows = await h.db.sql`select 1 from offers o where o.id = ${offer} and ${offerVisibleTo(h.db.sql, { role: 'buyer', buyer_id: b.id, mill_id: null })}`;
  const matches = await call('GET', `/matches?offerId=${offer}`, b.key);
  expect(matches.body.items.length > 0).toBe(rows.length === 1);
  return rows.length === 1;
}

describe('exclusivity windows through the API', () => {
  it('gives the best buyer a window and hides the line from every rival', async () => {
    const { offer, buyers: [a, b, c] } = await market(140);
    const w = await openWindowOf(a!);
    expect(w.offerId).toBe(offer);
    expect(await Promise.all([a, b, c].map((x) => sees(x!, offer)))).toEqual([true, false, false]);
    for (const rival of [b!, c!]) {
      expect((await call('GET', `/windows/${w.id}`, rival.key)).status).toBe(404);
      expect((await call('POST', `/windows/${w.id}/accept`, rival.key)).body.code).toBe('B2B_WINDOW_NOT_FOUND');
      expect((await call('POST', `/windows/${w.id}/decline`, rival.key)).status).toBe(404);
      expect((await call('GET', '/windows', rival.key)).body.items).toEqual([]);
    }
  });

  it('accepting reserves the line and records one deal; asking again returns the same deal', async () => {
    const { offer, buyers: [a, b] } = await market(220);
    const w = await openWindowOf(a!);
    const first = await call('POST', `/windows/${w.id}/accept`, a!.key);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ alreadyAccepted: false, window: { state: 'accepted', dealId: first.body.deal.id, offer: { status: 'reserved' } } });
    expect(first.body.deal).toMatchObject({ offerId: offer, buyerId: a!.id, requestId: a!.request, windowId: w.id, quantity_t: 24, price: { amount: 410, currency: 'EUR' } });
    expect(await offerStatus(h.db.sql, offer)).toEqual({ status: 'reserved', exclusive_buyer_id: a!.id });
    const again = await call('POST', `/windows/${w.id}/accept`, a!.key);
    expect([again.status, again.body.alreadyAccepted, again.body.deal.id]).toEqual([200, true, first.body.deal.id]);
    expect((await call('POST', `/windows/${w.id}/decline`, a!.key)).body.code).toBe('B2B_OFFER_UNAVAILABLE');
    expect(await sees(b!, offer)).toBe(false);
    expect(await h.db.sql`select count(*)::int as n from deals where offer_id = ${offer}`).toEqual([{ n: 1 }]);
  });

  it('declining passes the line to the next buyer in score order, and after the last to the open market', async () => {
    const { offer, buyers } = await market(300);
    const [a, b, c] = buyers as [Buyer, Buyer, Buyer];
    for (const [who, next] of [[a, b], [b, c]] as const) {
      const w = await openWindowOf(who);
      const declined = await call('POST', `/windows/${w.id}/decline`, who.key);
      expect([declined.status, declined.body.window.state]).toEqual([200, 'declined']);
      expect(await offerStatus(h.db.sql, offer)).toEqual({ status: 'exclusive', exclusive_buyer_id: next.id });
      expect(await sees(who, offer)).toBe(false);
      expect(await sees(next, offer)).toBe(true);
    }
    const last = await openWindowOf(c);
    expect((await call('POST', `/windows/${last.id}/decline`, c.key)).status).toBe(200);
    expect(await offerStatus(h.db.sql, offer)).toEqual({ status: 'open', exclusive_buyer_id: null });
    expect(await Promise.all([a, b, c].map((x) => sees(x, offer)))).toEqual([true, true, true]);
    const history = await call('GET', `/windows?offerId=${offer}`, operator);
    expect(history.body.items.map((x: { buyerId: string; state: string }) => [x.buyerId, x.state]))
      .toEqual([[c.id, 'declined'], [b.id, 'declined'], [a.id, 'declined']]);
    expect((await call('POST', `/windows/${last.id}/accept`, c.key)).body.code).toBe('B2B_WINDOW_CLOSED');
  });

  it('sizes the window by the buyer tier', async () => {
    const { buyers: [gold] } = await market(380, ['gold', 'standard']);
    const w = await openWindowOf(gold!);
    expect(Date.parse(w.expiresAt) - Date.parse(w.openedAt)).toBe(72 * 3_600_000);
  });

  it('lets operators see every window, filter by buyer, and answer for the buyer', async () => {
    const { buyers: [a, b] } = await market(460);
    const all = await call('GET', '/windows?state=open', operator);
    expect(all.body.items.length).toBeGreaterThan(1);
    const onlyA = await call('GET', `/windows?buyerId=${a!.id}`, operator);
    expect(onlyA.body.items.every((x: { buyerId: string }) => x.buyerId === a!.id)).toBe(true);
    const w = await openWindowOf(a!);
    const declined = await call('POST', `/windows/${w.id}/decline`, operator);
    expect(declined.body.window.state).toBe('declined');
    const [row] = await h.db.sql`select decided_by from exclusivity_windows where id = ${w.id}`;
    expect(row?.decided_by).toMatch(/^key:/);
    expect((await openWindowOf(b!)).offerId).toBe(w.offerId);
  });
});
