import type { Db } from './client.js';

/**
 * The send side of newsletter deliveries. A delivery is claimed (pending → sending,
 * attempts + 1) by the mailbox message that sends it, before SMTP; marked sent after.
 * The same message may claim its own `sending` rows again (it ran before and was cut
 * off: lease expired, worker killed); another message only once the claim is stale.
 */

export interface BatchDelivery {
  id: string;
  week: string;
  contact_id: string;
  message_id: string;
  offer_ids: string[];
  more_offers: number;
  state: string;
  email: string;
  contact_name: string;
  unsubscribe_token: string;
  buyer_name: string;
  /** Still wants the newsletter: not unsubscribed, not bounced, newsletter on. */
  subscribed: boolean;
}

export async function batchDeliveries(sql: Db, week: string, contactIds: readonly string[]): Promise<BatchDelivery[]> {
  return sql<BatchDelivery[]>`
    select d.id, d.week, d.contact_id, d.message_id, d.offer_ids, d.more_offers, d.state,
      c.email, c.name as contact_name, c.unsubscribe_token, b.name as buyer_name,
      (c.newsletter and c.unsubscribed_at is null and c.bounced_at is null) as subscribed
    from newsletter_deliveries d
    join buyer_contacts c on c.id = d.contact_id
    join buyers b on b.id = d.buyer_id
    where d.week = ${week} and d.contact_id = any(${sql.array([...contactIds])}::uuid[])
    order by d.contact_id`;
}

/** Claims a delivery for a send; the attempt number, or undefined when it is not this sender's to send. */
export async function claimDelivery(sql: Db, id: string, claimant: string, staleMs: number): Promise<number | undefined> {
  const [row] = await sql<{ attempts: number }[]>`
    update newsletter_deliveries set state = 'sending', attempts = attempts + 1, claimed_by = ${claimant}, claimed_at = now()
    where id = ${id} and (state = 'pending' or (state = 'sending'
      and (claimed_by = ${claimant} or claimed_at < now() - make_interval(secs => ${staleMs / 1000}))))
    returning attempts`;
  return row?.attempts;
}

export async function markSent(sql: Db, id: string, claimant: string, recipient: string, response: string): Promise<boolean> {
  const rows = await sql`
    update newsletter_deliveries set state = 'sent', sent_at = now(), recipient = ${recipient},
      smtp_response = ${response.slice(0, 500)}, last_error = null
    where id = ${id} and state = 'sending' and claimed_by = ${claimant} returning id`;
  return rows.length === 1;
}

/** Ends a claimed delivery: failed (the relay will never take it) or skipped (no longer subscribed). */
export async function finishUnsent(sql: Db, id: string, claimant: string | null, state: 'failed' | 'skipped', reason: string): Promise<void> {
  await sql`
    update newsletter_deliveries set state = ${state}, last_error = ${reason.slice(0, 1000)}
    where id = ${id} and (state = 'pending' or (state = 'sending' and claimed_by = ${claimant}))`;
}

/** Hands a claimed delivery back (a transient failure): the next attempt of the batch takes it. */
export async function releaseDelivery(sql: Db, id: string, claimant: string, reason: string): Promise<void> {
  await sql`
    update newsletter_deliveries set state = 'pending', claimed_by = null, claimed_at = null, last_error = ${reason.slice(0, 1000)}
    where id = ${id} and state = 'sending' and claimed_by = ${claimant}`;
}

export interface DeliveryRef {
  id: string;
  contact_id: string;
}

export async function deliveryByMessageId(sql: Db, messageId: string): Promise<DeliveryRef | undefined> {
  const [row] = await sql<DeliveryRef[]>`select id, contact_id from newsletter_deliveries where message_id = ${messageId}`;
  return row;
}

/** The contact's latest delivery that went out: the one a bounce without a quoted Message-ID is about. */
export async function latestSentDelivery(sql: Db, contactId: string): Promise<DeliveryRef | undefined> {
  const [row] = await sql<DeliveryRef[]>`
    select id, contact_id from newsletter_deliveries
    where contact_id = ${contactId} and state = 'sent' order by week desc limit 1`;
  return row;
}

/** Records a bounce on a delivery once (a hard one may follow a soft one); false when nothing changed. */
export async function markDeliveryBounced(sql: Db, id: string, kind: 'hard' | 'soft'): Promise<boolean> {
  const rows = await sql`
    update newsletter_deliveries set bounce = ${kind}, bounced_at = now()
    where id = ${id} and (bounce is null or (bounce = 'soft' and ${kind} = 'hard')) returning id`;
  return rows.length === 1;
}
