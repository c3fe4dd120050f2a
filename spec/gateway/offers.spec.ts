import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferLine } from '../../actors/domain/offer-line.js';
import { createMill } from '../../db/mills.js';
import { createOffers } from '../../db/offers.js';
import { bearer, buildTestApp, keyFor } from '../support/gateway.js';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
let app: FastifyInstance;
const keys = {} as Record<'buyerA' | 'buyerB' | 'millM' | 'millN' | 'operator', string>;
let millM: string;
let millN: string;
let buyerA: string;
let buyerB: string;
const ids = {} as Record<string, string>;

const line = (over: Partial<OfferLine> = {}): OfferLine => ({
  grade: 'testliner-3', gsm: 125, width_mm: 1250, sheet_mm: null, diameter_mm: null, core_mm: null, quantity_t: 24, quantity_shared: false,
  reels: null, price: { amount: 410, currency: 'EUR', per: 't' }, incoterm: { term: 'FCA', place: 'mill' }, origin: 'DE', available: '2026-02-10', ...over,
});

async function seed(name: string, millId: string, over: Partial<OfferLine>, status = 'open', buyerId: string | null = null): Promise<void> {
  const [row] = await createOffers(h.db.sql, millId, 'test', [line(over)]);
  await h.db.sql`update offers set status = ${status}, exclusive_buyer_id = ${buyerId} where id = ${row!.id}`;
  ids[name] = row!.id;
}

beforeAll(async () => {
  h = await createHarness();
  app = await buildTestApp(h);
  millM = (await createMill(h.db.sql, { name: 'Mill M', country: 'DE' })).id;
  millN = (await createMill(h.db.sql, { name: 'Mill N', country: 'IT' })).id;
  buyerA = randomUUID();
  buyerB = randomUUID();
  await h.db.sql`insert into buyers (id, name, country) values (${buyerA}, 'A', 'DE'), (${buyerB}, 'B', 'PL')`;
  keys.buyerA = await keyFor(h, 'buyer', { buyerId: buyerA });
  keys.buyerB = await keyFor(h, 'buyer', { buyerId: buyerB });
  keys.millM = await keyFor(h, 'mill', { millId: millM });
  keys.millN = await keyFor(h, 'mill', { millId: millN });
  keys.operator = await keyFor(h, 'operator');
  await seed('openTL3', millM, {});
  await seed('openFluting', millN, { grade: 'fluting', gsm: 100, width_mm: 2500, origin: 'IT', available: '2026-W12' });
  await seed('openSheets', millN, { grade: 'gd2', gsm: 300, width_mm: null, sheet_mm: [700, 1000], origin: 'PL', available: null });
  await seed('exclusiveA', millM, { gsm: 140 }, 'exclusive', buyerA);
  await seed('reservedB', millM, { gsm: 150 }, 'reserved', buyerB);
  await seed('sold', millM, { gsm: 160 }, 'sold');
  await seed('withdrawnM', millM, { gsm: 170 }, 'withdrawn');
});
afterAll(async () => { await app.close(); await h.close(); });

async function list(key: string, query = ''): Promise<{ items: { id: string; provenance?: unknown }[]; nextCursor: string | null }> {
  const res = await app.inject({ method: 'GET', url: `/offers${query}`, headers: bearer(key) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const idsOf = (page: { items: { id: string }[] }) => page.items.map((o) => o.id).sort();
const named = (...names: string[]) => names.map((n) => ids[n]).sort();

describe('GET /offers: buyers see only what the market may see', () => {
  it('a buyer sees the open market and its own exclusive line, never a rival\'s, sold or withdrawn', async () => {
    expect(idsOf(await list(keys.buyerA))).toEqual(named('openTL3', 'openFluting', 'openSheets', 'exclusiveA'));
    expect(idsOf(await list(keys.buyerB))).toEqual(named('openTL3', 'openFluting', 'openSheets', 'reservedB'));
  });

  it('a mill sees the open market and all its own lines; an operator sees everything', async () => {
    expect(idsOf(await list(keys.millN))).toEqual(named('openTL3', 'openFluting', 'openSheets'));
    expect(idsOf(await list(keys.millM))).toEqual(named('openTL3', 'openFluting', 'openSheets', 'exclusiveA', 'reservedB', 'sold', 'withdrawnM'));
    expect((await list(keys.operator)).items).toHaveLength(7);
  });

  it('shows where a line came from only to operators and its own mill', async () => {
    const byBuyer = await list(keys.buyerA);
    expect(byBuyer.items.every((o) => o.provenance === undefined)).toBe(true);
    const byMill = await list(keys.millN);
    expect(byMill.items.filter((o) => o.provenance).map((o) => o.id).sort()).toEqual(named('openFluting', 'openSheets'));
    const one = await app.inject({ method: 'GET', url: `/offers/${ids.openTL3}`, headers: bearer(keys.operator) });
    expect(one.json()).toMatchObject({ grade: 'testliner-3', gsm: 125, price: { amount: 410, currency: 'EUR', per: 't' }, incoterm: { term: 'FCA', place: 'mill' }, status: 'open', provenance: { millId: millM, emailId: null, source: 'api' } });
  });

  it.each([
    ['?grade=fluting', ['openFluting']],
    ['?grade=testliner-3,gd2', ['openTL3', 'openSheets', 'exclusiveA']],
    ['?gsmMin=130&gsmMax=145', ['exclusiveA']],
    ['?widthMin=2000', ['openFluting']],
    ['?widthMax=1300', ['openTL3', 'exclusiveA']],
    ['?origin=PL', ['openSheets']],
    ['?availableBefore=2026-03-16', ['openTL3', 'exclusiveA']],
    ['?availableBefore=2026-03-17', ['openTL3', 'openFluting', 'exclusiveA']],
    ['?status=exclusive', ['exclusiveA']],
  ])('filters %s', async (query, expected) => {
    expect(idsOf(await list(keys.buyerA, query))).toEqual(named(...expected));
  });

  it.each(['?grade=lwc', '?origin=de', '?gsmMin=abc', '?availableBefore=2026-W12', '?limit=0'])('refuses %s with the field named', async (query) => {
    const res = await app.inject({ method: 'GET', url: `/offers${query}`, headers: bearer(keys.buyerA) });
    expect([res.statusCode, res.json().code]).toEqual([400, 'B2B_VALIDATION']);
    expect(res.json().message).toMatch(/^querystring\./);
  });

  it('pages newest first with a cursor', async () => {
    const first = await list(keys.operator, '?limit=3');
    const second = await list(keys.operator, `?limit=3&cursor=${first.nextCursor}`);
    const third = await list(keys.operator, `?limit=3&cursor=${second.nextCursor}`);
    const all = [...first.items, ...second.items, ...third.items].map((o) => o.id);
    expect(third.nextCursor).toBeNull();
    expect(all).toEqual(Object.values(ids).sort().reverse());
  });

  it('GET /offers/{id} answers 404 for a line the caller may not see', async () => {
    const rival = await app.inject({ method: 'GET', url: `/offers/${ids.exclusiveA}`, headers: bearer(keys.buyerB) });
    expect([rival.statusCode, rival.json().code]).toEqual([404, 'B2B_OFFER_NOT_FOUND']);
    expect((await app.inject({ method: 'GET', url: `/offers/${ids.exclusiveA}`, headers: bearer(keys.buyerA) })).statusCode).toBe(200);
  });
});

describe('POST /offers', () => {
  it('a mill key enters lines for its own mill; they go on the market and to matching', async () => {
    const res = await app.inject({ method: 'POST', url: '/offers', headers: bearer(keys.millN), payload: { offers: [line({ grade: 'kraftliner', gsm: 175 }), line({ grade: 'kraftliner', gsm: 200 })] } });
    expect(res.statusCode).toBe(201);
    const { offers, messageId } = res.json();
    expect(offers.map((o: { gsm: number; status: string; provenance: { millId: string } }) => [o.gsm, o.status, o.provenance.millId])).toEqual([[175, 'open', millN], [200, 'open', millN]]);
    const [message] = await h.db.sql`select actor, type, payload from mailbox where id = ${messageId}`;
    expect(message).toEqual({ actor: 'matching', type: 'matchOffers', payload: { offerIds: offers.map((o: { id: string }) => o.id) } });
    expect(idsOf(await list(keys.buyerA, '?grade=kraftliner'))).toEqual(offers.map((o: { id: string }) => o.id).sort());
  });

  it('an operator names the mill, which must exist', async () => {
    const ok = await app.inject({ method: 'POST', url: '/offers', headers: bearer(keys.operator), payload: { millId: millM, offers: [line({ gsm: 186 })] } });
    expect(ok.statusCode).toBe(201);
    const none = await app.inject({ method: 'POST', url: '/offers', headers: bearer(keys.operator), payload: { offers: [line()] } });
    expect([none.statusCode, none.json().code]).toEqual([400, 'B2B_VALIDATION']);
    const unknown = await app.inject({ method: 'POST', url: '/offers', headers: bearer(keys.operator), payload: { millId: randomUUID(), offers: [line()] } });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'B2B_MILL_NOT_FOUND']);
  });

  it.each([
    ['a gsm of 0', { offers: [line({ gsm: 0 })] }, /body\.offers\.0\.gsm/],
    ['a grade without a code', { offers: [{ ...line(), grade: 'lwc' }] }, /body\.offers\.0\.grade/],
    ['a week that is no week', { offers: [line({ available: '2026-W60' })] }, /body\.offers\.0\.available/],
    ['no lines', { offers: [] }, /body\.offers/],
  ])('refuses %s, storing nothing', async (_name, payload, field) => {
    const [{ n: before }] = await h.db.sql<{ n: number }[]>`select count(*)::int as n from offers` as unknown as [{ n: number }];
    const res = await app.inject({ method: 'POST', url: '/offers', headers: bearer(keys.millM), payload });
    expect([res.statusCode, res.json().code]).toEqual([400, 'B2B_VALIDATION']);
    expect(res.json().message).toMatch(field);
    const [{ n: after }] = await h.db.sql<{ n: number }[]>`select count(*)::int as n from offers` as unknown as [{ n: number }];
    expect(after).toBe(before);
  });

  it('refuses a figure too large to store, storing nothing', async () => {
    const res = await app.inject({ method: 'POST', url: '/offers', headers: bearer(keys.millM), payload: { offers: [line({ quantity_t: 1e12 })] } });
    expect([res.statusCode, res.json().code]).toEqual([400, 'B2B_VALIDATION']);
  });

  it('keeps a sheet format as written', async () => {
    const res = await app.inject({ method: 'POST', url: '/offers', headers: bearer(keys.millM), payload: { offers: [line({ grade: 'wfu', gsm: 80, width_mm: null, sheet_mm: [640, 900] })] } });
    const fetched = await app.inject({ method: 'GET', url: `/offers/${res.json().offers[0].id}`, headers: bearer(keys.buyerA) });
    expect(fetched.json()).toMatchObject({ grade: 'wfu', width_mm: null, sheet_mm: [640, 900] });
  });

  it('a mill key cannot offer for another mill', async () => {
    const res = await app.inject({ method: 'POST', url: '/offers', headers: bearer(keys.millM), payload: { millId: millN, offers: [line()] } });
    expect([res.statusCode, res.json().code]).toEqual([403, 'B2B_FORBIDDEN']);
  });
});

describe('PATCH /offers/{id}: withdrawal', () => {
  const withdraw = (key: string, id: string) => app.inject({ method: 'PATCH', url: `/offers/${id}`, headers: bearer(key), payload: { status: 'withdrawn' } });

  it('its mill withdraws an open line; the market stops seeing it; doing it again is harmless', async () => {
    const res = await withdraw(keys.millM, ids.openTL3!);
    expect([res.statusCode, res.json().status]).toEqual([200, 'withdrawn']);
    expect(idsOf(await list(keys.buyerA))).not.toContain(ids.openTL3);
    expect((await withdraw(keys.millM, ids.openTL3!)).json().status).toBe('withdrawn');
    // Matching hears of it once, so the line's matches and any open window close.
    const told = await h.db.sql`select payload from mailbox where actor = 'matching' and dedupe_key = ${`offers:withdrawn:${ids.openTL3}`}`;
    expect(told.map((m) => m.payload)).toEqual([{ offerIds: [ids.openTL3] }]);
  });

  it('another mill may not; an operator may', async () => {
    const other = await withdraw(keys.millM, ids.openFluting!);
    expect([other.statusCode, other.json().code]).toEqual([403, 'B2B_FORBIDDEN']);
    expect((await withdraw(keys.operator, ids.openFluting!)).json().status).toBe('withdrawn');
  });

  it('a sold or reserved line can no longer be withdrawn', async () => {
    for (const name of ['sold', 'reservedB']) {
      const res = await withdraw(keys.millM, ids[name]!);
      expect([name, res.statusCode, res.json().code]).toEqual([name, 409, 'B2B_OFFER_UNAVAILABLE']);
    }
  });

  it('only withdrawal is a change this route makes', async () => {
    const res = await app.inject({ method: 'PATCH', url: `/offers/${ids.openSheets}`, headers: bearer(keys.operator), payload: { status: 'open' } });
    expect([res.statusCode, res.json().code]).toEqual([400, 'B2B_VALIDATION']);
    const unknown = await withdraw(keys.operator, randomUUID());
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'B2B_OFFER_NOT_FOUND']);
  });
});
