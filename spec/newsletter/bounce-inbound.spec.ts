import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIngestion } from '../../actors/ingestion/actor.js';
import { buildTestApp, signRaw } from '../support/gateway.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { newsletterDef, W50_RUN } from './helpers.js';
import { seedBuyer, type SeededBuyer } from './seed.js';

const SECRET = 'inbound-test-secret';
let h: Harness;
let app: FastifyInstance;
let buyer: SeededBuyer;
beforeEach(async () => {
  h = await createHarness({ INBOUND_EMAIL_SECRET: SECRET });
  app = await buildTestApp(h);
  await h.startWorker([createIngestion({ sql: h.db.sql, outbox: h.outbox, config: h.config }), newsletterDef(h, { now: () => W50_RUN })]);
  buyer = await seedBuyer(h.db.sql, { follows: [{ grade: 'testliner-3' }], contacts: 2 });
});
afterEach(async () => {
  await app.close();
  await h.close();
});

async function receive(raw: string): Promise<void> {
  const res = await app.inject({ method: 'POST', url: '/inbound/email', headers: signRaw(SECRET, raw), payload: raw });
  expect(res.statusCode).toBe(202);
}

function dsnTo(recipient: string): string {
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.kartonwerk.example>',
    'To: newsletter@b2bpaper.example',
    `Message-ID: <${randomUUID()}@mx.kartonwerk.example>`,
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="R"',
    '',
    '--R', 'Content-Type: text/plain', '', 'The mail system could not deliver your message.', '',
    '--R', 'Content-Type: message/delivery-status', '',
    'Reporting-MTA: dns; mx.kartonwerk.example', '',
    `Final-Recipient: rfc822; ${recipient}`, 'Action: failed', 'Status: 5.1.1', 'Diagnostic-Code: smtp; 550 5.1.1 User unknown', '',
    '--R--', '',
  ].join('\r\n');
}

describe('bounces and unsubscribes through the inbound e-mail path', () => {
  it('a DSN posted to /inbound/email bounces the contact, and is not read for offers', async () => {
    const [gone, kept] = buyer.contacts;
    await receive(dsnTo(gone!.email));
    await eventually(async () => {
      const [c] = await h.db.sql`select bounced_at from buyer_contacts where id = ${gone!.id}`;
      return c?.bounced_at !== null;
    }, 30_000, 'the contact bounced');
    const [other] = await h.db.sql`select bounced_at from buyer_contacts where id = ${kept!.id}`;
    expect(other!.bounced_at).toBeNull();
    const [email] = await h.db.sql`select status from emails`;
    expect(email!.status).toBe('ingested');
    expect(await h.db.sql`select id from offers`).toHaveLength(0);
  });

  it('an e-mail to the List-Unsubscribe mailto unsubscribes the contact of its token', async () => {
    const c = buyer.contacts[1]!;
    await receive(['From: Anna <anna@kartonwerk.example>', 'To: unsubscribe@b2bpaper.example', `Message-ID: <${randomUUID()}@kartonwerk.example>`,
      `Subject: unsubscribe-${c.token}`, '', 'Sent from my phone', ''].join('\r\n'));
    await eventually(async () => {
      const [row] = await h.db.sql`select unsubscribed_at from buyer_contacts where id = ${c.id}`;
      return row?.unsubscribed_at !== null;
    }, 30_000, 'the contact unsubscribed');
    const [first] = await h.db.sql`select unsubscribed_at from buyer_contacts where id = ${buyer.contacts[0]!.id}`;
    expect(first!.unsubscribed_at).toBeNull();
  });
});
