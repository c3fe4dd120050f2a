import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';
import { newsletterDef, runNewsletter, W50_RUN } from './helpers.js';
import { seedBuyer, type SeedContact } from './seed.js';

let h: Harness;
let contact: SeedContact;
beforeEach(async () => {
  h = await createHarness();
  await h.startWorker([newsletterDef(h, { now: () => W50_RUN })]);
  contact = (await seedBuyer(h.db.sql, { follows: [{ grade: 'testliner-3' }] })).contacts[0]!;
});
afterEach(async () => { await h.close(); });

/** A delivery of the week to the contact, sent; its Message-ID. */
async function sentDelivery(week: string, c: SeedContact = contact): Promise<string> {
  const id = randomUUID();
  const messageId = `<newsletter.${week}.${id}@b2bpaper.example>`;
  await h.db.sql`insert into newsletter_issues (week, generated_at) values (${week}, now()) on conflict do nothing`;
  await h.db.sql`insert into newsletter_deliveries (id, week, contact_id, buyer_id, message_id, offer_ids, state, sent_at)
    select ${id}, ${week}, c.id, c.buyer_id, ${messageId}, '{}', 'sent', now() from buyer_contacts c where c.id = ${c.id}`;
  return messageId;
}

async function bounce(kind: 'hard' | 'soft', originalMessageId: string | null, emailId = randomUUID(), recipient = contact.email) {
  const status = kind === 'hard' ? '5.1.1' : '4.2.2';
  return runNewsletter(h, 'recordBounce', { emailId, originalMessageId, reports: [{ recipient, kind, status, diagnostic: null }] });
}

async function state(c: SeedContact = contact) {
  const [row] = await h.db.sql<{ bounced: boolean; soft_bounces: number }[]>`
    select bounced_at is not null as bounced, soft_bounces from buyer_contacts where id = ${c.id}`;
  return row;
}

describe('bounces (newsletter.recordBounce)', () => {
  it('a hard bounce stops the newsletter at once and marks the delivery it is about', async () => {
    const messageId = await sentDelivery('2026-W49');
    const done = await bounce('hard', messageId);
    expect(done.result).toEqual({ contacts: [contact.id] });
    expect(await state()).toEqual({ bounced: true, soft_bounces: 0 });
    const [d] = await h.db.sql`select bounce from newsletter_deliveries where message_id = ${messageId}`;
    expect(d!.bounce).toBe('hard');
    await runNewsletter(h, 'generateIssue', { week: '2026-W50' });
    expect(await h.db.sql`select * from newsletter_deliveries where week = '2026-W50'`).toHaveLength(0);
  });

  it('soft bounces stop it after three issues in a row', async () => {
    await bounce('soft', await sentDelivery('2026-W48'));
    expect(await state()).toEqual({ bounced: false, soft_bounces: 1 });
    await bounce('soft', await sentDelivery('2026-W49'));
    expect(await state()).toEqual({ bounced: false, soft_bounces: 2 });
    const w50 = await sentDelivery('2026-W50');
    await bounce('soft', w50);
    expect(await state()).toEqual({ bounced: true, soft_bounces: 3 });
    // A second report on the same issue adds nothing.
    await bounce('soft', w50);
    expect(await state()).toEqual({ bounced: true, soft_bounces: 3 });
  });

  it('an issue that went through breaks the run of soft bounces', async () => {
    await bounce('soft', await sentDelivery('2026-W48'));
    await bounce('soft', await sentDelivery('2026-W49'));
    await sentDelivery('2026-W50');
    await bounce('soft', await sentDelivery('2026-W51'));
    expect(await state()).toEqual({ bounced: false, soft_bounces: 1 });
  });

  it('counts a report once, however often it arrives or runs; without a quoted Message-ID it is about the latest issue', async () => {
    await sentDelivery('2026-W49');
    await sentDelivery('2026-W50');
    const emailId = randomUUID();
    await bounce('soft', null, emailId);
    await bounce('soft', null, emailId);
    await bounce('soft', '<not-ours@elsewhere.example>', randomUUID());
    expect(await state()).toEqual({ bounced: false, soft_bounces: 1 });
    const rows = await h.db.sql`select week, bounce from newsletter_deliveries order by week`;
    expect(rows).toEqual([{ week: '2026-W49', bounce: null }, { week: '2026-W50', bounce: 'soft' }]);
    expect(await h.db.sql`select * from newsletter_bounces`).toHaveLength(2);
  });

  it('a bounce from a forwarding address counts for the contact whose e-mail it quotes', async () => {
    const messageId = await sentDelivery('2026-W50');
    await bounce('hard', messageId, randomUUID(), 'forwarded-to@gone.example');
    expect(await state()).toEqual({ bounced: true, soft_bounces: 0 });
  });

  it('a bounce for an address that is no contact changes nothing', async () => {
    await sentDelivery('2026-W50');
    const done = await bounce('hard', null, randomUUID(), 'stranger@nowhere.example');
    expect(done.result).toEqual({ contacts: [] });
    expect(await state()).toEqual({ bounced: false, soft_bounces: 0 });
  });
});

describe('the List-Unsubscribe mailto (newsletter.unsubscribe)', () => {
  it('unsubscribes the contact of the token; an unknown token changes nothing', async () => {
    expect((await runNewsletter(h, 'unsubscribe', { token: 'not-a-token-at-all' })).result).toEqual({ unsubscribed: false });
    expect((await runNewsletter(h, 'unsubscribe', { token: contact.token })).result).toEqual({ unsubscribed: true });
    const [row] = await h.db.sql`select unsubscribed_at from buyer_contacts where id = ${contact.id}`;
    expect(row!.unsubscribed_at).not.toBeNull();
  });
});
