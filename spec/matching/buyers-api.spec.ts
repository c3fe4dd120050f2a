import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, keyFor } from '../support/gateway.js';
import { createHarness, type Harness } from '../support/harness.js';
import { buyerKey } from './world.js';

let h: Harness;
let app: FastifyInstance;
let operator: string;
beforeAll(async () => {
  h = await createHarness();
  app = await buildTestApp(h);
  await app.ready();
  operator = await keyFor(h, 'operator');
});
afterAll(async () => { await app.close(); await h.close(); });

async function call(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, key = operator) {
  const res = await app.inject({ method, url, headers: bearer(key), ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, body: res.json() };
}

const kartonwerk = {
  name: 'Kartonwerk Nord GmbH', country: 'DE', tier: 'gold',
  contacts: [{ name: 'Jana Petersen', email: 'J.Petersen@Kartonwerk.example' }, { name: 'Einkauf', email: 'einkauf@kartonwerk.example', newsletter: false }],
  follows: [{ grade: 'testliner-3', gsm: { min: 100, max: 140 } }, { grade: 'fluting' }],
};

describe('buyers', () => {
  it('creates a buyer with contacts and follows and reads it back', async () => {
    const made = await call('POST', '/buyers', kartonwerk);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      name: 'Kartonwerk Nord GmbH', country: 'DE', tier: 'gold',
      contacts: [{ name: 'Jana Petersen', email: 'j.petersen@kartonwerk.example', newsletter: true, unsubscribedAt: null }, { name: 'Einkauf', newsletter: false }],
      follows: expect.arrayContaining([{ grade: 'testliner-3', gsm: { min: 100, max: 140 }, width_mm: null }, { grade: 'fluting', gsm: null, width_mm: null }]),
    });
    expect((await call('GET', `/buyers/${made.body.id}`)).body).toEqual(made.body);
    const [token] = await h.db.sql`select unsubscribe_token from buyer_contacts where email = 'j.petersen@kartonwerk.example'`;
    expect(token?.unsubscribe_token).toMatch(/^[\w-]{32}$/);
  });

  it.each([
    ['a country that is no ISO code', { country: 'Germany' }, 'body.country'],
    ['an unknown grade to follow', { follows: [{ grade: 'cardboard' }] }, 'body.follows.0.grade'],
    ['a gsm range upside down', { follows: [{ grade: 'gc2', gsm: { min: 300, max: 200 } }] }, 'body.follows.0.gsm.min'],
    ['a bad e-mail address', { contacts: [{ name: 'X', email: 'not-an-address' }] }, 'body.contacts.0.email'],
  ])('refuses %s, naming the field', async (_what, change, field) => {
    const res = await call('POST', '/buyers', { ...kartonwerk, contacts: [], ...change });
    expect([res.status, res.body.code]).toEqual([400, 'B2B_VALIDATION']);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('refuses a second contact with the same e-mail address, and writes nothing', async () => {
    const before = await h.db.sql`select count(*)::int as n from buyers`;
    const res = await call('POST', '/buyers', { ...kartonwerk, name: 'Copy' });
    expect([res.status, res.body.code]).toEqual([409, 'B2B_CONFLICT']);
    expect(await h.db.sql`select count(*)::int as n from buyers`).toEqual(before);
  });

  it('updates the buyer, its contacts and its follows', async () => {
    const { body: b } = await call('POST', '/buyers', { name: 'Wellpappe Süd', country: 'AT' });
    expect(b.tier).toBe('standard');
    expect((await call('PATCH', `/buyers/${b.id}`, { tier: 'trial', name: 'Wellpappe Süd AG' })).body).toMatchObject({ tier: 'trial', name: 'Wellpappe Süd AG', country: 'AT' });
    const withContact = await call('POST', `/buyers/${b.id}/contacts`, { name: 'Eva', email: 'eva@wellpappe.example' });
    expect(withContact.status).toBe(201);
    const contactId = withContact.body.contacts[0].id;
    expect((await call('PATCH', `/buyers/${b.id}/contacts/${contactId}`, { newsletter: false })).body.contacts[0].newsletter).toBe(false);
    expect((await call('PUT', `/buyers/${b.id}/follows`, [{ grade: 'kraftliner', width_mm: { min: 1000 } }])).body.follows)
      .toEqual([{ grade: 'kraftliner', gsm: null, width_mm: { min: 1000, max: null } }]);
    expect((await call('DELETE', `/buyers/${b.id}/contacts/${contactId}`)).body.contacts).toEqual([]);
    expect((await call('DELETE', `/buyers/${b.id}/contacts/${contactId}`)).status).toBe(404);
    expect((await call('PATCH', '/buyers/0190a000-0000-7000-8000-000000000009', { tier: 'gold' })).body.code).toBe('B2B_BUYER_NOT_FOUND');
  });

  it('lists and filters buyers for operators; a buyer key reads only its own', async () => {
    const list = await call('GET', '/buyers?country=DE&tier=gold');
    expect(list.body.items.map((b: { name: string }) => b.name)).toEqual(['Kartonwerk Nord GmbH']);
    expect((await call('GET', '/buyers?q=wellpappe')).body.items.map((b: { name: string }) => b.name)).toEqual(['Wellpappe Süd AG']);
    const own = list.body.items[0].id;
    const other = (await call('GET', '/buyers?q=wellpappe')).body.items[0].id;
    const key = await buyerKey(h, own);
    expect((await call('GET', `/buyers/${own}`, undefined, key)).status).toBe(200);
    expect((await call('GET', `/buyers/${other}`, undefined, key)).body.code).toBe('B2B_BUYER_NOT_FOUND');
    expect((await call('GET', '/buyers', undefined, key)).status).toBe(403);
  });
});
