import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mailSettings } from '../../actors/newsletter/compose.js';
import { generateIssue } from '../../actors/newsletter/generate.js';
import { fileMailer } from '../../actors/newsletter/mailer.js';
import { bearer, buildTestApp, keyFor } from '../support/gateway.js';
import { createHarness, type Harness } from '../support/harness.js';
import { deliveryStates, newsletterDef, W50_RUN } from './helpers.js';
import { seedBuyer, seedOffer, type SeededBuyer } from './seed.js';

let h: Harness;
let app: FastifyInstance;
let operator: string;
let outboxDir: string;
beforeEach(async () => {
  h = await createHarness({ PUBLIC_URL: 'https://market.example.com' });
  app = await buildTestApp(h, () => W50_RUN.getTime());
  operator = await keyFor(h, 'operator');
  outboxDir = await mkdtemp(join(tmpdir(), 'b2b-api-'));
});
afterEach(async () => {
  await app.close();
  await h.close();
  await rm(outboxDir, { recursive: true, force: true });
});

const env = () => ({ sql: h.db.sql, settings: mailSettings(h.config), timeZone: h.config.SCHEDULER_TIMEZONE, now: () => W50_RUN });

async function market(): Promise<SeededBuyer> {
  const buyer = await seedBuyer(h.db.sql, { name: 'Wellpappe Hannover GmbH', follows: [{ grade: 'testliner-3' }, { grade: 'kraftliner' }], contacts: 2 });
  const rival = await seedBuyer(h.db.sql, { follows: [{ grade: 'testliner-3' }] });
  await seedOffer(h.db.sql, { at: new Date('2026-12-02T09:00:00Z') });
  await seedOffer(h.db.sql, { grade: 'kraftliner', gsm: 175, at: new Date('2026-12-03T09:00:00Z') });
  await seedOffer(h.db.sql, { gsm: 150, status: 'exclusive', exclusiveBuyerId: rival.id, at: new Date('2026-12-03T09:00:00Z') });
  return buyer;
}

describe('GET /newsletters/preview', () => {
  it("returns a buyer's issue of this week: subject, HTML and text, rivals' exclusive lines left out", async () => {
    const buyer = await market();
    const res = await app.inject({ url: `/newsletters/preview?buyer=${buyer.id}`, headers: bearer(operator) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ week: '2026-W50', buyerName: 'Wellpappe Hannover GmbH', offers: 2, generated: false });
    expect(buyer.contacts.map((c) => c.name)).toContain(body.contactName);
    expect(body.subject).toBe('b2bpaper week 50/2026: 2 offers in Kraftliner, Testliner 3');
    expect(body.html).toMatch(/^<!DOCTYPE html/i);
    expect(body.text.indexOf('KRAFTLINER')).toBeLessThan(body.text.indexOf('TESTLINER 3'));
    expect(body.text).not.toContain('150 g/m');
  });

  it('shows the generated issue once the week is generated, without the lines that left the market since', async () => {
    const buyer = await market();
    await generateIssue(env(), '2026-W50');
    await h.db.sql`update offers set status = 'sold' where grade = 'kraftliner'`;
    const res = await app.inject({ url: `/newsletters/preview?buyer=${buyer.id}&week=2026-W50`, headers: bearer(operator) });
    expect(res.json()).toMatchObject({ generated: true, offers: 1 });
  });

  it('answers 404 for an unknown buyer and 400 for a malformed week or buyer', async () => {
    const unknown = await app.inject({ url: '/newsletters/preview?buyer=0190a000-0000-7000-8000-000000000000', headers: bearer(operator) });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'B2B_BUYER_NOT_FOUND']);
    for (const q of ['buyer=nope', 'buyer=0190a000-0000-7000-8000-000000000000&week=2026-49']) {
      const res = await app.inject({ url: `/newsletters/preview?${q}`, headers: bearer(operator) });
      expect([res.statusCode, res.json().code]).toEqual([400, 'B2B_VALIDATION']);
    }
  });
});

describe('GET /newsletters/{week} and POST /newsletters/{week}/send', () => {
  it('reports a week by delivery state', async () => {
    const none = await app.inject({ url: '/newsletters/2026-W50', headers: bearer(operator) });
    expect([none.statusCode, none.json().code]).toEqual([404, 'B2B_NOT_FOUND']);
    await market();
    await generateIssue(env(), '2026-W50');
    const generated = (await app.inject({ url: '/newsletters/2026-W50', headers: bearer(operator) })).json();
    expect(generated).toMatchObject({ week: '2026-W50', state: 'generated', offers: 2, deliveries: { total: 3, pending: 3, sent: 0 }, bounces: { hard: 0, soft: 0 } });
    expect(generated.window).toEqual({ start: '2026-11-29T23:00:00.000Z', end: '2026-12-07T05:00:00.000Z' });
    await h.db.sql`update newsletter_issues set send_started_at = now()`;
    await h.db.sql`update newsletter_deliveries set state = 'sent', bounce = 'soft' where id = (select min(id::text)::uuid from newsletter_deliveries)`;
    const sending = (await app.inject({ url: '/newsletters/2026-W50', headers: bearer(operator) })).json();
    expect(sending).toMatchObject({ state: 'sending', deliveries: { total: 3, pending: 2, sent: 1 }, bounces: { soft: 1 } });
  });

  it('sends a week by hand: 202 with the message to follow, or the fan-out result on Prefer: wait', async () => {
    await market();
    const accepted = await app.inject({ method: 'POST', url: '/newsletters/2026-W50/send', headers: bearer(operator) });
    expect(accepted.statusCode).toBe(202);
    expect(accepted.headers.location).toBe(`/messages/${accepted.json().messageId}`);
    const [msg] = await h.db.sql`select type, payload, key from mailbox where id = ${accepted.json().messageId}`;
    expect(msg).toEqual({ type: 'sendIssue', payload: { week: '2026-W50' }, key: 'week:2026-W50' });

    await h.startWorker([newsletterDef(h, { now: () => W50_RUN, mailer: fileMailer(outboxDir) })]);
    const waited = await app.inject({ method: 'POST', url: '/newsletters/2026-W50/send', headers: { ...bearer(operator), prefer: 'wait=20' } });
    expect(waited.statusCode).toBe(200);
    expect(waited.json()).toMatchObject({ week: '2026-W50', state: 'done', result: { week: '2026-W50', deliveries: 3 } });
    const bad = await app.inject({ method: 'POST', url: '/newsletters/2026-W99/send', headers: bearer(operator) });
    expect(bad.statusCode).toBe(400);
    const states = await deliveryStates(h, '2026-W50');
    expect(Object.keys(states).every((s) => ['pending', 'sending', 'sent'].includes(s))).toBe(true);
  });
});

describe('/unsubscribe/{token} (public, no login, no cookie)', () => {
  async function unsubscribedAt(contactId: string): Promise<Date | null> {
    const [row] = await h.db.sql<{ unsubscribed_at: Date | null }[]>`select unsubscribed_at from buyer_contacts where id = ${contactId}`;
    return row!.unsubscribed_at;
  }

  it('GET shows a confirmation page and changes nothing', async () => {
    const buyer = await seedBuyer(h.db.sql, { follows: [{ grade: 'gc2' }] });
    const c = buyer.contacts[0]!;
    const res = await app.inject({ url: `/unsubscribe/${c.token}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain(`<form method="post" action="${c.token}">`);
    expect(res.body).toContain(c.email);
    expect(await unsubscribedAt(c.id)).toBeNull();
  });

  it('POST (RFC 8058 one-click body) unsubscribes that contact alone, once', async () => {
    const buyer = await seedBuyer(h.db.sql, { follows: [{ grade: 'gc2' }], contacts: 2 });
    const [c, other] = buyer.contacts as [typeof buyer.contacts[0], typeof buyer.contacts[0]];
    const res = await app.inject({ method: 'POST', url: `/unsubscribe/${c.token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('You are unsubscribed');
    const first = await unsubscribedAt(c.id);
    expect(first).not.toBeNull();
    expect(await unsubscribedAt(other.id)).toBeNull();
    const again = await app.inject({ method: 'POST', url: `/unsubscribe/${c.token}`, headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n' });
    expect(again.statusCode).toBe(200);
    expect(await unsubscribedAt(c.id)).toEqual(first);
    expect((await app.inject({ url: `/unsubscribe/${c.token}` })).body).toContain('You are unsubscribed');
  });

  it('a wrong token changes nothing: a 404 page, or the error code for a JSON client', async () => {
    const buyer = await seedBuyer(h.db.sql, { follows: [{ grade: 'gc2' }] });
    for (const method of ['GET', 'POST'] as const) {
      const res = await app.inject({ method, url: `/unsubscribe/${buyer.contacts[0]!.token}x` });
      expect([method, res.statusCode]).toEqual([method, 404]);
      expect(res.body).toContain('This link is not valid');
    }
    const json = await app.inject({ method: 'POST', url: '/unsubscribe/nope', headers: { accept: 'application/json' } });
    expect([json.statusCode, json.json().code]).toEqual([404, 'B2B_UNSUBSCRIBE_TOKEN_INVALID']);
    const [n] = await h.db.sql`select count(*)::int as n from buyer_contacts where unsubscribed_at is not null`;
    expect(n!.n).toBe(0);
  });
});
