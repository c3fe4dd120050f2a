import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../db/api-keys.js';
import { revokeApiKey, listApiKeys } from '../../db/api-keys.js';
import { bearer, buildTestApp, keyFor } from '../support/gateway.js';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
let app: FastifyInstance;
const keys = {} as Record<Role, string>;

beforeAll(async () => {
  h = await createHarness({ INBOUND_EMAIL_SECRET: 'x' });
  app = await buildTestApp(h);
  await app.ready();
  for (const role of ROLES) keys[role] = await keyFor(h, role);
});
afterAll(async () => { await app.close(); await h.close(); });

function guarded() {
  return app.routeAccess.filter((r) => r.roles !== 'public');
}

function concrete(url: string): string {
  return url.replace(/:[a-zA-Z]+/g, '0190a000-0000-7000-8000-000000000000');
}

describe('API keys', () => {
  it('guards every route that is not public', () => {
    expect(guarded().length).toBeGreaterThan(0);
    const open = app.routeAccess.filter((r) => r.roles === 'public').map((r) => r.url);
    for (const url of open) expect(url).toMatch(/healthz|readyz|docs|inbound|unsubscribe|\/ops\/console/);
  });

  it('refuses a missing key on every guarded route', async () => {
    for (const r of guarded()) {
      const res = await app.inject({ method: r.method as 'GET', url: concrete(r.url) });
      expect([r.url, res.statusCode, res.json().code]).toEqual([r.url, 401, 'B2B_UNAUTHENTICATED']);
    }
  });

  it('refuses an unknown key and a malformed header on every guarded route', async () => {
    for (const r of guarded()) {
      for (const authorization of ['Bearer b2b_not-a-real-key', 'Basic dXNlcjpwYXNz', keys.admin]) {
        const res = await app.inject({ method: r.method as 'GET', url: concrete(r.url), headers: { authorization } });
        expect([r.url, authorization, res.statusCode]).toEqual([r.url, authorization, 401]);
      }
    }
  });

  it('refuses a key of a role the route does not admit', async () => {
    let checked = 0;
    for (const r of guarded()) {
      for (const role of ROLES.filter((x) => !(r.roles as Role[]).includes(x))) {
        const res = await app.inject({ method: r.method as 'GET', url: concrete(r.url), headers: bearer(keys[role]) });
        expect([r.url, role, res.statusCode, res.json().code]).toEqual([r.url, role, 403, 'B2B_FORBIDDEN']);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('stops honouring a revoked key', async () => {
    const key = await keyFor(h, 'operator');
    const url = '/messages/0190a000-0000-7000-8000-000000000000';
    expect((await app.inject({ method: 'GET', url, headers: bearer(key) })).statusCode).toBe(404);
    const record = (await listApiKeys(h.db.sql)).find((k) => key.startsWith(k.key_prefix) && k.name === 'test operator' && !k.revoked_at);
    await revokeApiKey(h.db.sql, record!.id);
    const fresh = await buildTestApp(h);
    try {
      expect((await fresh.inject({ method: 'GET', url, headers: bearer(key) })).statusCode).toBe(401);
    } finally {
      await fresh.close();
    }
  });

  it('stores only the hash of a key', async () => {
    const rows = await h.db.sql`select key_hash from api_keys`;
    for (const row of rows) expect(Object.values(keys)).not.toContain(row.key_hash);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.key_hash as string))).toBe(true);
  });
});
