import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../db/api-keys.js';
import { bearer, buildTestApp, keyFor } from '../support/gateway.js';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
let app: FastifyInstance;
const keys = {} as Record<Role, string>;

beforeAll(async () => {
  h = await createHarness({ BASE_PATH: '/mvp' });
  app = await buildTestApp(h);
  await app.ready();
  for (const role of ROLES) keys[role] = await keyFor(h, role);
});
afterAll(async () => { await app.close(); await h.close(); });

/** Every operator route and /metrics: what an operator key opens and nothing else does. */
function operatorRoutes() {
  return app.routeAccess.filter((r) => (r.url.startsWith('/mvp/ops') || r.url === '/mvp/metrics') && !r.url.startsWith('/mvp/ops/console'));
}

function concrete(url: string): string {
  return url.replace(':actor', 'housekeeping').replace(/:[a-zA-Z]+/g, '0190a000-0000-7000-8000-000000000000');
}

describe('the operator routes', () => {
  it('are all there, all for operators and admins only', () => {
    const urls = operatorRoutes().map((r) => `${r.method} ${r.url}`);
    for (const expected of [
      'GET /mvp/ops/actors', 'GET /mvp/ops/workers', 'GET /mvp/ops/throughput', 'GET /mvp/ops/audit', 'GET /mvp/metrics',
      'GET /mvp/ops/actors/:actor/messages', 'GET /mvp/ops/messages/:id', 'POST /mvp/ops/messages/:id/retry',
      'POST /mvp/ops/messages/:id/cancel', 'POST /mvp/ops/actors/:actor/dead-letters/retry', 'POST /mvp/ops/actors/:actor/dead-letters/purge',
      'POST /mvp/ops/actors/:actor/pause', 'POST /mvp/ops/actors/:actor/resume', 'POST /mvp/ops/probes',
    ]) expect(urls).toContain(expected);
    for (const r of operatorRoutes()) expect([r.url, r.roles]).toEqual([r.url, ['operator', 'admin']]);
  });

  it('refuse a request without a key, and a buyer or mill key, changing nothing', async () => {
    for (const r of operatorRoutes()) {
      const none = await app.inject({ method: r.method as 'GET', url: concrete(r.url) });
      expect([r.url, none.statusCode, none.json().code]).toEqual([r.url, 401, 'B2B_UNAUTHENTICATED']);
      for (const role of ['buyer', 'mill'] as const) {
        const res = await app.inject({ method: r.method as 'GET', url: concrete(r.url), headers: bearer(keys[role]) });
        expect([r.url, role, res.statusCode, res.json().code]).toEqual([r.url, role, 403, 'B2B_FORBIDDEN']);
      }
    }
    const [audit] = await h.db.sql<{ n: number }[]>`select count(*)::int as n from ops_audit`;
    const [controls] = await h.db.sql<{ n: number }[]>`select count(*)::int as n from actor_controls`;
    expect([audit?.n, controls?.n]).toEqual([0, 0]);
  });

  it('let operator and admin keys in', async () => {
    for (const role of ['operator', 'admin'] as const) {
      for (const url of ['/mvp/ops/actors', '/mvp/ops/workers', '/mvp/ops/audit', '/mvp/ops/throughput', '/mvp/metrics', '/mvp/ops/actors/housekeeping/messages']) {
        const res = await app.inject({ method: 'GET', url, headers: bearer(keys[role]) });
        expect([url, role, res.statusCode]).toEqual([url, role, 200]);
      }
    }
  });

  it('are documented in the OpenAPI, the console is not', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/mvp/docs/json' })).json();
    const paths = Object.keys(doc.paths);
    // Paths are relative to the server, whose URL carries the base path.
    expect(doc.servers).toEqual([{ url: '/mvp' }]);
    for (const path of ['/ops/actors', '/ops/workers', '/ops/actors/{actor}/messages', '/ops/messages/{id}/retry',
      '/ops/actors/{actor}/dead-letters/purge', '/ops/audit', '/metrics']) expect(paths).toContain(path);
    expect(paths.filter((p) => p.includes('console'))).toEqual([]);
    expect(doc.paths['/ops/actors'].get.tags).toEqual(['operations']);
  });

  it('serve the console itself without a key (it holds no data), under the base path', async () => {
    const redirect = await app.inject({ method: 'GET', url: '/mvp/ops/console' });
    expect([redirect.statusCode, redirect.headers.location]).toEqual([302, 'console/']);
    const page = await app.inject({ method: 'GET', url: '/mvp/ops/console/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('src="console.js"');
    expect((await app.inject({ method: 'GET', url: '/mvp/ops/console/console.js' })).headers['content-type']).toMatch(/javascript/);
    expect((await app.inject({ method: 'GET', url: '/mvp/ops/console/console.css' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/mvp/ops/console/chart.js' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/mvp/ops/console/..%2F..%2Fpackage.json' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/ops/console/' })).statusCode).toBe(404);
  });
});
