import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, keyFor } from '../support/gateway.js';
import { createHarness, type Harness } from '../support/harness.js';
import { VALID_INPUT } from './fixtures.js';
import { addBuyer, buyerKey, FUTURE } from './world.js';

let h: Harness;
let app: FastifyInstance;
let alice: { id: string; key: string };
let bob: { id: string; key: string };
let operator: string;

beforeAll(async () => {
  h = await createHarness();
  app = await buildTestApp(h);
  await app.ready();
  for (const who of ['Alice Karton', 'Bob Wellpappe']) {
    const id = await addBuyer(h.db.sql, who);
    const entry = { id, key: await buyerKey(h, id) };
    if (who.startsWith('Alice')) alice = entry;
    else bob = entry;
  }
  operator = await keyFor(h, 'operator');
});
afterAll(async () => { await app.close(); await h.close(); });

const input = { ...VALID_INPUT, stale_after: FUTURE };

async function post(key: string, body: unknown) {
  return app.inject({ method: 'POST', url: '/requests', headers: bearer(key), payload: body as object });
}

describe('POST /requests', () => {
  it('stores a buyer request with defaults and hands it to matching in the same transaction', async () => {
    const res = await post(alice.key, input);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ ...input, buyerId: alice.id, status: 'open', diameter_mm: null, core_mm: null, max_price: null });
    expect(res.headers.location).toBe(`/requests/${body.id}`);
    const [message] = await h.db.sql`select type, payload, key from mailbox where id = ${body.messageId}`;
    expect(message).toEqual({ type: 'requestChanged', payload: { requestId: body.id }, key: `request:${body.id}` });
  });

  it.each([
    ['a width range upside down', { width_mm: { min: 1300, max: 1000 } }, 'body.width_mm.min', 'width_mm.min must not exceed width_mm.max'],
    ['an unknown grade', { grades: ['testliner-3', 'cardboard-x'] }, 'body.grades.1', 'unknown grade "cardboard-x"'],
    ['a negative quantity', { quantity_t: { min: -5, max: 20 } }, 'body.quantity_t.min', 'quantity_t.min must not be negative'],
    ['a bad stale-after date', { stale_after: '31.12.2026' }, 'body.stale_after', 'stale_after must be a date'],
    ['an unknown field', { colour: 'brown' }, 'body', 'colour'],
  ])('refuses %s with a 400 naming the field', async (_what, change, field, why) => {
    const before = await h.db.sql`select count(*)::int as n from buyer_requests`;
    const res = await post(alice.key, { ...input, ...change });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('B2B_VALIDATION');
    expect(body.message).toContain(why);
    expect(body.details.map((d: { field: string }) => d.field.replace(/\.$/, ''))).toContain(field);
    expect(await h.db.sql`select count(*)::int as n from buyer_requests`).toEqual(before);
  });

  it('makes an operator name an existing buyer, and keeps a buyer to its own', async () => {
    expect((await post(operator, input)).json().code).toBe('B2B_VALIDATION');
    expect((await post(operator, { ...input, buyerId: '0190a000-0000-7000-8000-000000000001' })).statusCode).toBe(404);
    const made = await post(operator, { ...input, buyerId: bob.id });
    expect([made.statusCode, made.json().buyerId]).toEqual([201, bob.id]);
    const foreign = await post(alice.key, { ...input, buyerId: bob.id });
    expect([foreign.statusCode, foreign.json().code]).toEqual([400, 'B2B_VALIDATION']);
  });
});

describe('GET, PATCH and DELETE /requests', () => {
  it("answers 404, never 403, for another buyer's request, whatever the verb", async () => {
    const id = (await post(bob.key, input)).json().id;
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const res = await app.inject({ method, url: `/requests/${id}`, headers: bearer(alice.key), ...(method === 'PATCH' ? { payload: { gsm: { max: 140 } } } : {}) });
      expect([method, res.statusCode, res.json().code]).toEqual([method, 404, 'B2B_REQUEST_NOT_FOUND']);
    }
    expect((await app.inject({ method: 'GET', url: `/requests/${id}`, headers: bearer(bob.key) })).statusCode).toBe(200);
  });

  it('lists a buyer its own requests only, operators all or one buyer', async () => {
    const list = async (key: string, query = '') => (await app.inject({ method: 'GET', url: `/requests${query}`, headers: bearer(key) })).json();
    const mine = await list(alice.key);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((r: { buyerId: string }) => r.buyerId === alice.id)).toBe(true);
    const all = await list(operator);
    expect(new Set(all.items.map((r: { buyerId: string }) => r.buyerId))).toEqual(new Set([alice.id, bob.id]));
    const bobs = await list(operator, `?buyerId=${bob.id}`);
    expect(bobs.items.every((r: { buyerId: string }) => r.buyerId === bob.id)).toBe(true);
    const paged = await list(operator, '?limit=1');
    expect(paged.items).toHaveLength(1);
    const next = await list(operator, `?limit=1&cursor=${paged.nextCursor}`);
    expect(next.items[0].id).not.toBe(paged.items[0].id);
  });

  it('patches one bound, checks the merged request as a whole, and tells matching', async () => {
    const id = (await post(alice.key, input)).json().id;
    const res = await app.inject({ method: 'PATCH', url: `/requests/${id}`, headers: bearer(alice.key), payload: { gsm: { max: 150 }, core_mm: 76 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ gsm: { min: 120, max: 150 }, core_mm: 76, width_mm: input.width_mm });
    const [row] = await h.db.sql`select gsm_max, core_mm, match_box::text as box from buyer_requests where id = ${id}`;
    expect(row).toEqual({ gsm_max: 150, core_mm: 76, box: '(10150,1000),(10120,1000)' });
    const bad = await app.inject({ method: 'PATCH', url: `/requests/${id}`, headers: bearer(alice.key), payload: { width_mm: { min: 1300 } } });
    expect([bad.statusCode, bad.json().details[0].field]).toEqual([400, 'body.width_mm.min']);
    const changes = await h.db.sql`select count(*)::int as n from mailbox where type = 'requestChanged' and payload->>'requestId' = ${id}`;
    expect(changes[0]?.n).toBe(2);
  });

  it('deletes a request: gone for its buyer, kept for the record', async () => {
    const id = (await post(alice.key, input)).json().id;
    const del = await app.inject({ method: 'DELETE', url: `/requests/${id}`, headers: bearer(alice.key) });
    expect(del.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/requests/${id}`, headers: bearer(alice.key) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/requests/${id}`, headers: bearer(alice.key) })).statusCode).toBe(404);
    const [row] = await h.db.sql`select deleted_at is not null as deleted from buyer_requests where id = ${id}`;
    expect(row?.deleted).toBe(true);
  });

  it('shows a request past its stale-after date as stale', async () => {
    const id = (await post(alice.key, { ...input, stale_after: '2020-01-31' })).json().id;
    const res = await app.inject({ method: 'GET', url: `/requests/${id}`, headers: bearer(alice.key) });
    expect(res.json().status).toBe('stale');
    const stale = await app.inject({ method: 'GET', url: '/requests?status=stale', headers: bearer(alice.key) });
    expect(stale.json().items.map((r: { id: string }) => r.id)).toEqual([id]);
  });
});
