import type { Db } from './client.js';

/**
 * Buyer contacts as the newsletter sees them: who is subscribed, unsubscribing by the
 * opaque token, and bounces. A contact gets the newsletter while `newsletter` is on (the
 * operator's setting) and it has neither unsubscribed nor bounced.
 */

/** Soft bounces on this many issues in a row stop the newsletter, as a hard bounce does at once. */
export const SOFT_BOUNCE_LIMIT = 3;

export interface SubscribedContact {
  id: string;
  buyer_id: string;
}

/** Subscribed contacts of buyers that follow at least one grade. */
export async function subscribedContacts(sql: Db): Promise<SubscribedContact[]> {
  return sql<SubscribedContact[]>`
    select c.id, c.buyer_id from buyer_contacts c
    where c.newsletter and c.unsubscribed_at is null and c.bounced_at is null
      and exists (select 1 from buyer_follows f where f.buyer_id = c.buyer_id)
    order by c.id`;
}

export interface TokenContact {
  id: string;
  email: string;
  name: string;
  buyer_name: string;
  unsubscribed_at: Date | null;
}

export async function contactByToken(sql: Db, token: string): Promise<TokenContact | undefined> {
  const [row] = await sql<TokenContact[]>`
    select c.id, c.email, c.name, b.name as buyer_name, c.unsubscribed_at
    from buyer_contacts c join buyers b on b.id = c.buyer_id
    where c.unsubscribe_token = ${token}`;
  return row;
}

/** Unsubscribes the token's contact (the first time's instant is kept); undefined for an unknown token. */
export async function unsubscribeByToken(sql: Db, token: string): Promise<TokenContact | undefined> {
  const [row] = await sql<{ id: string }[]>`
    update buyer_contacts set unsubscribed_at = coalesce(unsubscribed_at, now())
    where unsubscribe_token = ${token} returning id`;
  return row ? contactByToken(sql, token) : undefined;
}

export async function contactIdByEmail(sql: Db, email: string): Promise<string | undefined> {
  const [row] = await sql<{ id: string }[]>`select id from buyer_contacts where email = ${email.toLowerCase()}`;
  return row?.id;
}

export interface PreviewContact {
  buyer_name: string;
  contact_name: string | null;
}

/** The buyer, and its first subscribed contact (or any contact) to address a preview to. */
export async function previewAddressee(sql: Db, buyerId: string): Promise<PreviewContact | undefined> {
  const [row] = await sql<PreviewContact[]>`
    select b.name as buyer_name, (
      select c.name from buyer_contacts c where c.buyer_id = b.id
      order by (c.newsletter and c.unsubscribed_at is null and c.bounced_at is null) desc, c.created_at, c.id limit 1
    ) as contact_name
    from buyers b where b.id = ${buyerId}`;
  return row;
}

export async function markContactBounced(sql: Db, contactId: string): Promise<void> {
  await sql`update buyer_contacts set bounced_at = coalesce(bounced_at, now()) where id = ${contactId}`;
}

/**
 * Recounts the contact's soft bounces in a row: its sent deliveries, newest first, until
 * one that did not soft-bounce. At SOFT_BOUNCE_LIMIT the contact counts as bounced.
 */
export async function refreshSoftBounces(sql: Db, contactId: string): Promise<number> {
  const [row] = await sql<{ streak: number }[]>`
    with recent as (
      select bounce, row_number() over (order by week desc) as n
      from newsletter_deliveries where contact_id = ${contactId} and state = 'sent'
    )
    select coalesce(min(n) filter (where bounce is distinct from 'soft') - 1, count(*))::int as streak from recent`;
  const streak = row?.streak ?? 0;
  await sql`
    update buyer_contacts set soft_bounces = ${streak},
      bounced_at = case when ${streak} >= ${SOFT_BOUNCE_LIMIT} then coalesce(bounced_at, now()) else bounced_at end
    where id = ${contactId}`;
  return streak;
}

export interface BounceEvent {
  emailId: string;
  recipient: string;
  kind: 'hard' | 'soft';
  status: string | null;
  diagnostic: string | null;
  contactId: string | null;
  deliveryId: string | null;
}

/** Records one recipient of one report; false when it was recorded before (a repeated report or a re-run). */
export async function recordBounceEvent(sql: Db, b: BounceEvent): Promise<boolean> {
  const rows = await sql`
    insert into newsletter_bounces (email_id, recipient, kind, status, diagnostic, contact_id, delivery_id)
    values (${b.emailId}, ${b.recipient}, ${b.kind}, ${b.status}, ${b.diagnostic}, ${b.contactId}, ${b.deliveryId})
    on conflict do nothing returning email_id`;
  return rows.length === 1;
}
