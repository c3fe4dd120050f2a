import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createLogger } from '../../actors/common/log.js';
import { Outbox } from '../../actors/mailbox/outbox.js';
import { composeMail, mailSettings, renderLetter, type MailSettings } from '../../actors/newsletter/compose.js';
import { generateIssue } from '../../actors/newsletter/generate.js';
import { sectionsFromIds } from '../../actors/newsletter/plan-issue.js';
import { isoWeek } from '../../actors/newsletter/week.js';
import { names } from '../../actors/transport/names.js';
import { RedisTransport } from '../../actors/transport/redis.js';
import type { Sql } from '../../db/client.js';
import { batchDeliveries } from '../../db/newsletter-deliveries.js';
import { openOffersByIds } from '../../db/newsletter-offers.js';
import type { BenchFigure } from './figure.js';
import { seedBuyers, seedOffers } from './newsletter-seed.js';
import { benchEnv, createBenchDatabase, startBenchProcess, waitUntil } from './setup.js';

/**
 * The weekly newsletter: generating a week for 10,000 buyers over 5,000 open offers (the
 * actor's own generateIssue, database included; goal under 10 s), rendering all 10,000
 * e-mails as the send does, and the send through a compiled worker to a local SMTP sink.
 */
const TZ = 'Europe/Berlin';
const WEEK = '2026-W50';
const RUN = new Date('2026-12-07T05:00:00Z');
const PREVIOUS_WEEK_START = new Date('2026-11-29T23:00:00Z');
const SEND_CONTACTS = 2_000;

const settings: MailSettings = mailSettings({
  NEWSLETTER_FROM: 'b2bpaper <newsletter@b2bpaper.example>', NEWSLETTER_UNSUBSCRIBE_MAILBOX: undefined,
  NEWSLETTER_BOUNCE_ADDRESS: undefined, PUBLIC_URL: 'https://market.example.com', BASE_PATH: '',
});

/** Every delivery of the week rendered and wrapped, as sendDeliveries does, without the relay. */
async function renderAll(sql: Sql): Promise<{ mails: number; bytes: number }> {
  const contacts = (await sql<{ contact_id: string }[]>`select contact_id from newsletter_deliveries where week = ${WEEK} order by contact_id`).map((r) => r.contact_id);
  let bytes = 0;
  for (let i = 0; i < contacts.length; i += 1_000) {
    const deliveries = await batchDeliveries(sql, WEEK, contacts.slice(i, i + 1_000));
    const offers = await openOffersByIds(sql, [...new Set(deliveries.flatMap((d) => d.offer_ids))]);
    for (const d of deliveries) {
      const rendered = renderLetter(settings, { week: WEEK, generatedAt: RUN, buyerName: d.buyer_name, contactName: d.contact_name, token: d.unsubscribe_token, sections: sectionsFromIds(d.offer_ids, offers), more: d.more_offers });
      const mail = composeMail(settings, { id: d.id, week: WEEK, messageId: d.message_id, contactName: d.contact_name, email: d.email, token: d.unsubscribe_token }, rendered);
      bytes += mail.html.length + mail.text.length;
    }
  }
  return { mails: contacts.length, bytes };
}

async function generation(): Promise<BenchFigure[]> {
  const db = await createBenchDatabase();
  try {
    await seedBuyers(db.sql, 10_000);
    await seedOffers(db.sql, 5_000, PREVIOUS_WEEK_START);
    const started = performance.now();
    const result = await generateIssue({ sql: db.sql, settings, timeZone: TZ, now: () => RUN }, WEEK);
    const generated = performance.now();
    const { mails, bytes } = await renderAll(db.sql);
    const rendered = performance.now();
    const [avg] = await db.sql<{ n: number }[]>`select avg(cardinality(offer_ids))::float as n from newsletter_deliveries`;
    if (result.deliveries !== 10_000 || mails !== 10_000) throw new Error(`expected 10,000 deliveries, got ${result.deliveries}`);
    return [
      { bench: 'newsletter.generate_10k_buyers_5k_offers', value: (generated - started) / 1000, unit: 's' },
      { bench: 'newsletter.render_10k_emails', value: (rendered - generated) / 1000, unit: 's' },
      { bench: 'newsletter.generate_and_render_10k', value: (rendered - started) / 1000, unit: 's' },
      { bench: 'newsletter.offers_per_issue', value: avg?.n ?? 0, unit: 'offers' },
      { bench: 'newsletter.email_size', value: bytes / mails / 1024, unit: 'KiB' },
    ];
  } finally {
    await db.drop();
  }
}

async function startSink(): Promise<{ server: SMTPServer; port: number; received: () => number }> {
  let n = 0;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData: (stream, _session, callback) => {
      stream.on('data', () => undefined);
      stream.on('end', () => { n++; callback(); });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  return { server, port, received: () => n };
}

/** E-mails per second from sendIssue to the last one marked sent, rate limit out of the way. */
async function sending(): Promise<BenchFigure[]> {
  const db = await createBenchDatabase();
  const sink = await startSink();
  const env = benchEnv(db.url, { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, NEWSLETTER_RATE_PER_S: '10000' });
  const transport = new RedisTransport(env.REDIS_URL as string, names(env.KEY_PREFIX as string), createLogger('bench', 'warn'));
  const worker = await startBenchProcess('worker', env);
  try {
    await seedBuyers(db.sql, SEND_CONTACTS, 3);
    await seedOffers(db.sql, 1_000, new Date(Date.now() - 7 * 86_400_000), 4);
    const started = Date.now();
    await new Outbox(db.sql, transport).send('newsletter', 'sendIssue', { week: isoWeek(new Date(), TZ) });
    await waitUntil(async () => {
      await new Promise((r) => setTimeout(r, 200));
      const [r] = await db.sql<{ n: number }[]>`select count(*)::int as n from newsletter_deliveries where state = 'sent'`;
      return (r?.n ?? 0) >= SEND_CONTACTS;
    }, 300_000, 'every newsletter e-mail sent');
    const [last] = await db.sql<{ at: Date }[]>`select max(sent_at) as at from newsletter_deliveries`;
    if (sink.received() < SEND_CONTACTS) throw new Error(`the sink received ${sink.received()} of ${SEND_CONTACTS}`);
    return [{ bench: 'newsletter.send_throughput_smtp', value: (SEND_CONTACTS * 1000) / ((last as { at: Date }).at.getTime() - started), unit: 'emails/s' }];
  } finally {
    await worker.stop();
    await transport.close();
    await new Promise<void>((r) => sink.server.close(() => r()));
    await db.drop();
  }
}

export async function run(): Promise<BenchFigure[]> {
  return [...await generation(), ...await sending()];
}
