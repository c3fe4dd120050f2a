import { markContactBounced } from '../../db/contacts.js';
import type { Sql } from '../../db/client.js';
import {
  batchDeliveries, claimDelivery, finishUnsent, markDeliveryBounced, markSent, releaseDelivery, type BatchDelivery,
} from '../../db/newsletter-deliveries.js';
import { openOffersByIds } from '../../db/newsletter-offers.js';
import { getIssue } from '../../db/newsletters.js';
import { AppError } from '../common/errors.js';
import type { Logger } from '../common/log.js';
import { composeMail, renderLetter, type MailSettings } from './compose.js';
import { classifySendError, type Mailer } from './mailer.js';
import { sectionsFromIds } from './plan-issue.js';
import type { NewsletterOffer } from './types.js';
import type { RateLimiter } from './rate-limit.js';

/**
 * Sends one batch of a week's deliveries, one at a time: wait for the global rate, claim
 * (pending → sending), render, hand to the relay, mark sent. A delivery that is sent,
 * failed or skipped is passed over, so a batch that runs again sends only what is left.
 *
 * The residual window: a worker that dies after the relay accepted an e-mail and before
 * "sent" is written leaves the delivery `sending`; the batch's next run sends it again
 * with the same Message-ID. That window is one database round trip per e-mail.
 */

export interface BatchEnv {
  sql: Sql;
  log: Logger;
  settings: MailSettings;
  mailer: Mailer;
  limiter: RateLimiter;
  /** The mailbox message sending this batch: its own earlier claims are its to finish. */
  claimant: string;
  /** Claims older than this belong to a sender that is gone. */
  staleClaimMs: number;
  signal: AbortSignal;
}

export interface BatchResult {
  sent: number;
  skipped: number;
  failed: number;
  /** Already finished, or in another sender's hands. */
  passed: number;
}

type Outcome = keyof BatchResult;

const FINISHED = new Set(['sent', 'failed', 'skipped']);

export async function sendBatch(env: BatchEnv, week: string, contactIds: string[]): Promise<BatchResult> {
  const issue = await getIssue(env.sql, week);
  if (!issue?.generated_at) throw new AppError('B2B_CONFLICT', `the newsletter of ${week} is not generated`);
  const deliveries = (await batchDeliveries(env.sql, week, contactIds)).filter((d) => !FINISHED.has(d.state));
  const offers = await openOffersByIds(env.sql, [...new Set(deliveries.flatMap((d) => d.offer_ids))]);
  const result: BatchResult = { sent: 0, skipped: 0, failed: 0, passed: contactIds.length - deliveries.length };
  for (const d of deliveries) {
    env.signal.throwIfAborted();
    result[await sendOne(env, issue.generated_at, d, offers)]++;
  }
  return result;
}

async function sendOne(env: BatchEnv, generatedAt: Date, d: BatchDelivery, offers: Map<string, NewsletterOffer>): Promise<Outcome> {
  if (!d.subscribed) {
    await finishUnsent(env.sql, d.id, env.claimant, 'skipped', 'unsubscribed or bounced before it was sent');
    return 'skipped';
  }
  await env.limiter.acquire(env.signal);
  const attempt = await claimDelivery(env.sql, d.id, env.claimant, env.staleClaimMs);
  if (attempt === undefined) return 'passed';
  const log = env.log.child({ deliveryId: d.id, week: d.week, attempt });
  if (attempt > 1) log.warn('sending a delivery whose earlier attempt did not finish, with the same Message-ID');
  const rendered = renderLetter(env.settings, {
    week: d.week, generatedAt, buyerName: d.buyer_name, contactName: d.contact_name, token: d.unsubscribe_token,
    sections: sectionsFromIds(d.offer_ids, offers), more: d.more_offers,
  });
  const mail = composeMail(env.settings, { id: d.id, week: d.week, messageId: d.message_id, contactName: d.contact_name, email: d.email, token: d.unsubscribe_token }, rendered);
  let response: string;
  try {
    response = (await env.mailer.send(mail)).response;
  } catch (err) {
    return failed(env, d, err, log);
  }
  if (!(await markSent(env.sql, d.id, env.claimant, d.email, response))) log.warn('sent, but the delivery was no longer claimed by this batch');
  return 'sent';
}

async function failed(env: BatchEnv, d: BatchDelivery, err: unknown, log: Logger): Promise<Outcome> {
  const message = (err as Error).message ?? String(err);
  const kind = classifySendError(err);
  if (kind === 'transient') {
    await releaseDelivery(env.sql, d.id, env.claimant, message);
    throw new AppError('B2B_UNAVAILABLE', `the mail relay did not take the e-mail: ${message}`, { cause: err });
  }
  log.warn({ err: message, kind }, 'the mail relay refused the e-mail for good');
  await finishUnsent(env.sql, d.id, env.claimant, 'failed', message);
  if (kind === 'recipient-rejected') {
    await markDeliveryBounced(env.sql, d.id, 'hard');
    await markContactBounced(env.sql, d.contact_id);
  }
  return 'failed';
}
