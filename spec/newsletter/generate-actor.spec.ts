import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';
import { newsletterDef, runNewsletter, W50_RUN } from './helpers.js';
import { seedBuyer, seedMatch, seedOffer } from './seed.js';

let h: Harness;
let now: Date;
beforeEach(async () => {
  h = await createHarness();
  now = W50_RUN;
  await h.startWorker([newsletterDef(h, { now: () => now })]);
});
afterEach(async () => { await h.close(); });

const day = (iso: string) => new Date(`${iso}Z`);

async function offersOf(contactId: string, week = '2026-W50'): Promise<string[] | undefined> {
  const [row] = await h.db.sql<{ offer_ids: string[] }[]>`select offer_ids from newsletter_deliveries where contact_id = ${contactId} and week = ${week}`;
  return row?.offer_ids;
}

describe('generating a week (newsletter.generateIssue)', () => {
  it("shows each buyer its grades' open-market offers, newest first, grouped by grade; never a line under exclusivity", async () => {
    const a = await seedBuyer(h.db.sql, { follows: [{ grade: 'testliner-3', gsm: [100, 150], width: [1000, 2600] }, { grade: 'kraftliner' }] });
    const b = await seedBuyer(h.db.sql, { follows: [{ grade: 'testliner-3' }] });
    const o1 = await seedOffer(h.db.sql, { gsm: 125, width_mm: 1250, at: day('2026-12-01T09:00:00') });
    const o2 = await seedOffer(h.db.sql, { gsm: 140, width_mm: 2500, at: day('2026-12-03T09:00:00') });
    const rivalForA = await seedOffer(h.db.sql, { status: 'exclusive', exclusiveBuyerId: b.id, at: day('2026-12-02T09:00:00') });
    const ownOfA = await seedOffer(h.db.sql, { status: 'exclusive', exclusiveBuyerId: a.id, at: day('2026-12-02T09:00:00') });
    const reserved = await seedOffer(h.db.sql, { status: 'reserved', exclusiveBuyerId: b.id, at: day('2026-12-02T09:00:00') });
    const kl = await seedOffer(h.db.sql, { grade: 'kraftliner', gsm: 175, width_mm: 2400, at: day('2026-12-02T09:00:00') });
    const old = await seedOffer(h.db.sql, { at: day('2026-11-20T09:00:00') });
    const heavy = await seedOffer(h.db.sql, { gsm: 200, at: day('2026-12-01T10:00:00') });
    await seedOffer(h.db.sql, { grade: 'fluting', at: day('2026-12-02T09:00:00') });

    const done = await runNewsletter(h, 'generateIssue', { week: '2026-W50' });
    expect(done.state).toBe('done');
    expect(done.result).toMatchObject({ week: '2026-W50', created: true, deliveries: 2 });
    // Kraftliner comes before testliner-3 in the grade order; within a grade, the newest day first.
    expect(await offersOf(a.contacts[0]!.id)).toEqual([kl, o2, o1]);
    expect(await offersOf(b.contacts[0]!.id)).toEqual([o2, heavy, o1]);
    const all = await h.db.sql<{ id: string }[]>`select distinct unnest(offer_ids) as id from newsletter_deliveries`;
    for (const hidden of [rivalForA, ownOfA, reserved, old]) expect(all.map((r) => r.id)).not.toContain(hidden);
  });

  it("orders a day's lines by the buyer's match scores where matching has them", async () => {
    const buyer = await seedBuyer(h.db.sql, { follows: [{ grade: 'testliner-3' }] });
    const late = await seedOffer(h.db.sql, { at: day('2026-12-03T15:00:00') });
    const early = await seedOffer(h.db.sql, { at: day('2026-12-03T08:00:00') });
    const best = await seedOffer(h.db.sql, { at: day('2026-12-03T07:00:00') });
    await seedMatch(h.db.sql, buyer.id, early, 0.6);
    await seedMatch(h.db.sql, buyer.id, best, 0.9);
    await runNewsletter(h, 'generateIssue', { week: '2026-W50' });
    expect(await offersOf(buyer.contacts[0]!.id)).toEqual([best, early, late]);
  });

  it('gives the same issue for the same week, generated twice or twice at once', async () => {
    const buyers = await Promise.all([1, 2, 3].map(() => seedBuyer(h.db.sql, { follows: [{ grade: 'testliner-3' }], contacts: 2 })));
    await seedOffer(h.db.sql, { at: day('2026-12-02T09:00:00') });
    const [x, y] = await Promise.all([
      runNewsletter(h, 'generateIssue', { week: '2026-W50' }),
      runNewsletter(h, 'generateIssue', { week: '2026-W50' }),
    ]);
    expect([x.result.created, y.result.created].sort()).toEqual([false, true]);
    const first = await h.db.sql`select id, contact_id, message_id, offer_ids from newsletter_deliveries order by id`;
    expect(first).toHaveLength(6);
    await seedBuyer(h.db.sql, { follows: [{ grade: 'testliner-3' }] });
    now = new Date(W50_RUN.getTime() + 3_600_000);
    const again = await runNewsletter(h, 'generateIssue', { week: '2026-W50' });
    expect(again.result).toMatchObject({ created: false, deliveries: 6 });
    expect(await h.db.sql`select id, contact_id, message_id, offer_ids from newsletter_deliveries order by id`).toEqual(first);
    expect(await h.db.sql`select week from newsletter_issues`).toEqual([{ week: '2026-W50' }]);
    const contacts = new Set(first.map((d) => d.contact_id));
    expect(contacts).toEqual(new Set(buyers.flatMap((b) => b.contacts.map((c) => c.id))));
  });

  it('leaves out contacts that unsubscribed, bounced or were switched off, and buyers that follow nothing', async () => {
    const buyer = await seedBuyer(h.db.sql, { follows: [{ grade: 'gc2' }], contacts: 4 });
    const [keep, unsub, bounced, off] = buyer.contacts.map((c) => c.id);
    await h.db.sql`update buyer_contacts set unsubscribed_at = now() where id = ${unsub!}`;
    await h.db.sql`update buyer_contacts set bounced_at = now() where id = ${bounced!}`;
    await h.db.sql`update buyer_contacts set newsletter = false where id = ${off!}`;
    await seedBuyer(h.db.sql, { follows: [] });
    await runNewsletter(h, 'generateIssue', { week: '2026-W50' });
    const rows = await h.db.sql<{ contact_id: string }[]>`select contact_id from newsletter_deliveries`;
    expect(rows.map((r) => r.contact_id)).toEqual([keep]);
  });

  it('does not repeat what the previous issue showed', async () => {
    const buyer = await seedBuyer(h.db.sql, { follows: [{ grade: 'testliner-3' }] });
    const early = await seedOffer(h.db.sql, { at: day('2026-12-02T09:00:00') });
    // Monday 03:00 Berlin: in the window of 2026-W50 (run at 06:00) and of 2026-W51.
    const mondayNight = await seedOffer(h.db.sql, { at: day('2026-12-07T02:00:00') });
    await runNewsletter(h, 'generateIssue', { week: '2026-W50' });
    expect(await offersOf(buyer.contacts[0]!.id)).toEqual([mondayNight, early]);
    await h.db.sql`update newsletter_deliveries set state = 'sent'`;
    const later = await seedOffer(h.db.sql, { at: day('2026-12-09T09:00:00') });
    now = new Date('2026-12-14T05:00:00Z');
    await runNewsletter(h, 'generateIssue', { week: '2026-W51' });
    expect(await offersOf(buyer.contacts[0]!.id, '2026-W51')).toEqual([later]);
  });

  it('refuses a week its year does not have, for good', async () => {
    const dead = await runNewsletter(h, 'generateIssue', { week: '2027-W53' });
    expect(dead.state).toBe('dead');
    expect(dead.last_error?.code).toBe('B2B_VALIDATION');
    expect(await h.db.sql`select * from newsletter_issues`).toHaveLength(0);
  });
});
