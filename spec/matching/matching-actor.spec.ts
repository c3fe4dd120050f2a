import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../actors/common/log.js';
import { offerBox, requestBox } from '../../actors/matching/match-box.js';
import { candidateFilter } from '../../actors/matching/score.js';
import { staleRequestsJob } from '../../scheduler/jobs/stale-requests.js';
import { JobRunner } from '../../scheduler/runner.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { offer as offerSpec, request as requestSpec } from './fixtures.js';
import { addBuyer, addOffer, addRequest, FUTURE, matchesOf, offerStatus, windowsOf } from './world.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ MATCHES_PER_OFFER: '3' });
  await h.startWorker();
});
afterAll(async () => { await h.close(); });

/** Sends a matching message and waits for its result. */
async function run(type: 'matchOffers' | 'requestChanged', payload: object): Promise<Record<string, number>> {
  const { id } = await h.outbox.send('matching', type, payload as never);
  const row = await eventually(async () => {
    const [r] = await h.db.sql`select state, result, last_error from mailbox where id = ${id}`;
    return r?.state === 'done' || r?.state === 'dead' ? r : undefined;
  }, 20_000, `${type} done`);
  expect(row.last_error).toBeNull();
  return row.result as Record<string, number>;
}

const spec = (o: Parameters<typeof requestSpec>[0] = {}) => ({ stale_after: FUTURE, ...o });

describe('matching an offer', () => {
  it('ranks the eligible requests, keeps the best, and opens a window for the best buyer', async () => {
    const [a, b, c, d] = await Promise.all(['A', 'B', 'C', 'D'].map((n) => addBuyer(h.db.sql, `Buyer ${n}`)));
    const best = await addRequest(h, a!, spec());
    const second = await addRequest(h, b!, spec({ quantity_t: { min: 30, max: 40 } }));
    // Testliner 3 offered: a better quality than a TL4 request asks for, a lower one than TL2.
    const third = await addRequest(h, c!, spec({ grades: ['testliner-4'] }));
    const fourth = await addRequest(h, d!, spec({ grades: ['testliner-2'] }));
    await addRequest(h, d!, spec({ grades: ['kraftliner'] }));
    await addRequest(h, d!, spec({ max_price: { amount: 300, currency: 'EUR' } }));
    await addRequest(h, d!, spec({ stale_after: '2020-01-01' }));
    const offer = await addOffer(h.db.sql);
    const result = await run('matchOffers', { offerIds: [offer] });
    expect(result).toMatchObject({ offers: 1, matches: 3, windowsOpened: 1 });
    const kept = await matchesOf(h.db.sql, offer);
    expect(kept.map((m) => m.request_id)).toEqual([best, second, third]);
    expect(kept.map((m) => m.score)).toEqual([...kept.map((m) => m.score)].sort((x, y) => y - x));
    expect(kept.map((m) => m.request_id)).not.toContain(fourth);
    expect(await offerStatus(h.db.sql, offer)).toEqual({ status: 'exclusive', exclusive_buyer_id: a });
    const [w] = await windowsOf(h.db.sql, offer);
    expect(w).toMatchObject({ buyer_id: a, request_id: best, window_key: `${offer}/w1`, closed_at: null });
    const hours = (w!.expires_at.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(47.9);
    expect(hours).toBeLessThanOrEqual(48);
    const [expiry] = await h.db.sql`select key, dedupe_key, not_before from mailbox where type = 'expireWindow'`;
    expect(expiry).toEqual({ key: offer, dedupe_key: `expire:${offer}/w1`, not_before: w!.expires_at });
  });

  it('is idempotent: the same offer matched again changes no row', async () => {
    const buyer = await addBuyer(h.db.sql, 'Again');
    await addRequest(h, buyer, spec({ gsm: { min: 200, max: 210 } }));
    const offer = await addOffer(h.db.sql, { gsm: 205 });
    await run('matchOffers', { offerIds: [offer] });
    const before = await h.db.sql`select * from matches where offer_id = ${offer}`;
    const state = await h.db.sql`select state, updated_at from offer_exclusivity where offer_id = ${offer}`;
    const again = await run('matchOffers', { offerIds: [offer] });
    expect(again).toMatchObject({ matches: 1, windowsOpened: 0, windowsClosed: 0 });
    expect(await h.db.sql`select * from matches where offer_id = ${offer}`).toEqual(before);
    expect(await h.db.sql`select state, updated_at from offer_exclusivity where offer_id = ${offer}`).toEqual(state);
    expect(await windowsOf(h.db.sql, offer)).toHaveLength(1);
  });

  it('drops the matches of a withdrawn offer and closes its window', async () => {
    const buyer = await addBuyer(h.db.sql, 'Withdrawn-from');
    await addRequest(h, buyer, spec({ gsm: { min: 300, max: 310 } }));
    const offer = await addOffer(h.db.sql, { gsm: 305 });
    await run('matchOffers', { offerIds: [offer] });
    await h.db.sql`update offers set status = 'withdrawn' where id = ${offer}`;
    const result = await run('matchOffers', { offerIds: [offer] });
    expect(result).toMatchObject({ windowsClosed: 1 });
    expect(await matchesOf(h.db.sql, offer)).toEqual([]);
    expect((await windowsOf(h.db.sql, offer)).map((w) => w.outcome)).toEqual(['withdrawn']);
    expect(await offerStatus(h.db.sql, offer)).toEqual({ status: 'withdrawn', exclusive_buyer_id: buyer });
  });
});

describe('matching a request', () => {
  it('finds the offers a new request matches, and gets into their lists by score', async () => {
    const offers = await Promise.all([180, 182, 400].map((gsm) => addOffer(h.db.sql, { gsm })));
    await run('matchOffers', { offerIds: offers });
    const buyer = await addBuyer(h.db.sql, 'Newcomer');
    const req = await addRequest(h, buyer, spec({ gsm: { min: 178, max: 185 } }));
    const result = await run('requestChanged', { requestId: req });
    expect(result).toMatchObject({ matches: 2, windowsOpened: 2 });
    expect((await matchesOf(h.db.sql, offers[0]!)).map((m) => m.request_id)).toEqual([req]);
    expect((await matchesOf(h.db.sql, offers[1]!)).map((m) => m.request_id)).toEqual([req]);
    expect(await matchesOf(h.db.sql, offers[2]!)).toEqual([]);
    expect((await offerStatus(h.db.sql, offers[0]!)).exclusive_buyer_id).toBe(buyer);
  });

  it('takes a request that went stale or was deleted out of every list, and refills the lists', async () => {
    const offer = await addOffer(h.db.sql, { gsm: 500 });
    const buyers = await Promise.all([1, 2, 3, 4].map((n) => addBuyer(h.db.sql, `Heavy ${n}`)));
    const reqs = [];
    for (const [i, b] of buyers.entries()) reqs.push(await addRequest(h, b, spec({ gsm: { min: 495, max: 505 }, quantity_t: { min: 20 + i * 10, max: 30 + i * 10 } })));
    await run('matchOffers', { offerIds: [offer] });
    expect((await matchesOf(h.db.sql, offer)).map((m) => m.request_id)).toEqual(reqs.slice(0, 3));
    await h.db.sql`update buyer_requests set stale_after = '2020-01-01' where id = ${reqs[1]!}`;
    await run('requestChanged', { requestId: reqs[1]! });
    expect((await matchesOf(h.db.sql, offer)).map((m) => m.request_id)).toEqual([reqs[0], reqs[2], reqs[3]]);
    await h.db.sql`update buyer_requests set deleted_at = now() where id = ${reqs[2]!}`;
    await run('requestChanged', { requestId: reqs[2]! });
    expect((await matchesOf(h.db.sql, offer)).map((m) => m.request_id)).toEqual([reqs[0], reqs[3]]);
  });

  it('lets a better request displace the weakest of a full list', async () => {
    const offer = await addOffer(h.db.sql, { gsm: 600 });
    const buyers = await Promise.all([1, 2, 3, 4].map((n) => addBuyer(h.db.sql, `Board ${n}`)));
    const weak = [];
    for (const b of buyers.slice(0, 3)) weak.push(await addRequest(h, b, spec({ gsm: { min: 590, max: 600 }, quantity_t: { min: 40, max: 50 } })));
    await run('matchOffers', { offerIds: [offer] });
    const strong = await addRequest(h, buyers[3]!, spec({ gsm: { min: 595, max: 605 } }));
    await run('requestChanged', { requestId: strong });
    const list = await matchesOf(h.db.sql, offer);
    expect(list).toHaveLength(3);
    expect(list[0]?.request_id).toBe(strong);
    expect(list.map((m) => m.request_id)).toEqual([strong, ...weak.sort().slice(0, 2)]);
  });
});

describe('requests that go stale overnight', () => {
  it('leave the lists they sat in when the scheduler says so, and the lists fill up again', async () => {
    const offer = await addOffer(h.db.sql, { gsm: 700 });
    const buyers = await Promise.all([1, 2, 3, 4].map((n) => addBuyer(h.db.sql, `Night ${n}`)));
    const reqs = [];
    for (const [i, b] of buyers.entries()) reqs.push(await addRequest(h, b, spec({ gsm: { min: 695, max: 705 }, quantity_t: { min: 20 + i * 10, max: 30 + i * 10 } })));
    await run('matchOffers', { offerIds: [offer] });
    expect((await matchesOf(h.db.sql, offer)).map((m) => m.request_id)).toEqual(reqs.slice(0, 3));
    await h.db.sql`update buyer_requests set stale_after = '2020-01-01' where id = ${reqs[0]!}`;
    expect(await new JobRunner(h.db.sql, h.outbox, createLogger('test', 'silent')).fire(staleRequestsJob(h.config), new Date())).toBe(true);
    await eventually(async () => {
      const [r] = await h.db.sql`select state, result from mailbox where type = 'retireStaleRequests'`;
      return r?.state === 'done' ? r : undefined;
    }, 20_000, 'stale requests retired');
    expect((await matchesOf(h.db.sql, offer)).map((m) => m.request_id)).toEqual(reqs.slice(1, 4));
  });
});

describe('a full rematch', () => {
  it('rebuilds every list exactly as matching each offer does, and refreshes the prices in EUR', async () => {
    const live = await h.db.sql<{ id: string }[]>`select id from offers where status in ('open', 'exclusive') order by id`;
    await run('matchOffers', { offerIds: live.map((o) => o.id) });
    const snapshot = await h.db.sql`select offer_id, request_id, buyer_id, score from matches order by offer_id, request_id`;
    expect(snapshot.length).toBeGreaterThan(10);
    await h.db.sql`delete from matches`;
    const priced = await addRequest(h, await addBuyer(h.db.sql, 'Priced'), spec({ gsm: { min: 900, max: 910 }, max_price: { amount: 500, currency: 'USD' } }));
    await h.db.sql`update buyer_requests set max_price_eur = 1 where id = ${priced}`;
    const { id } = await h.outbox.send('matching', 'rematchAll', {});
    const row = await eventually(async () => {
      const [r] = await h.db.sql`select state, result from mailbox where id = ${id}`;
      return r?.state === 'done' ? r : undefined;
    }, 20_000, 'rematch done');
    expect(row.result).toMatchObject({ offers: live.length, matches: snapshot.length });
    expect(await h.db.sql`select offer_id, request_id, buyer_id, score from matches order by offer_id, request_id`).toEqual(snapshot);
    const [eur] = await h.db.sql`select max_price_eur from buyer_requests where id = ${priced}`;
    expect(eur?.max_price_eur).toBeCloseTo(500 * h.config.MARKET_CONFIG.rates_to_eur.USD, 6);
  });
});

describe('the candidate query', () => {
  it('reads requests through the match_box index, not the whole table', async () => {
    const buyer = await addBuyer(h.db.sql, 'Many');
    const rows = Array.from({ length: 3_000 }, (_, i) => {
      const r = requestSpec({ gsm: { min: 80 + (i % 150), max: 90 + (i % 150) }, grades: [(['fluting', 'testliner-3', 'gc2', 'kraftliner'] as const)[i % 4]!] });
      return {
        id: crypto.randomUUID(), buyer_id: buyer, grades: r.grades, gsm_min: r.gsm.min, gsm_max: r.gsm.max, width_min: r.width_mm.min, width_max: r.width_mm.max,
        quantity_min: 20, quantity_max: 30, destination_country: 'DE', destination_place: 'Hannover', stale_after: FUTURE, match_box: requestBox(r),
      };
    });
    await h.db.sql`insert into buyer_requests ${h.db.sql(rows as never)}`;
    await h.db.sql`analyze buyer_requests`;
    const f = candidateFilter(offerSpec(), h.config.MARKET_CONFIG, '2026-12-01');
    const plan = await h.db.sql`explain select id from buyer_requests r where r.deleted_at is null and r.match_box && ${offerBox(f)}::box
      and r.grades && ${f.grades}::text[] and r.gsm_min <= ${f.gsm_min_at_most} and r.gsm_max >= ${f.gsm_max_at_least}`;
    const text = plan.map((p) => p['QUERY PLAN']).join('\n');
    expect(text).toContain('buyer_requests_match');
    expect(text).not.toMatch(/Seq Scan on buyer_requests/);
  });
});
