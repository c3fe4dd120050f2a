import { corpusMail } from '../support/fixtures.js';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../actors/mailbox/outbox.js';
import { names } from '../../actors/transport/names.js';
import { createSql } from '../../db/client.js';
import { buildApp } from '../../gateway/app.js';
import { ReplyWaiter } from '../../gateway/replies.js';
import { bearer, buildTestApp, keyFor } from '../support/gateway.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { basic, loadCapture, mailgunSigned, multipart, urlencoded } from './inbound-captures.js';

const CREDENTIALS = {
  MAILGUN_SIGNING_KEY: 'mg-key',
  SENDGRID_INBOUND_USER: 'sg-user', SENDGRID_INBOUND_PASSWORD: 'sg-pass', SENDGRID_INBOUND_SECRET: 'sg-path-secret',
  POSTMARK_INBOUND_USER: 'pm-user', POSTMARK_INBOUND_PASSWORD: 'pm-pass',
};
const offerMail = corpusMail('d001');
const PM_AUTH = { authorization: basic('pm-user', 'pm-pass'), 'content-type': 'application/json' };
const SG_AUTH = { authorization: basic('sg-user', 'sg-pass') };

function withAuth<T extends { headers: Record<string, string> }>(form: T, auth: Record<string, string>): T {
  return { ...form, headers: { ...form.headers, ...auth } };
}

let h: Harness;
let app: FastifyInstance;
let operator: string;

beforeAll(async () => {
  h = await createHarness(CREDENTIALS);
  app = await buildTestApp(h);
  await h.startWorker(undefined, 'providers-worker');
  operator = await keyFor(h, 'operator');
});
afterAll(async () => { await app.close(); await h.close(); });

async function counts() {
  const [r] = await h.db.sql`select (select count(*)::int from emails) as emails, (select count(*)::int from mailbox) as messages, (select count(*)::int from inbound_rejects) as rejects`;
  return r as { emails: number; messages: number; rejects: number };
}

describe('a payload we can never process is kept, and the provider told to stop retrying', () => {
  const cases: [string, () => { url: string; headers: Record<string, string>; payload: string | Buffer }, number][] = [
    ['Mailgun: a signed parsed form with no sender at all', () => {
      const form = urlencoded(mailgunSigned('mg-key', { 'body-plain': 'TL3 125 g 40 t', subject: 'stock' }));
      return { url: '/inbound/mailgun', ...form };
    }, 406],
    ['Mailgun: a signed raw form whose body-mime is not a message', () => {
      const form = urlencoded(mailgunSigned('mg-key', { 'body-mime': '{"not": "mime"}' }));
      return { url: '/inbound/mailgun/mime', ...form };
    }, 406],
    ['Mailgun: attachment-count promises more than arrived', () => {
      const form = multipart(mailgunSigned('mg-key', { from: 'a@b.example', 'attachment-count': '2' }), [['attachment-1', 'a.csv', 'text/csv', Buffer.from('x;y')]]);
      return { url: '/inbound/mailgun', ...form };
    }, 406],
    ['Postmark: authenticated, but not JSON', () => ({ url: '/inbound/postmark', headers: PM_AUTH, payload: '{"From": "a@b.example", ' }), 403],
    ['Postmark: authenticated JSON with an attachment that is not base64', () => ({
      url: '/inbound/postmark', headers: PM_AUTH,
      payload: JSON.stringify({ From: 'a@b.example', Subject: 'x', TextBody: 'y', Attachments: [{ Name: 'a.csv', ContentType: 'text/csv', Content: '%%% not base64 %%%' }] }),
    }), 403],
    ['SendGrid: the raw email field is not a message', () => ({ url: '/inbound/sendgrid', ...withAuth(multipart({ email: 'garbage, not MIME', to: 'x@y.example' }), SG_AUTH) }), 200],
    ['SendGrid: a multipart body cut off before its end', () => {
      const form = multipart({ headers: 'From: a@b.example\r\n', text: 'hello' });
      return { url: '/inbound/sendgrid/sg-path-secret', headers: form.headers, payload: form.payload.subarray(0, form.payload.length - 30) };
    }, 200],
  ];

  it.each(cases)('%s', async (_name, build, status) => {
    const request = build();
    const before = await counts();
    const res = await app.inject({ method: 'POST', ...request });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ code: 'B2B_INBOUND_UNPROCESSABLE' });
    const { rejectId } = res.json();
    expect(await counts()).toEqual({ ...before, rejects: before.rejects + 1 });
    const list = await app.inject({ method: 'GET', url: '/inbound/rejects?limit=1', headers: bearer(operator) });
    expect(list.json().items[0]).toMatchObject({ id: rejectId, code: 'B2B_INBOUND_UNPROCESSABLE' });
    const body = await app.inject({ method: 'GET', url: `/inbound/rejects/${rejectId}/body`, headers: bearer(operator) });
    expect(body.statusCode).toBe(200);
    expect(body.rawPayload.equals(Buffer.isBuffer(request.payload) ? request.payload : Buffer.from(request.payload))).toBe(true);
    expect(body.headers['content-type']).toBe(request.headers['content-type']);
  });

  it('lists rejects for operators only, paged and by provider', async () => {
    expect((await app.inject({ method: 'GET', url: '/inbound/rejects', headers: bearer(await keyFor(h, 'buyer')) })).statusCode).toBe(403);
    const page = await app.inject({ method: 'GET', url: '/inbound/rejects?provider=postmark&limit=1', headers: bearer(operator) });
    expect(page.json().items).toHaveLength(1);
    expect(page.json().items[0].provider).toBe('postmark');
    const next = await app.inject({ method: 'GET', url: `/inbound/rejects?provider=postmark&limit=1&cursor=${page.json().nextCursor}`, headers: bearer(operator) });
    expect(next.json()).toMatchObject({ items: [{ provider: 'postmark' }], nextCursor: null });
  });
});

describe('refusals that keep nothing (the sender is not known to be the provider)', () => {
  const refusals: [string, () => { url: string; headers: Record<string, string>; payload: string | Buffer }, number, string][] = [
    ['Mailgun signed with another key', () => ({ url: '/inbound/mailgun', ...urlencoded(mailgunSigned('not-the-key', { from: 'a@b.example' })) }), 401, 'B2B_WEBHOOK_SIGNATURE_INVALID'],
    ['Mailgun without a signature', () => ({ url: '/inbound/mailgun', ...urlencoded({ from: 'a@b.example' }) }), 401, 'B2B_WEBHOOK_SIGNATURE_INVALID'],
    ['Mailgun ten minutes old', () => ({ url: '/inbound/mailgun', ...urlencoded(mailgunSigned('mg-key', { from: 'a@b.example' }, Math.floor(Date.now() / 1000) - 600)) }), 401, 'B2B_WEBHOOK_STALE'],
    ['Mailgun as JSON', () => ({ url: '/inbound/mailgun', headers: { 'content-type': 'application/json' }, payload: '{}' }), 415, 'B2B_UNSUPPORTED_MEDIA_TYPE'],
    ['SendGrid without credentials', () => ({ url: '/inbound/sendgrid', ...multipart({ email: offerMail.toString('latin1') }) }), 401, 'B2B_WEBHOOK_SIGNATURE_INVALID'],
    ['SendGrid with a wrong path secret', () => ({ url: '/inbound/sendgrid/guess', ...multipart({ email: offerMail.toString('latin1') }) }), 401, 'B2B_WEBHOOK_SIGNATURE_INVALID'],
    ['Postmark with a wrong password', () => ({ url: '/inbound/postmark', headers: { ...PM_AUTH, authorization: basic('pm-user', 'nope') }, payload: '{}' }), 401, 'B2B_WEBHOOK_SIGNATURE_INVALID'],
  ];

  it.each(refusals)('%s', async (_name, build, status, code) => {
    const before = await counts();
    const res = await app.inject({ method: 'POST', ...build() });
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
    expect(await counts()).toEqual(before);
  });

  it('a Mailgun token is taken once', async () => {
    const fields = mailgunSigned('mg-key', { 'body-mime': offerMail.toString('latin1').replace(/^Message-ID: .*$/m, 'Message-ID: <token-once@b2b.example>') });
    expect((await app.inject({ method: 'POST', url: '/inbound/mailgun/mime', ...urlencoded(fields) })).statusCode).toBe(200);
    const again = await app.inject({ method: 'POST', url: '/inbound/mailgun/mime', ...urlencoded(fields) });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('B2B_WEBHOOK_REPLAYED');
  });
});

describe('a provider without credentials has its route closed, not open', () => {
  it.each([
    ['/inbound/mailgun', urlencoded(mailgunSigned('mg-key', { from: 'a@b.example' }))],
    ['/inbound/mailgun/mime', urlencoded(mailgunSigned('mg-key', { 'body-mime': offerMail.toString('latin1') }))],
    ['/inbound/sendgrid', withAuth(multipart({ email: offerMail.toString('latin1') }), SG_AUTH)],
    ['/inbound/sendgrid/sg-path-secret', multipart({ email: offerMail.toString('latin1') })],
    ['/inbound/postmark', { headers: PM_AUTH, payload: '{}' }],
  ])('%s', async (url, request) => {
    const closed = await createHarness();
    const closedApp = await buildTestApp(closed);
    try {
      const res = await closedApp.inject({ method: 'POST', url, ...request });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('B2B_WEBHOOK_DISABLED');
    } finally {
      await closedApp.close();
      await closed.close();
    }
  });
});

describe('a database that is down answers 503, so the provider retries', () => {
  let downApp: FastifyInstance;
  const downSql = createSql('postgres://postgres@127.0.0.1:1/down', { max: 1 });
  beforeAll(async () => {
    const waiter = new ReplyWaiter(h.db.sql, h.transport, names(h.config.KEY_PREFIX));
    downApp = await buildApp({ config: h.config, sql: downSql, transport: h.transport, outbox: new Outbox(downSql, h.transport), waiter });
  });
  afterAll(async () => { await downApp.close(); await downSql.end({ timeout: 1 }); });

  it.each([
    ['Mailgun', () => ({ url: '/inbound/mailgun/mime', ...urlencoded(mailgunSigned('mg-key', { 'body-mime': offerMail.toString('latin1') })) })],
    ['SendGrid', () => ({ url: '/inbound/sendgrid/sg-path-secret', ...multipart({ email: offerMail.toString('latin1') }) })],
    ['Postmark', () => ({ url: '/inbound/postmark', headers: PM_AUTH, payload: loadCapture('postmark-valid.http').body })],
    ['Postmark, unprocessable (the reject cannot be kept either)', () => ({ url: '/inbound/postmark', headers: PM_AUTH, payload: 'not json' })],
  ])('%s', async (_name, build) => {
    const res = await downApp.inject({ method: 'POST', ...build() });
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('B2B_UNAVAILABLE');
    expect(res.headers['retry-after']).toBeDefined();
  });
});

describe('end to end: a mill e-mail through a provider becomes offers', () => {
  it('Mailgun parsed form of a corpus e-mail from a known sender: GET /emails/{id} shows the mill and its offers', async () => {
    const mill = await app.inject({ method: 'POST', url: '/mills', headers: bearer(operator), payload: { name: 'Papierfabrik Mainau', country: 'DE', senders: ['@papierfabrik-mainau.example'] } });
    expect(mill.statusCode).toBe(201);
    const text = offerMail.toString('latin1');
    const form = multipart(mailgunSigned('mg-key', {
      'message-headers': JSON.stringify([['From', 'Jana Hofmann <j.hofmann@papierfabrik-mainau.example>'], ['Subject', 'Stock offer'], ['Date', 'Tue, 10 Feb 2026 09:12:00 +0100'], ['Message-Id', '<mailgun-e2e@b2b.example>']]),
      'body-plain': text.slice(text.search(/\r\n\r\n/) + 4),
    }));
    const res = await app.inject({ method: 'POST', url: '/inbound/mailgun', ...form });
    expect(res.statusCode).toBe(200);
    const email = await eventually<Record<string, any>>(async () => {
      const r = await app.inject({ method: 'GET', url: `/emails/${res.json().emailId}`, headers: bearer(operator) });
      return r.json().status === 'ingested' ? r.json() : undefined;
    }, 20_000, 'ingested');
    expect(email.mill).toMatchObject({ id: mill.json().id, name: 'Papierfabrik Mainau' });
    expect(email.offers.length).toBeGreaterThan(0);
    expect(email.offers[0].provenance).toMatchObject({ millId: mill.json().id, emailId: res.json().emailId, lineNo: 1 });
  });
});

describe('the SendGrid path secret never reaches the logs', () => {
  it('logs the request with the secret redacted', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const logged = await buildApp({ config: h.config, sql: h.db.sql, transport: h.transport, outbox: h.outbox, waiter: new ReplyWaiter(h.db.sql, h.transport, names(h.config.KEY_PREFIX)) }, { logger: pino({ level: 'info' }, sink) });
    try {
      const res = await logged.inject({ method: 'POST', url: '/inbound/sendgrid/sg-path-secret', ...multipart({ email: offerMail.toString('latin1') }) });
      expect(res.statusCode).toBe(200);
      expect(lines.join('')).toContain('/inbound/sendgrid/[redacted]');
      expect(lines.join('')).not.toContain('sg-path-secret');
    } finally {
      await logged.close();
    }
  });
});
