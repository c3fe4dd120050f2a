import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSender, createMill } from '../../db/mills.js';
import { bearer, buildTestApp, keyFor } from '../support/gateway.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { offerMail, post, SECRET, settled } from './mail.js';

let h: Harness;
let app: FastifyInstance;
let operator: string;
let mainau: string;
let export_: string;

beforeAll(async () => {
  h = await createHarness({ INBOUND_EMAIL_SECRET: SECRET });
  app = await buildTestApp(h);
  await h.startWorker(undefined, 'ingestion-worker');
  operator = await keyFor(h, 'operator');
  mainau = (await createMill(h.db.sql, { name: 'Mill by domain', country: 'DE' })).id;
  await addSender(h.db.sql, mainau, '@mill.example');
  export_ = (await createMill(h.db.sql, { name: 'Mill by address', country: 'IT' })).id;
  await addSender(h.db.sql, export_, 'export@mill.example');
});
afterAll(async () => { await app.close(); await h.close(); });

async function offersOf(emailId: string) {
  return h.db.sql`select id, line_no, source, mill_id, status, grade, gsm, origin, available, available_from::text, price_amount::float, incoterm, incoterm_place
    from offers where email_id = ${emailId} order by line_no`;
}

async function matchMessages(emailId: string) {
  return h.db.sql`select payload, dedupe_key, origin from mailbox where actor = 'matching' and dedupe_key like ${`offers:${emailId}%`}`;
}

describe('the ingestion actor', () => {
  it('attributes the mail by domain, stores each line with its e-mail, source and mill, keeps the unparsed line, queues matchOffers', async () => {
    const emailId = await post(app, offerMail());
    expect(await settled(h, emailId)).toMatchObject({ status: 'ingested', failure_reason: null, mill_id: mainau, unparsed: ['Kraftliner, 2400 mm, 20 t'] });
    const offers = await offersOf(emailId);
    expect(offers.map((o) => [o.line_no, o.grade, o.gsm, o.mill_id, o.status, o.origin])).toEqual([
      [1, 'testliner-3', 125, mainau, 'open', 'DE'],
      [2, 'fluting', 100, mainau, 'open', 'DE'],
    ]);
    expect(offers[0]).toMatchObject({ source: 'Testliner 3, 125 gsm, 1250 mm, 24 t, EUR 410/t FCA mill', price_amount: 410, incoterm: 'FCA', incoterm_place: 'mill', available: '2026-02-10', available_from: '2026-02-10' });
    // A week counts from its Monday: ISO week 12 of 2026 starts on 16 March.
    expect(offers[1]).toMatchObject({ available: '2026-W12', available_from: '2026-03-16' });
    const messages = await matchMessages(emailId);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ dedupe_key: `offers:${emailId}`, payload: { offerIds: offers.map((o) => o.id) } });
  });

  it('prefers the full address over the domain, and takes origin from that mill', async () => {
    const emailId = await post(app, offerMail({ from: 'export@mill.example' }));
    expect(await settled(h, emailId)).toMatchObject({ status: 'ingested', mill_id: export_ });
    expect((await offersOf(emailId)).map((o) => [o.mill_id, o.origin])).toEqual([[export_, 'IT'], [export_, 'IT']]);
  });

  it('ingesting the same e-mail again creates no duplicate offers and no second matchOffers', async () => {
    const emailId = await post(app, offerMail());
    await settled(h, emailId);
    const before = (await offersOf(emailId)).map((o) => o.id);
    const again = await h.outbox.send('ingestion', 'ingestEmail', { emailId }, { dedupeKey: `again:${emailId}` });
    await eventually(async () => {
      const [m] = await h.db.sql`select state from mailbox where id = ${again.id}`;
      return m?.state === 'done';
    }, 20_000, 'second ingestion done');
    expect((await offersOf(emailId)).map((o) => o.id)).toEqual(before);
    expect(await matchMessages(emailId)).toHaveLength(1);
  });

  it('keeps an unknown sender visible: no mill, offers without a mill, listed under sender=unknown', async () => {
    const emailId = await post(app, offerMail({ from: 'trader@elsewhere.example' }));
    expect(await settled(h, emailId)).toMatchObject({ status: 'ingested', mill_id: null });
    const offers = await offersOf(emailId);
    expect(offers.length).toBe(2);
    expect(offers.every((o) => o.mill_id === null && o.origin === null)).toBe(true);
    const list = await app.inject({ method: 'GET', url: '/emails?sender=unknown', headers: bearer(operator) });
    expect(list.json().items.map((e: { id: string }) => e.id)).toEqual([emailId]);
    const known = await app.inject({ method: 'GET', url: '/emails?sender=known', headers: bearer(operator) });
    expect(known.json().items.map((e: { id: string }) => e.id)).not.toContain(emailId);
  });

  it('a mail without offers is ingested with none, and nothing is sent to matching', async () => {
    const emailId = await post(app, offerMail({ body: 'Dear all,\r\n\r\nour office is closed on Friday.\r\n\r\nRegards' }));
    expect(await settled(h, emailId)).toMatchObject({ status: 'ingested', mill_id: mainau, unparsed: [] });
    expect(await offersOf(emailId)).toHaveLength(0);
    expect(await matchMessages(emailId)).toHaveLength(0);
  });

  it('a mail cut off mid-multipart ends failed with its reason; the message is done, not retried', async () => {
    const raw = Buffer.from([
      'From: sales@mill.example', 'Subject: cut', 'Date: Tue, 10 Feb 2026 09:00:00 +0100', `Message-ID: <cut-${Date.now()}@mill.example>`,
      'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="XX"', '', '--XX', 'Content-Type: text/plain', '', 'Testliner 3, 125 gsm, 1250 mm, 24 t', '--XX',
      'Content-Type: text/csv; name="stock.csv"', 'Content-Disposition: attachment; filename="stock.csv"', '', 'grade;gsm;width;tons', 'TL3;125;12',
    ].join('\r\n'));
    const emailId = await post(app, raw);
    const email = await settled(h, emailId);
    expect(email.status).toBe('failed');
    expect(email.failure_reason).toMatch(/never closes.*cut off/);
    expect(await offersOf(emailId)).toHaveLength(0);
    const [message] = await h.db.sql`select state, attempts, result from mailbox where actor = 'ingestion' and payload->>'emailId' = ${emailId}`;
    expect(message).toMatchObject({ state: 'done', attempts: 1, result: { status: 'failed' } });
    const detail = await app.inject({ method: 'GET', url: `/emails/${emailId}`, headers: bearer(operator) });
    expect(detail.json()).toMatchObject({ status: 'failed', failureReason: email.failure_reason, offers: [] });
  });
});

describe('GET /emails and /emails/{id}', () => {
  it('shows one e-mail with its mill, parts, offers and unparsed lines', async () => {
    const emailId = await post(app, offerMail());
    await settled(h, emailId);
    const res = await app.inject({ method: 'GET', url: `/emails/${emailId}`, headers: bearer(operator) });
    expect(res.statusCode).toBe(200);
    const e = res.json();
    expect(e).toMatchObject({ id: emailId, source: 'rfc822', status: 'ingested', from: 'sales@mill.example', subject: 'Stock offer', mill: { id: mainau, name: 'Mill by domain', country: 'DE' }, unparsed: ['Kraftliner, 2400 mm, 20 t'] });
    expect(e.parts).toMatchObject({ text: { chars: expect.any(Number) }, html: null, attachments: [] });
    expect(e.offers.map((o: { grade: string; provenance: { lineNo: number } }) => [o.grade, o.provenance.lineNo])).toEqual([['testliner-3', 1], ['fluting', 2]]);
    const raw = await app.inject({ method: 'GET', url: `/emails/${emailId}/raw`, headers: bearer(operator) });
    expect(raw.headers['content-type']).toMatch(/^message\/rfc822/);
    expect(raw.body).toContain('Testliner 3, 125 gsm');
  });

  it('lists newest first, by status, a page at a time', async () => {
    const failed = await app.inject({ method: 'GET', url: '/emails?status=failed', headers: bearer(operator) });
    expect(failed.json().items.length).toBeGreaterThan(0);
    expect(failed.json().items.every((e: { status: string }) => e.status === 'failed')).toBe(true);
    const first = await app.inject({ method: 'GET', url: '/emails?limit=2', headers: bearer(operator) });
    const second = await app.inject({ method: 'GET', url: `/emails?limit=2&cursor=${first.json().nextCursor}`, headers: bearer(operator) });
    const ids = [...first.json().items, ...second.json().items].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(4);
    expect([...ids].sort().reverse()).toEqual(ids);
  });

  it('answers 404 for an unknown e-mail, and only to operators', async () => {
    const res = await app.inject({ method: 'GET', url: '/emails/0190a000-0000-7000-8000-000000000000', headers: bearer(operator) });
    expect([res.statusCode, res.json().code]).toEqual([404, 'B2B_EMAIL_NOT_FOUND']);
    expect((await app.inject({ method: 'GET', url: '/emails', headers: bearer(await keyFor(h, 'mill')) })).statusCode).toBe(403);
  });
});
