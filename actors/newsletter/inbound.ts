import type { z } from 'zod';
import type { Outbox } from '../mailbox/outbox.js';
import type { RecordBounce, Unsubscribe } from '../messages/newsletter.js';
import { parseDeliveryReport } from './bounce.js';

/**
 * Inbound e-mail that belongs to the newsletter, not to offer ingestion: delivery status
 * notifications (bounces) and mail to the List-Unsubscribe mailto. The ingestion actor
 * asks here first and hands such mail over.
 */
export type NewsletterMail =
  | { type: 'recordBounce'; payload: z.input<typeof RecordBounce> }
  | { type: 'unsubscribe'; payload: z.input<typeof Unsubscribe> }
  /** A report with no failure in it (delayed, delivered): not an offer, and nothing to do. */
  | { type: 'none' };

/** `unsubscribe-<token>` as our mailto writes it, after any Re:/Fwd: a client adds. */
const UNSUBSCRIBE_SUBJECT = /^\s*(?:(?:re|aw|fwd?|wg|tr)\s*:\s*)*unsubscribe-([A-Za-z0-9_.~-]{8,200})\s*$/i;

export function newsletterMailOf(emailId: string, raw: Buffer | string, subject: string): NewsletterMail | null {
  const token = UNSUBSCRIBE_SUBJECT.exec(subject)?.[1];
  if (token) return { type: 'unsubscribe', payload: { token, emailId } };
  const report = parseDeliveryReport(raw);
  if (!report) return null;
  const reports = report.recipients.flatMap((r) => (r.kind ? [{ recipient: r.recipient, kind: r.kind, status: r.status, diagnostic: r.diagnostic }] : []));
  if (reports.length === 0) return { type: 'none' };
  return { type: 'recordBounce', payload: { emailId, originalMessageId: report.originalMessageId, reports: reports.slice(0, 100) } };
}

/** Hands newsletter mail to the newsletter actor (once per e-mail); false when the e-mail is not newsletter mail. */
export async function forwardNewsletterMail(outbox: Outbox, emailId: string, raw: Buffer | string, subject: string): Promise<boolean> {
  const mail = newsletterMailOf(emailId, raw, subject);
  if (!mail) return false;
  if (mail.type === 'recordBounce') await outbox.send('newsletter', 'recordBounce', mail.payload, { dedupeKey: `bounce:${emailId}` });
  if (mail.type === 'unsubscribe') await outbox.send('newsletter', 'unsubscribe', mail.payload, { dedupeKey: `unsubscribe:${emailId}` });
  return true;
}
