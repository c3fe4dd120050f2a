import type { z } from 'zod';
import type { Sql } from '../../db/client.js';
import { contactIdByEmail, markContactBounced, recordBounceEvent, refreshSoftBounces, unsubscribeByToken } from '../../db/contacts.js';
import { deliveryByMessageId, latestSentDelivery, markDeliveryBounced, type DeliveryRef } from '../../db/newsletter-deliveries.js';
import type { Logger } from '../common/log.js';
import type { BounceReport, RecordBounce, Unsubscribe } from '../messages/newsletter.js';

/**
 * What inbound mail does to contacts: a hard bounce stops the newsletter at once; soft
 * bounces on three issues in a row do (db/contacts.ts refreshSoftBounces); an e-mail to the
 * List-Unsubscribe mailto unsubscribes. Each report's recipient counts once.
 */

type Report = z.output<typeof BounceReport>;

async function bouncedDelivery(sql: Sql, matched: DeliveryRef | undefined, contactId: string | undefined): Promise<DeliveryRef | undefined> {
  if (matched && (!contactId || matched.contact_id === contactId)) return matched;
  return contactId ? latestSentDelivery(sql, contactId) : undefined;
}

async function applyReport(sql: Sql, p: z.output<typeof RecordBounce>, r: Report, matched: DeliveryRef | undefined): Promise<string | null> {
  // A forwarding address that bounced is not a contact: the quoted Message-ID says whose e-mail it was.
  const contactId = (await contactIdByEmail(sql, r.recipient)) ?? (p.reports.length === 1 ? matched?.contact_id : undefined);
  const delivery = await bouncedDelivery(sql, matched, contactId);
  return sql.begin(async (tx) => {
    const fresh = await recordBounceEvent(tx, { emailId: p.emailId, ...r, contactId: contactId ?? null, deliveryId: delivery?.id ?? null });
    if (!fresh || !contactId) return null;
    if (delivery) await markDeliveryBounced(tx, delivery.id, r.kind);
    if (r.kind === 'hard') await markContactBounced(tx, contactId);
    else await refreshSoftBounces(tx, contactId);
    return contactId;
  });
}

export async function recordBounce(sql: Sql, log: Logger, p: z.output<typeof RecordBounce>): Promise<{ contacts: string[] }> {
  const matched = p.originalMessageId ? await deliveryByMessageId(sql, p.originalMessageId) : undefined;
  const contacts: string[] = [];
  for (const r of p.reports) {
    const contactId = await applyReport(sql, p, r, matched);
    if (contactId) contacts.push(contactId);
    log.info({ emailId: p.emailId, recipient: r.recipient, kind: r.kind, status: r.status, contactId }, contactId ? 'bounce recorded' : 'bounce for no contact, or already recorded');
  }
  return { contacts };
}

export async function unsubscribeByMail(sql: Sql, log: Logger, p: z.output<typeof Unsubscribe>): Promise<{ unsubscribed: boolean }> {
  const contact = await unsubscribeByToken(sql, p.token);
  log.info({ emailId: p.emailId, contactId: contact?.id }, contact ? 'contact unsubscribed by e-mail' : 'unsubscribe e-mail with an unknown token');
  return { unsubscribed: contact !== undefined };
}
