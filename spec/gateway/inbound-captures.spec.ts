import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMime, type ParsedEmail } from '../../actors/ingestion/mime.js';
import { bearer, buildTestApp, keyFor } from '../support/gateway.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { basic, loadCapture } from './inbound-captures.js';

/**
 * Every real delivery of spec/fixtures/webhooks replayed as it was captured, each provider
 * into a receiver of its own (the two valid Mailgun captures share one token, which one
 * receiver rightly takes only once), with what its README says a correct receiver does.
 */
const CREDENTIALS = {
  MAILGUN_SIGNING_KEY: 'foo',
  SENDGRID_INBOUND_USER: 'sg-user', SENDGRID_INBOUND_PASSWORD: 'sg-pass', SENDGRID_INBOUND_SECRET: 'sg-path-secret',
  POSTMARK_INBOUND_USER: 'pm-user', POSTMARK_INBOUND_PASSWORD: 'pm-pass',
};

interface Receiver { h: Harness; app: FastifyInstance; operator: string }
const receivers: Receiver[] = [];

/** The clock of the 2013 captures: Mailgun's timestamp is checked against it. */
async function receiver(nowS?: number): Promise<Receiver> {
  const h = await createHarness(CREDENTIALS);
  const app = await buildTestApp(h, nowS === undefined ? undefined : () => nowS * 1000);
  // Each worker's nact system needs a name of its own within this test process.
  await h.startWorker(undefined, `receiver-${receivers.length}`);
  const r = { h, app, operator: await keyFor(h, 'operator') };
  receivers.push(r);
  return r;
}
afterAll(async () => {
  for (const r of receivers) { await r.app.close(); await r.h.close(); }
});

async function replay(r: Receiver, url: string, file: string, headers: Record<string, string> = {}) {
  const capture = loadCapture(file);
  return r.app.inject({ method: 'POST', url, headers: { ...capture.headers, ...headers }, payload: capture.body });
}

async function storedMail(r: Receiver, emailId: string): Promise<ParsedEmail> {
  const [row] = await r.h.db.sql`select raw from emails where id = ${emailId}`;
  return parseMime(row!.raw as Buffer);
}

type EmailJson = Record<string, any>;

async function ingested(r: Receiver, emailId: string): Promise<EmailJson> {
  return eventually<EmailJson>(async () => {
    const res = await r.app.inject({ method: 'GET', url: `/emails/${emailId}`, headers: bearer(r.operator) });
    return res.json().status === 'ingested' ? res.json() : undefined;
  }, 20_000, `e-mail ${emailId} ingested`);
}

async function emailCount(r: Receiver): Promise<number> {
  const [row] = await r.h.db.sql`select count(*)::int as n from emails`;
  return row!.n as number;
}

describe('Mailgun captures', () => {
  let parsed: Receiver;
  let raw: Receiver;
  beforeAll(async () => { parsed = await receiver(1366071615); raw = await receiver(1366071615); });

  it('mailgun-parsed-valid (multipart, 2 attachments): accepted, rebuilt with its headers and attachments, ingested', async () => {
    const res = await replay(parsed, '/inbound/mailgun', 'mailgun-parsed-valid.http');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ duplicate: false, state: 'accepted' });
    const mail = await storedMail(parsed, res.json().emailId);
    expect(mail.messageId).toBe('<E102015D-F580-4316-81FA-7324838A3AE8@opennorth.ca>');
    expect(mail.from.address).toBe('james@opennorth.ca');
    expect(mail.subject).toBe('Test');
    expect(mail.date).toBe('Mon, 15 Apr 2013 20:20:12 -0400');
    expect(mail.text).toContain('some more bold text');
    expect(mail.attachments.map((a) => [a.filename, a.content.toString('utf8').trim()])).toEqual([
      ['foo.txt', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.'],
      ['bar.txt', 'Nam accumsan euismod eros et rhoncus.'],
    ]);
    const email = await ingested(parsed, res.json().emailId);
    expect(email).toMatchObject({ source: 'mailgun', from: 'james@opennorth.ca', mill: null, offers: [] });
    expect(email.parts.attachments).toHaveLength(2);
  });

  it('mailgun-parsed-invalid (urlencoded): the signature does not verify with foo, refused and nothing stored', async () => {
    const res = await replay(parsed, '/inbound/mailgun', 'mailgun-parsed-invalid.http');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('B2B_WEBHOOK_SIGNATURE_INVALID');
    expect(await emailCount(parsed)).toBe(1);
  });

  it('mailgun-raw-valid (body-mime, urlencoded): accepted, body-mime stored byte for byte', async () => {
    const res = await replay(raw, '/inbound/mailgun/mime', 'mailgun-raw-valid.http');
    expect(res.statusCode).toBe(200);
    const bodyMime = new URLSearchParams(loadCapture('mailgun-raw-valid.http').body.toString('latin1')).get('body-mime') as string;
    const [row] = await raw.h.db.sql`select raw from emails where id = ${res.json().emailId}`;
    expect((row!.raw as Buffer).toString('utf8')).toBe(bodyMime);
    const mail = await storedMail(raw, res.json().emailId);
    expect(mail.messageId).toBe('<99CF7D8C-FCD4-443F-8E04-69C4E470D18F@opennorth.ca>');
    expect(mail.attachments.map((a) => a.filename)).toEqual(['foo.txt', 'bar.txt']);
    await ingested(raw, res.json().emailId);
  });

  it('mailgun-raw-invalid: the signature does not verify, refused', async () => {
    const res = await replay(raw, '/inbound/mailgun/mime', 'mailgun-raw-invalid.http');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('B2B_WEBHOOK_SIGNATURE_INVALID');
    expect(await emailCount(raw)).toBe(1);
  });

  it('refuses a valid capture a second time: its token was used', async () => {
    const res = await replay(raw, '/inbound/mailgun/mime', 'mailgun-raw-valid.http');
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('B2B_WEBHOOK_REPLAYED');
    expect(await emailCount(raw)).toBe(1);
  });

  it('refuses a valid capture on today\'s clock: its 2013 timestamp is stale', async () => {
    const today = await receiver();
    const res = await replay(today, '/inbound/mailgun', 'mailgun-parsed-valid.http');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('B2B_WEBHOOK_STALE');
    expect(await emailCount(today)).toBe(0);
  });
});

describe('SendGrid captures', () => {
  let r: Receiver;
  beforeAll(async () => { r = await receiver(); });

  it('sendgrid-valid (basic auth): accepted; the msg-*.html parts are body, only foo.txt and bar.txt are attachments', async () => {
    const res = await replay(r, '/inbound/sendgrid', 'sendgrid-valid.http', { authorization: basic('sg-user', 'sg-pass') });
    expect(res.statusCode).toBe(200);
    const mail = await storedMail(r, res.json().emailId);
    expect(mail.messageId).toBe('<D0AB77C1-A89D-4D9E-A207-5E20A6D36BEF@opennorth.ca>');
    expect(mail.from.address).toBe('james@opennorth.ca');
    expect(mail.attachments.filter((a) => !a.inline).map((a) => a.filename)).toEqual(['foo.txt', 'bar.txt']);
    expect(mail.html).toContain('some more bold text');
    expect(mail.html).toContain('some italic text');
    await ingested(r, res.json().emailId);
  });

  it('sendgrid-encoding: each field decoded by its charset (windows-1252 text, encoded-word subject)', async () => {
    const res = await replay(r, '/inbound/sendgrid/sg-path-secret', 'sendgrid-encoding.http');
    expect(res.statusCode).toBe(200);
    const mail = await storedMail(r, res.json().emailId);
    expect(mail.text?.trim()).toBe('World €');
    expect(mail.subject).toBe('Hello €');
    expect(mail.date).toBe('Sat, 18 May 2013 22:47:32 -0400');
  });

  it('a second delivery of the same mail is recognised, not stored again', async () => {
    const before = await emailCount(r);
    const res = await replay(r, '/inbound/sendgrid', 'sendgrid-valid.http', { authorization: basic('sg-user', 'sg-pass') });
    expect(res.statusCode).toBe(200);
    expect(res.json().duplicate).toBe(true);
    expect(await emailCount(r)).toBe(before);
  });
});

describe('Postmark capture', () => {
  let r: Receiver;
  beforeAll(async () => { r = await receiver(); });

  it('postmark-valid (basic auth): accepted, rebuilt with its headers and both attachments', async () => {
    const res = await replay(r, '/inbound/postmark', 'postmark-valid.http', { authorization: basic('pm-user', 'pm-pass') });
    expect(res.statusCode).toBe(200);
    const mail = await storedMail(r, res.json().emailId);
    expect(mail.messageId).toBe('<26ECCA85-47DE-4E66-827A-B35E34874F26@opennorth.ca>');
    expect(mail.from).toEqual({ address: 'james@opennorth.ca', name: 'James McKinney' });
    expect(mail.subject).toBe('Test');
    expect(mail.date).toBe('Wed, 15 Apr 2013 20:20:12 -0400');
    expect(mail.text).toContain('some italic text');
    expect(mail.attachments.map((a) => [a.filename, a.content.toString('utf8')])).toEqual([
      ['foo.txt', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n'],
      ['bar.txt', 'Nam accumsan euismod eros et rhoncus.\n'],
    ]);
    await ingested(r, res.json().emailId);
  });

  it('refuses it without the credentials, asking for basic auth', async () => {
    const res = await replay(r, '/inbound/postmark', 'postmark-valid.http', { authorization: basic('pm-user', 'wrong') });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('B2B_WEBHOOK_SIGNATURE_INVALID');
    expect(res.headers['www-authenticate']).toMatch(/^Basic /);
  });
});
