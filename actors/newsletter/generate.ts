import { randomUUID } from 'node:crypto';
import type { Sql } from '../../db/client.js';
import { previewAddressee, subscribedContacts } from '../../db/contacts.js';
import { matchScoresByBuyer, openOffersByIds, openOffersPublished } from '../../db/newsletter-offers.js';
import {
  buyerDelivery, ensureIssue, followRows, getIssue, insertDeliveries, issueCounts, lockWeek, markGenerated,
  shownInPreviousIssue, type NewDelivery,
} from '../../db/newsletters.js';
import { AppError } from '../common/errors.js';
import { deliveryMessageId, renderLetter, type MailSettings } from './compose.js';
import { followsByBuyer, issueWindow, offersByGrade, planIssue, sectionsFromIds, selectForBuyer, type BuyerSelection } from './plan-issue.js';
import type { RenderedNewsletter } from './types.js';
import { isoWeek, parseIsoWeek } from './week.js';

/** Generation of an issue (the I/O around plan-issue.ts) and the operator's preview. */

export interface GenerateResult {
  week: string;
  created: boolean;
  deliveries: number;
  window: { start: string; end: string } | null;
}

export interface IssueEnv {
  sql: Sql;
  settings: MailSettings;
  timeZone: string;
  now: () => Date;
}

export function checkWeek(week: string): void {
  if (!parseIsoWeek(week)) throw new AppError('B2B_VALIDATION', `no such ISO week: ${week}`);
}

/**
 * Writes the week's issue and one delivery per subscribed contact, in one transaction
 * under a lock on the week: a second generation, concurrent or later, finds the first.
 */
export async function generateIssue(env: IssueEnv, week: string): Promise<GenerateResult> {
  checkWeek(week);
  return env.sql.begin(async (tx) => {
    await lockWeek(tx, week);
    const issue = await ensureIssue(tx, week);
    if (issue.generated_at) {
      const window = issue.window_start && issue.window_end ? { start: issue.window_start.toISOString(), end: issue.window_end.toISOString() } : null;
      return { week, created: false, deliveries: (await issueCounts(tx, week)).total, window };
    }
    const window = issueWindow(week, env.now(), env.timeZone);
    const offers = await openOffersPublished(tx, window.start, window.end);
    const [follows, contacts, shownBefore, matchScores] = [
      followsByBuyer(await followRows(tx)), await subscribedContacts(tx), await shownInPreviousIssue(tx, week),
      await matchScoresByBuyer(tx, offers.map((o) => o.id)),
    ];
    const rows: NewDelivery[] = planIssue({ offers, followsByBuyer: follows, contacts, shownBefore, matchScores }).map((p) => {
      const id = randomUUID();
      return { id, contact_id: p.contactId, buyer_id: p.buyerId, message_id: deliveryMessageId(week, id, env.settings.domain), offer_ids: p.offerIds, more_offers: p.more };
    });
    await insertDeliveries(tx, week, rows);
    await markGenerated(tx, week, window);
    return { week, created: true, deliveries: rows.length, window: { start: window.start.toISOString(), end: window.end.toISOString() } };
  });
}

export interface Preview extends RenderedNewsletter {
  week: string;
  buyerName: string;
  contactName: string;
  offers: number;
  /** True when the week is generated: the preview shows that issue, as it would be sent now. */
  generated: boolean;
}

/** What the buyer gets for the week: the generated issue when there is one, else what generating now would give. */
async function previewSelection(env: IssueEnv, week: string, buyerId: string): Promise<BuyerSelection & { generated: boolean; generatedAt: Date }> {
  const issue = await getIssue(env.sql, week);
  const stored = issue?.generated_at ? await buyerDelivery(env.sql, week, buyerId) : undefined;
  if (issue?.generated_at && stored) {
    const sections = sectionsFromIds(stored.offer_ids, await openOffersByIds(env.sql, stored.offer_ids));
    return { sections, offerIds: stored.offer_ids, more: stored.more_offers, generated: true, generatedAt: issue.generated_at };
  }
  const now = env.now();
  const window = issueWindow(week, now, env.timeZone);
  const follows = followsByBuyer(await followRows(env.sql, buyerId)).get(buyerId) ?? [];
  const offers = await openOffersPublished(env.sql, window.start, window.end);
  const shown = (await shownInPreviousIssue(env.sql, week, buyerId)).get(buyerId);
  const scores = (await matchScoresByBuyer(env.sql, offers.map((o) => o.id), buyerId)).get(buyerId);
  return { ...selectForBuyer(offersByGrade(offers), follows, shown, scores), generated: false, generatedAt: now };
}

export async function previewIssue(env: IssueEnv, buyerId: string, week = isoWeek(env.now(), env.timeZone)): Promise<Preview> {
  checkWeek(week);
  const addressee = await previewAddressee(env.sql, buyerId);
  if (!addressee) throw new AppError('B2B_BUYER_NOT_FOUND', `no buyer ${buyerId}`);
  const contactName = addressee.contact_name ?? addressee.buyer_name;
  const s = await previewSelection(env, week, buyerId);
  const rendered = renderLetter(env.settings, {
    week, generatedAt: s.generatedAt, buyerName: addressee.buyer_name, contactName, token: 'preview', sections: s.sections, more: s.more,
  });
  const offers = s.sections.reduce((n, sec) => n + sec.offers.length, 0);
  return { ...rendered, week, buyerName: addressee.buyer_name, contactName, offers, generated: s.generated };
}
