import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createLogger } from '../../actors/common/log.js';
import { Outbox } from '../../actors/mailbox/outbox.js';
import { names } from '../../actors/transport/names.js';
import { RedisTransport } from '../../actors/transport/redis.js';
import { buildApp } from '../../gateway/app.js';
import { ReplyWaiter } from '../../gateway/replies.js';
import { buildTestApp } from '../support/gateway.js';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
let app: FastifyInstance;
beforeAll(async () => { h = await createHarness(); app = await buildTestApp(h); });
afterAll(async () => { await app.close(); await h.close(); });

describe('health and docs', () => {
  it('answers /healthz and /readyz when PostgreSQL and Redis answer', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', postgres: true, transport: true });
  });

  it('answers /readyz with 503 when Redis does not answer', async () => {
    const log = createLogger('test', 'silent');
    const deadRedis = new RedisTransport('redis://127.0.0.1:1', names('dead'), log);
    const waiter = new ReplyWaiter(h.db.sql, deadRedis, names('dead'));
    const broken = await buildApp({ config: h.config, sql: h.db.sql, transport: deadRedis, outbox: new Outbox(h.db.sql, deadRedis), waiter });
    try {
      const res = await broken.inject('/readyz');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', postgres: true, transport: false });
    } finally {
      await broken.close();
      deadRedis.client.disconnect();
    }
  });

  it('serves the OpenAPI document generated from the schemas, and the docs page', async () => {
    const spec = (await app.inject('/docs/json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/inbound/email', '/messages/{id}', '/readyz']));
    expect(spec.paths['/messages/{id}'].get.responses['200']).toBeDefined();
    const page = await app.inject('/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/swagger/i);
  });

  it('answers an unknown route with a coded 404', async () => {
    const res = await app.inject('/no/such/route');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('B2B_NOT_FOUND');
  });
});
