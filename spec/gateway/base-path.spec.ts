import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, keyFor } from '../support/gateway.js';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
let app: FastifyInstance;
beforeAll(async () => { h = await createHarness({ BASE_PATH: '/mvp' }); app = await buildTestApp(h); });
afterAll(async () => { await app.close(); await h.close(); });

describe('BASE_PATH behind Nginx', () => {
  it('serves every route, the docs and the Location headers under the prefix', async () => {
    expect((await app.inject('/mvp/healthz')).statusCode).toBe(200);
    expect((await app.inject('/healthz')).statusCode).toBe(404);
    expect((await app.inject('/mvp/docs/json')).json().servers).toEqual([{ url: '/mvp' }]);
    expect((await app.inject('/mvp/docs/')).statusCode).toBe(200);
    const key = await keyFor(h, 'operator');
    const res = await app.inject({ method: 'POST', url: '/mvp/ops/probes', headers: bearer(key), payload: {} });
    expect(res.statusCode).toBe(202);
    expect(res.headers.location).toBe(`/mvp/messages/${res.json().messageId}`);
  });
});
