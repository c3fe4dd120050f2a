import { afterEach, describe, expect, it } from 'vitest';
import { names } from '../../actors/transport/names.js';
import { redisRateLimiter, type RateLimiter } from '../../actors/newsletter/rate-limit.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { deliveryStates, newsletterDef, runNewsletter, W50_RUN } from './helpers.js';
import { seedBuyer, seedManyBuyers, seedOffer } from './seed.js';
import { rawHeader, SmtpSink, type SinkOptions } from './smtp-sink.js';

let h: Harness | undefined;
let sink: SmtpSink | undefined;
const limiters: RateLimiter[] = [];
afterEach(async () => {
  await h?.close();
  for (const l of limiters.splice(0)) await l.close();
  await sink?.close();
  h = undefined;
  sink = undefined;
});

async function setUp(env: Record<string, string> = {}, sinkOptions: SinkOptions = {}): Promise<Harness> {
  sink = await SmtpSink.start(sinkOptions);
  h = await createHarness({
    SMTP_URL: sink.url, NEWSLETTER_RATE_PER_S: '200', PUBLIC_URL: 'https://market.example.com', BASE_PATH: '/mvp',
    NEWSLETTER_FROM: 'b2bpaper weekly <newsletter@b2bpaper.example>', ...env,
  });
  return h;
}

async function sentAll(hh: Harness, week: string, total: number): Promise<void> {
  await eventually(async () => (await deliveryStates(hh, week)).sent === total, 60_000, `${total} sent`);
}

describe('sending a week (newsletter.sendIssue → sendDeliveries)', () => {
  it('sends every subscribed contact one e-mail, with one-click unsubscribe headers; sending again sends nothing', async () => {
    const hh = await setUp();
    await hh.startWorker([newsletterDef(hh, { now: () => W50_RUN })]);
    const buyers = await Promise.all([1, 2, 3].map(() => seedBuyer(hh.db.sql, { follows: [{ grade: 'testliner-3' }], contacts: 3 })));
    await seedOffer(hh.db.sql, { at: new Date('2026-12-02T09:00:00Z') });
    await seedOffer(hh.db.sql, { status: 'exclusive', exclusiveBuyerId: buyers[0]!.id, at: new Date('2026-12-02T09:00:00Z') });
    expect((await runNewsletter(hh, 'sendIssue', { week: '2026-W50' })).result).toMatchObject({ generated: true, deliveries: 9, batches: 1 });
    await sentAll(hh, '2026-W50', 9);
    const contacts = buyers.flatMap((b) => b.contacts);
    expect(sink!.perRecipient()).toEqual(new Map(contacts.map((c) => [c.email, 1])));

    const c = contacts[4]!;
    const mail = await sink!.parse(sink!.received.find((r) => r.to[0] === c.email)!);
    expect(rawHeader(mail, 'list-unsubscribe')).toBe(
      `<https://market.example.com/mvp/unsubscribe/${c.token}>, <mailto:unsubscribe@b2bpaper.example?subject=unsubscribe-${c.token}>`);
    expect(rawHeader(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const [delivery] = await hh.db.sql`select message_id, recipient from newsletter_deliveries where contact_id = ${c.id}`;
    expect(mail.messageId).toBe(delivery!.message_id);
    expect(delivery!.recipient).toBe(c.email);
    expect(mail.subject).toBe('b2bpaper week 50/2026: 1 offer in Testliner 3');
    expect(mail.text).toContain(`Dear ${c.name},`);
    expect(mail.html).toContain('<table');
    expect(sink!.received.find((r) => r.to[0] === c.email)!.mailFrom).toBe('newsletter@b2bpaper.example');

    const again = await runNewsletter(hh, 'sendIssue', { week: '2026-W50' });
    expect(again.result).toMatchObject({ generated: false, batches: 0 });
    const batches = await hh.db.sql`select id from mailbox where type = 'sendDeliveries'`;
    await runNewsletter(hh, 'sendDeliveries', { week: '2026-W50', contactIds: contacts.map((x) => x.id) });
    expect(sink!.received).toHaveLength(9);
    expect(batches).toHaveLength(1);
  });

  it('skips a contact who unsubscribed between generation and sending', async () => {
    const hh = await setUp();
    await hh.startWorker([newsletterDef(hh, { now: () => W50_RUN })]);
    const buyer = await seedBuyer(hh.db.sql, { follows: [{ grade: 'testliner-3' }], contacts: 2 });
    await runNewsletter(hh, 'generateIssue', { week: '2026-W50' });
    await hh.db.sql`update buyer_contacts set unsubscribed_at = now() where id = ${buyer.contacts[1]!.id}`;
    await runNewsletter(hh, 'sendIssue', { week: '2026-W50' });
    await eventually(async () => (await deliveryStates(hh, '2026-W50')).skipped === 1, 30_000, 'skipped');
    await sentAll(hh, '2026-W50', 1);
    expect([...sink!.perRecipient().keys()]).toEqual([buyer.contacts[0]!.email]);
  });

  it('fails and bounces a recipient the relay refuses (550); retries one it asks to try later (451) and sends it once', async () => {
    const refusedOnce = new Set<string>();
    let refused = '';
    let later = '';
    const hh = await setUp({}, {
      rcpt: (address) => {
        if (address === refused) return 550;
        if (address === later && !refusedOnce.has(address)) {
          refusedOnce.add(address);
          return 451;
        }
        return undefined;
      },
    });
    await hh.startWorker([newsletterDef(hh, { now: () => W50_RUN })]);
    const buyer = await seedBuyer(hh.db.sql, { follows: [{ grade: 'testliner-3' }], contacts: 3 });
    [refused, later] = [buyer.contacts[0]!.email, buyer.contacts[1]!.email];
    await runNewsletter(hh, 'sendIssue', { week: '2026-W50' });
    await sentAll(hh, '2026-W50', 2);
    expect(await deliveryStates(hh, '2026-W50')).toEqual({ sent: 2, failed: 1 });
    const [gone] = await hh.db.sql`select d.bounce, c.bounced_at from newsletter_deliveries d join buyer_contacts c on c.id = d.contact_id where c.email = ${refused}`;
    expect(gone!.bounce).toBe('hard');
    expect(gone!.bounced_at).not.toBeNull();
    const [retried] = await hh.db.sql`select d.attempts from newsletter_deliveries d join buyer_contacts c on c.id = d.contact_id where c.email = ${later}`;
    expect(retried!.attempts).toBe(2);
    expect(sink!.perRecipient()).toEqual(new Map([[later, 1], [buyer.contacts[2]!.email, 1]]));
  });

  it('holds one rate across two worker runtimes (Redis limiter)', async () => {
    const hh = await setUp({ NEWSLETTER_RATE_PER_S: '20' });
    const key = names(hh.config.KEY_PREFIX).rateLimitKey('newsletter-smtp');
    const used = [0, 0];
    for (const i of [0, 1]) {
      const real = redisRateLimiter(hh.config.REDIS_URL, key, 20);
      limiters.push(real);
      const counting: RateLimiter = { acquire: async (s) => { used[i]!++; await real.acquire(s); }, close: async () => undefined };
      await hh.startWorker([{ ...newsletterDef(hh, { now: () => W50_RUN, limiter: counting }), inflight: 2 }], `rate-worker-${i}`);
    }
    await seedManyBuyers(hh.db.sql, 100, 1);
    await runNewsletter(hh, 'sendIssue', { week: '2026-W50' });
    await sentAll(hh, '2026-W50', 100);
    const times = sink!.received.map((r) => r.at).sort((a, b) => a - b);
    // 100 e-mails at 20/s take at least 99 × 50 ms; two limits of 20/s each would take half that.
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(4_000);
    expect(used[0]).toBeGreaterThan(0);
    expect(used[1]).toBeGreaterThan(0);
  }, 90_000);

  it('spaces slots evenly for limiters on separate connections', async () => {
    const hh = await setUp();
    const key = names(hh.config.KEY_PREFIX).rateLimitKey('spacing');
    const [a, b] = [redisRateLimiter(hh.config.REDIS_URL, key, 50), redisRateLimiter(hh.config.REDIS_URL, key, 50)];
    limiters.push(a, b);
    const start = Date.now();
    await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).acquire()));
    expect(Date.now() - start).toBeGreaterThanOrEqual(1_000);
  });
});

describe('without SMTP_URL', () => {
  it('writes each e-mail as an .eml file under NEWSLETTER_OUTBOX_DIR/<week>/', async () => {
    const { mkdtemp, readdir, readFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'b2b-outbox-'));
    h = await createHarness({ NEWSLETTER_OUTBOX_DIR: dir });
    await h.startWorker([newsletterDef(h, { now: () => W50_RUN })]);
    const buyer = await seedBuyer(h.db.sql, { follows: [{ grade: 'testliner-3' }], contacts: 2 });
    await runNewsletter(h, 'sendIssue', { week: '2026-W50' });
    await sentAll(h, '2026-W50', 2);
    const files = (await readdir(join(dir, '2026-W50'))).sort();
    const ids = await h.db.sql<{ id: string }[]>`select id from newsletter_deliveries order by id`;
    expect(files).toEqual(ids.map((r) => `${r.id}.eml`));
    const emls = await Promise.all(files.map((f) => readFile(join(dir, '2026-W50', f), 'utf8')));
    for (const eml of emls) expect(eml).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    const to = emls.map((eml) => /^To: .*<([^>]+)>$/m.exec(eml)?.[1]).sort();
    expect(to).toEqual(buyer.contacts.map((c) => c.email).sort());
    await rm(dir, { recursive: true, force: true });
  });
});
