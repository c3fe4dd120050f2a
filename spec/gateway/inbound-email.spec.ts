import { corpusMail } from '../support/fixtures.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, keyFor, signRaw } from '../support/gateway.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

const SECRET = 'test-inbound-secret';
const mail = corpusMail('d001');
let h: Harness;
let app: FastifyInstance;

async function counts() {
  const [r] = await h.db.sql`select (select count(*)::int from emails) as emails, (select count(*)::int from mailbox) as messages`;
  return r as { emails: number; messages: number };
}

beforeAll(async () => {
  h = await createHarness({ INBOUND_EMAIL_SECRET: SECRET, BODY_LIMIT_BYTES: String(25 * 1024 * 1024) });
  app = await buildTestApp(h);
  await h.startWorker();
});
afterAll(async () => { await app.close(); await h.close(); });

describe('POST /inbound/email', () => {
  it('stores the raw mail, answers 202 with a Location, and the ingestion actor records its parts', async () => {
    const res = await app.inject({ method: 'POST', url: '/inbound/email', headers: signRaw(SECRET, mail), payload: mail });
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(res.headers.location).toBe(`/messages/${body.messageId}`);
    expect(body).toMatchObject({ duplicate: false, state: 'accepted' });
    const email = await eventually(async () => {
      const [e] = await h.db.sql`select status, subject, from_address, parts, raw from emails where id = ${body.emailId}`;
      return e?.status === 'ingested' ? e : undefined;
    });
    expect(Buffer.compare(email.raw as Buffer, mail)).toBe(0);
    expect(email.from_address).toBe('j.hofmann@papierfabrik-mainau.example');
    expect((email.parts as { text: { chars: number } }).text.chars).toBeGreaterThan(500);
    const operator = await keyFor(h, 'operator');
    const msg = await app.inject({ method: 'GET', url: `/messages/${body.messageId}`, headers: bearer(operator) });
    expect(msg.json()).toMatchObject({ state: 'done', attempts: 1, actor: 'ingestion', type: 'ingestEmail' });
  });

  it('recognises a second delivery of the same mail and ingests nothing again', async () => {
    const before = await counts();
    // Signed two minutes back, so it can never share the first delivery's timestamp (and signature).
    const res = await app.inject({ method: 'POST', url: '/inbound/email', headers: signRaw(SECRET, mail, Math.floor(Date.now() / 1000) - 120), payload: mail });
    expect(res.statusCode).toBe(202);
    expect(res.json().duplicate).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('answers 200 with the result when the client waits (Prefer: wait) and the actor is in time', async () => {
    const other = Buffer.from(mail.toString('latin1').replace(/^Message-ID: .*$/m, 'Message-ID: <wait-test@b2b.example>'), 'latin1');
    const res = await app.inject({ method: 'POST', url: '/inbound/email', headers: { ...signRaw(SECRET, other), prefer: 'wait=10' }, payload: other });
    expect(res.statusCode).toBe(200);
    expect(res.headers['preference-applied']).toBe('wait=10');
    expect(res.json()).toMatchObject({ state: 'done', result: { status: 'ingested' } });
  });

  const refusals: [string, () => { headers: Record<string, string>; payload: Buffer | string }, number, string][] = [
    ['no signature', () => ({ headers: { 'content-type': 'message/rfc822' }, payload: mail }), 401, 'B2B_WEBHOOK_SIGNATURE_INVALID'],
    ['a wrong signature', () => ({ headers: signRaw('not-the-secret', mail), payload: mail }), 401, 'B2B_WEBHOOK_SIGNATURE_INVALID'],
    ['a signature of another body', () => ({ headers: signRaw(SECRET, 'From: x@y.example\r\n\r\nhi'), payload: mail }), 401, 'B2B_WEBHOOK_SIGNATURE_INVALID'],
    ['a timestamp 10 minutes old', () => ({ headers: signRaw(SECRET, mail, Math.floor(Date.now() / 1000) - 600), payload: mail }), 401, 'B2B_WEBHOOK_STALE'],
    ['a body that is not a message', () => ({ headers: signRaw(SECRET, '{"offers": []}'), payload: '{"offers": []}' }), 400, 'B2B_EMAIL_INVALID'],
    ['random bytes', () => { const b = Buffer.from(Array.from({ length: 500 }, (_, i) => (i * 37) % 256)); return { headers: signRaw(SECRET, b), payload: b }; }, 400, 'B2B_EMAIL_INVALID'],
    ['a JSON content type', () => ({ headers: { ...signRaw(SECRET, mail), 'content-type': 'application/json' }, payload: '{}' }), 415, 'B2B_UNSUPPORTED_MEDIA_TYPE'],
    ['a text/plain content type', () => ({ headers: { ...signRaw(SECRET, mail), 'content-type': 'text/plain' }, payload: mail }), 415, 'B2B_UNSUPPORTED_MEDIA_TYPE'],
    ['a 30 MB body', () => { const big = Buffer.concat([Buffer.from('From: a@b.example\r\n\r\n'), Buffer.alloc(30 * 1024 * 1024, 97)]); return { headers: signRaw(SECRET, big), payload: big }; }, 413, 'B2B_PAYLOAD_TOO_LARGE'],
  ];

  it.each(refusals)('refuses %s with a clear code, storing and sending nothing', async (_name, build, status, code) => {
    const before = await counts();
    const { headers, payload } = build();
    const res = await app.inject({ method: 'POST', url: '/inbound/email', headers, payload });
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
    expect(await counts()).toEqual(before);
  });

  it('refuses a replayed signature, storing nothing the second time', async () => {
    const fresh = Buffer.from(mail.toString('latin1').replace(/^Message-ID: .*$/m, 'Message-ID: <replay@b2b.example>'), 'latin1');
    const headers = signRaw(SECRET, fresh);
    expect((await app.inject({ method: 'POST', url: '/inbound/email', headers, payload: fresh })).statusCode).toBe(202);
    const before = await counts();
    const again = await app.inject({ method: 'POST', url: '/inbound/email', headers, payload: fresh });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('B2B_WEBHOOK_REPLAYED');
    expect(await counts()).toEqual(before);
  });
});

describe('POST /inbound/email without a configured secret', () => {
  it('is refused, not open', async () => {
    const closed = await createHarness();
    const closedApp = await buildTestApp(closed);
    try {
      const res = await closedApp.inject({ method: 'POST', url: '/inbound/email', headers: signRaw(SECRET, mail), payload: mail });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('B2B_WEBHOOK_DISABLED');
      const [{ n }] = await closed.db.sql`select count(*)::int as n from emails` as unknown as [{ n: number }];
      expect(n).toBe(0);
    } finally {
      await closedApp.close();
      await closed.close();
    }
  });
});

describe('Prefer: wait when the actor does not answer in time', () => {
  it('answers 202 with a Location after the wait', async () => {
    const idle = await createHarness({ INBOUND_EMAIL_SECRET: SECRET });
    const idleApp = await buildTestApp(idle);
    try {
      const started = Date.now();
      const res = await idleApp.inject({ method: 'POST', url: '/inbound/email', headers: { ...signRaw(SECRET, mail), prefer: 'wait=1' }, payload: mail });
      expect(res.statusCode).toBe(202);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
      expect(res.headers.location).toBe(`/messages/${res.json().messageId}`);
      expect(res.json().state).toBe('accepted');
    } finally {
      await idleApp.close();
      await idle.close();
    }
  });
});
