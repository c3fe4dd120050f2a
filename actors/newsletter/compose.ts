import type { Config } from '../common/config.js';
import { preferencesNote } from './plan-issue.js';
import { renderNewsletter } from './render.js';
import type { NewsletterSection, RenderedNewsletter } from './types.js';

/**
 * The e-mail around a rendered issue, pure: addresses, the stable Message-ID, and the
 * RFC 2369 / RFC 8058 unsubscribe headers built from PUBLIC_URL and BASE_PATH.
 */

export interface MailSettings {
  /** The From header as configured: `b2bpaper <newsletter@b2bpaper.example>`. */
  from: string;
  domain: string;
  unsubscribeMailbox: string;
  /** The SMTP envelope sender: where bounces go. */
  bounceAddress: string;
  /** PUBLIC_URL with BASE_PATH, no trailing slash. */
  publicBase: string;
}

export interface OutgoingMail {
  /** The delivery's id: the .eml file's name when there is no SMTP relay. */
  id: string;
  week: string;
  messageId: string;
  from: string;
  to: { name: string; address: string };
  envelopeFrom: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export type MailConfig = Pick<Config, 'NEWSLETTER_FROM' | 'NEWSLETTER_UNSUBSCRIBE_MAILBOX' | 'NEWSLETTER_BOUNCE_ADDRESS' | 'PUBLIC_URL' | 'BASE_PATH'>;

function addressOf(from: string): string {
  return (/<([^<>]+)>/.exec(from)?.[1] ?? from).trim().toLowerCase();
}

/** PUBLIC_URL may already carry BASE_PATH (https://market.example.com/mvp, as the Nginx sample has it). */
export function publicBase(publicUrl: string, basePath: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  return basePath && !new URL(base).pathname.endsWith(basePath) ? `${base}${basePath}` : base;
}

export function mailSettings(config: MailConfig): MailSettings {
  const fromAddress = addressOf(config.NEWSLETTER_FROM);
  const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1);
  return {
    from: config.NEWSLETTER_FROM,
    domain,
    unsubscribeMailbox: config.NEWSLETTER_UNSUBSCRIBE_MAILBOX ?? `unsubscribe@${domain}`,
    bounceAddress: config.NEWSLETTER_BOUNCE_ADDRESS ?? fromAddress,
    publicBase: publicBase(config.PUBLIC_URL, config.BASE_PATH),
  };
}

export function unsubscribeUrl(s: MailSettings, token: string): string {
  return `${s.publicBase}/unsubscribe/${encodeURIComponent(token)}`;
}

/** The one-click URL and the mailto, in that order (RFC 2369: clients take the first they can use). */
export function unsubscribeHeaders(s: MailSettings, token: string): Record<string, string> {
  const mailto = `mailto:${s.unsubscribeMailbox}?subject=${encodeURIComponent(`unsubscribe-${token}`)}`;
  return {
    'List-Unsubscribe': `<${unsubscribeUrl(s, token)}>, <${mailto}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': `b2bpaper weekly <weekly.${s.domain}>`,
  };
}

/** The same on every attempt of a delivery, so a second copy after a crash is recognisably the same e-mail. */
export function deliveryMessageId(week: string, deliveryId: string, domain: string): string {
  return `<newsletter.${week}.${deliveryId}@${domain}>`;
}

export interface DeliveryAddressing {
  id: string;
  week: string;
  messageId: string;
  contactName: string;
  email: string;
  token: string;
}

export function composeMail(s: MailSettings, d: DeliveryAddressing, rendered: RenderedNewsletter): OutgoingMail {
  return {
    id: d.id,
    week: d.week,
    messageId: d.messageId,
    from: s.from,
    to: { name: d.contactName, address: d.email },
    envelopeFrom: s.bounceAddress,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    headers: unsubscribeHeaders(s, d.token),
  };
}

export interface LetterParts {
  week: string;
  generatedAt: Date;
  buyerName: string;
  contactName: string;
  token: string;
  sections: NewsletterSection[];
  more: number;
}

/** One contact's issue, rendered: the same for the preview and the send. */
export function renderLetter(s: MailSettings, p: LetterParts): RenderedNewsletter {
  return renderNewsletter({
    week: p.week,
    buyer: { name: p.buyerName, contact_name: p.contactName },
    sections: p.sections,
    unsubscribeUrl: unsubscribeUrl(s, p.token),
    preferencesNote: preferencesNote(p.more),
    generatedAt: p.generatedAt,
  });
}
