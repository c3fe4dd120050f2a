import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchOffers, scorerFor } from '../../actors/matching/match-offers.js';
import { bearer, buildTestApp, keyFor } from '../support/gateway.js';
import { createHarness, type Harness } from '../support/harness.js';
import { addBuyer, addOffer, addRequest, buyerKey, FUTURE } from './world.js';

let h: Harness;
let app: FastifyInstance;
let operator: string;
const buyers: { id: string; key: string; request: string }[] = [];
const offers: string[] = [];

/** Three buyers want Testliner 3 around 125 g/m²; four offer lines, matched. */
beforeAll(async () => {
  h = await createHarness();
  app = await buildTestApp(h);
  await app.ready();
  operator = await keyFor(h, 'operator');
  for (const [i, country] of ['DE', 'PL', 'FR'].entries()) {
    const id = await addBuyer(h.db.sql, `Converter ${country}`, 'standard', country);
    const request = await addRequest(h, id, { quantity_t: { min: 20 + 10 * i, max: 30 + 10 * i }, destination: { country, place: 'Plant' }, stale_after: FUTURE });
    buyers.push({ id, key: await buyerKey(h, id), request });
  }
  for (const gsm of [125, 127, 122]) offers.push(await addOffer(h.db.sql, { gsm }));
  offers.push(await addOffer(h.db.sql, { gsm: 125, price: { amount: 480, currency: 'USD', per: 't' } }));
  await matchOffers({ sql: h.db.sql, config: h.config }, scorerFor({}, h.config), offers);
});
afterAll(async () => { await app.close(); await h.close(); });

async function get(key: string, query = '') {
  const res = await app.inject({ method: 'GET', url: `/matches${query}`, headers: bearer(key) });
  expect(res.statusCode).toBe(200);
  return res.json() as { items: { offerId: string; requestId: string; buyerId: string; score: number; rank: number; reasons: { factor: string; text: string }[]; offer: { status: string } }[]; nextCursor: string | null };
}

describe('GET /matches', () => {
  it('shows a buyer its own matches only, each with score, rank and reasons in words', async () => {
    const [best] = buyers;
    const page = await get(best!.key);
    expect(page.items.length).toBe(4);
    for (const m of page.items) {
      expect(m.buyerId).toBe(best!.id);
      expect(m.rank).toBe(1);
      expect(m.reasons.map((r) => r.factor)).toEqual(['grade', 'gsm', 'width', 'diameter_core', 'quantity', 'price', 'freight', 'freshness']);
    }
    const usd = page.items.find((m) => m.offerId === offers[3]);
    expect(usd?.reasons.find((r) => r.factor === 'price')?.text).toMatch(/USD 480\/t \(about EUR 413\/t\)/);
    expect(page.items.map((m) => m.score)).toEqual([...page.items.map((m) => m.score)].sort((a, b) => b - a));
  });

  it("never shows a buyer a match on a line under a rival's window", async () => {
    const [, second, third] = buyers;
    for (const rival of [second!, third!]) expect((await get(rival.key)).items).toEqual([]);
    const [w] = await h.db.sql`select id from exclusivity_windows where offer_id = ${offers[0]!} and closed_at is null`;
    await app.inject({ method: 'POST', url: `/windows/${w!.id}/decline`, headers: bearer(buyers[0]!.key) });
    const now = await get(second!.key);
    expect(now.items.map((m) => [m.offerId, m.rank])).toEqual([[offers[0], 2]]);
    expect((await get(buyers[0]!.key)).items.map((m) => m.offerId)).not.toContain(offers[0]);
  });

  it('shows operators every match, filtered by buyer, offer, request, grade or score, page by page', async () => {
    const all = await get(operator);
    expect(all.items).toHaveLength(12);
    expect(new Set(all.items.map((m) => m.buyerId)).size).toBe(3);
    expect((await get(operator, `?buyerId=${buyers[2]!.id}`)).items.every((m) => m.buyerId === buyers[2]!.id)).toBe(true);
    const one = await get(operator, `?offerId=${offers[1]}`);
    expect(one.items.map((m) => m.rank)).toEqual([1, 2, 3]);
    expect((await get(operator, `?requestId=${buyers[1]!.request}`)).items).toHaveLength(4);
    expect((await get(operator, '?grade=fluting')).items).toEqual([]);
    const floor = all.items[5]!.score;
    expect((await get(operator, `?minScore=${floor}`)).items.every((m) => m.score >= floor)).toBe(true);
    const pages = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await get(operator, `?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(...page.items.map((m) => `${m.offerId}/${m.requestId}`));
      cursor = page.nextCursor;
    }
    expect(pages).toEqual(all.items.map((m) => `${m.offerId}/${m.requestId}`));
    const bad = await app.inject({ method: 'GET', url: '/matches?cursor=nonsense', headers: bearer(operator) });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'B2B_VALIDATION']);
  });

  it('leaves out stale requests and withdrawn offers', async () => {
    await h.db.sql`update buyer_requests set stale_after = '2020-01-01' where id = ${buyers[2]!.request}`;
    await h.db.sql`update offers set status = 'withdrawn' where id = ${offers[2]!}`;
    const all = await get(operator);
    expect(all.items.some((m) => m.buyerId === buyers[2]!.id)).toBe(false);
    expect(all.items.some((m) => m.offerId === offers[2])).toBe(false);
  });
});
