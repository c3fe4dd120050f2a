import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMillBySender } from '../../db/mills.js';
import { bearer, buildTestApp, keyFor } from '../support/gateway.js';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
let app: FastifyInstance;
let operator: string;

beforeAll(async () => {
  h = await createHarness();
  app = await buildTestApp(h);
  operator = await keyFor(h, 'operator');
});
afterAll(async () => { await app.close(); await h.close(); });

const post = (url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: bearer(operator), payload: payload as object });

describe('mills and the addresses they write from', () => {
  it('creates a mill with senders, normalised to lower case, and lists it', async () => {
    const res = await post('/mills', { name: 'Cartiera Veneta', country: 'IT', senders: ['Vendite@Cartiera-Veneta.example', '@cartiera-veneta.example'] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Cartiera Veneta', country: 'IT', senders: ['@cartiera-veneta.example', 'vendite@cartiera-veneta.example'] });
    const list = await app.inject({ method: 'GET', url: '/mills', headers: bearer(operator) });
    expect(list.json().map((m: { id: string }) => m.id)).toContain(res.json().id);
    const one = await app.inject({ method: 'GET', url: `/mills/${res.json().id}`, headers: bearer(operator) });
    expect(one.json()).toEqual(res.json());
  });

  it('adds a sender (201), again (200, unchanged), and attributes mail by it, subdomains included', async () => {
    const mill = (await post('/mills', { name: 'Kraft Nord', country: 'SE' })).json();
    const added = await post(`/mills/${mill.id}/senders`, { pattern: '@kraft-nord.example' });
    expect([added.statusCode, added.json().senders]).toEqual([201, ['@kraft-nord.example']]);
    const again = await post(`/mills/${mill.id}/senders`, { pattern: '@KRAFT-NORD.example' });
    expect([again.statusCode, again.json().senders]).toEqual([200, ['@kraft-nord.example']]);
    expect(await findMillBySender(h.db.sql, 'export@sales.kraft-nord.example')).toEqual({ id: mill.id, name: 'Kraft Nord', country: 'SE' });
    expect(await findMillBySender(h.db.sql, 'someone@kraft-nord.example.evil')).toBeNull();
  });

  it('refuses a sender that already belongs to another mill', async () => {
    const a = (await post('/mills', { name: 'A', senders: ['desk@shared.example'] })).json();
    const b = (await post('/mills', { name: 'B' })).json();
    const res = await post(`/mills/${b.id}/senders`, { pattern: 'desk@shared.example' });
    expect([res.statusCode, res.json().code, res.json().details]).toEqual([409, 'B2B_CONFLICT', { millId: a.id }]);
    const dup = await post('/mills', { name: 'C', senders: ['desk@shared.example'] });
    expect(dup.statusCode).toBe(409);
    const names = (await app.inject({ method: 'GET', url: '/mills', headers: bearer(operator) })).json().map((m: { name: string }) => m.name);
    expect(names).not.toContain('C');
  });

  it('removes a sender', async () => {
    const mill = (await post('/mills', { name: 'D', senders: ['x@d.example'] })).json();
    const res = await app.inject({ method: 'DELETE', url: `/mills/${mill.id}/senders/x@d.example`, headers: bearer(operator) });
    expect([res.statusCode, res.json().senders]).toEqual([200, []]);
    const again = await app.inject({ method: 'DELETE', url: `/mills/${mill.id}/senders/x@d.example`, headers: bearer(operator) });
    expect(again.statusCode).toBe(404);
  });

  it.each([
    ['/mills', { name: '' }, 'body.name'],
    ['/mills', { name: 'X', country: 'Germany' }, 'body.country'],
    ['/mills', { name: 'X', senders: ['not an address'] }, 'body.senders.0'],
    ['/mills', { name: 'X', senders: ['@localhost'] }, 'body.senders.0'],
  ])('refuses POST %s %j', async (url, payload, field) => {
    const res = await post(url, payload);
    expect([res.statusCode, res.json().code]).toEqual([400, 'B2B_VALIDATION']);
    expect(res.json().message).toContain(field);
  });

  it('answers 404 for an unknown mill', async () => {
    const res = await post(`/mills/${randomUUID()}/senders`, { pattern: '@x.example' });
    expect([res.statusCode, res.json().code]).toEqual([404, 'B2B_MILL_NOT_FOUND']);
  });
});
