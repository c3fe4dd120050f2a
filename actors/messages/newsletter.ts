import { z } from 'zod';

/** An ISO week with a week that exists in its year: '2026-W49'. */
export const NewsletterWeek = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'expected an ISO week such as 2026-W49');

/** Operator or benchmark → newsletter: write the week's issue and its deliveries; a second call finds the first issue. */
export const GenerateIssue = z.object({ week: NewsletterWeek });

/**
 * Scheduler (keyed by the week) or `POST /newsletters/{week}/send` → newsletter: generate
 * the week if needed, then hand its deliveries out in sendDeliveries batches. Idempotent:
 * a delivery is sent at most once however often this runs.
 */
export const SendIssue = z.object({ week: NewsletterWeek });

/** Newsletter (sendIssue) → newsletter: send these contacts' deliveries of the week; sent ones are skipped. */
export const SendDeliveries = z.object({
  week: NewsletterWeek,
  contactIds: z.array(z.uuid()).min(1).max(500),
});

export const BounceReport = z.object({
  recipient: z.string().min(3).max(320),
  kind: z.enum(['hard', 'soft']),
  status: z.string().max(20).nullable(),
  diagnostic: z.string().max(1000).nullable(),
});

/**
 * Ingestion (a delivery status notification arrived) → newsletter: mark the contacts
 * bounced (hard: at once; soft: after three issues in a row). Once per e-mail and recipient.
 */
export const RecordBounce = z.object({
  emailId: z.uuid(),
  /** The Message-ID of the e-mail that bounced, when the report quotes it. */
  originalMessageId: z.string().max(998).nullable(),
  reports: z.array(BounceReport).min(1).max(100),
});

/** Ingestion (an e-mail to the List-Unsubscribe mailto arrived) → newsletter: unsubscribe that contact. Idempotent. */
export const Unsubscribe = z.object({
  token: z.string().min(1).max(200),
  emailId: z.uuid().optional(),
});

export const newsletterMessages = {
  generateIssue: GenerateIssue,
  sendIssue: SendIssue,
  sendDeliveries: SendDeliveries,
  recordBounce: RecordBounce,
  unsubscribe: Unsubscribe,
} as const;
