import type { FollowRow } from '../actors/newsletter/plan-issue.js';
import type { Db } from './client.js';

/** Newsletter issues: one per ISO week, generated once, with their deliveries' counts. */

export interface IssueRow {
  week: string;
  generated_at: Date | null;
  window_start: Date | null;
  window_end: Date | null;
  send_started_at: Date | null;
  created_at: Date;
}

export interface NewDelivery {
  id: string;
  contact_id: string;
  buyer_id: string;
  message_id: string;
  offer_ids: string[];
  more_offers: number;
}

export type DeliveryState = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

export interface IssueCounts {
  total: number;
  byState: Record<DeliveryState, number>;
  bounces: { hard: number; soft: number };
  /** Distinct offer lines across the issue's deliveries. */
  offers: number;
}

/** Holds the week for this transaction: two generations of one week run one after the other. */
export async function lockWeek(tx: Db, week: string): Promise<void> {
  await tx`select pg_advisory_xact_lock(hashtext(${`newsletter:${week}`}))`;
}

export async function getIssue(sql: Db, week: string): Promise<IssueRow | undefined> {
  const [row] = await sql<IssueRow[]>`select * from newsletter_issues where week = ${week}`;
  return row;
}

/** The issue row, created when missing. */
export async function ensureIssue(sql: Db, week: string): Promise<IssueRow> {
  await sql`insert into newsletter_issues (week) values (${week}) on conflict do nothing`;
  return (await getIssue(sql, week)) as IssueRow;
}

export async function markGenerated(sql: Db, week: string, window: { start: Date; end: Date }): Promise<void> {
  await sql`
    update newsletter_issues set generated_at = now(), window_start = ${window.start}, window_end = ${window.end}
    where week = ${week}`;
}

export async function markSendStarted(sql: Db, week: string): Promise<void> {
  await sql`update newsletter_issues set send_started_at = coalesce(send_started_at, now()) where week = ${week}`;
}

const CHUNK = 2_000;

/** Writes deliveries; one that exists for (week, contact) stays as it was. */
export async function insertDeliveries(sql: Db, week: string, rows: readonly NewDelivery[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const result = await sql`
      insert into newsletter_deliveries (id, week, contact_id, buyer_id, message_id, offer_ids, more_offers)
      select d.id, ${week}, d.contact_id, d.buyer_id, d.message_id, d.offer_ids, d.more_offers
      from jsonb_to_recordset(${sql.json(chunk as never)}) as d(id uuid, contact_id uuid, buyer_id uuid, message_id text, offer_ids uuid[], more_offers int)
      on conflict (week, contact_id) do nothing`;
    created += result.count;
  }
  return created;
}

/** Per buyer, the offers shown by the latest issue before this week. */
export async function shownInPreviousIssue(sql: Db, week: string, buyerId?: string): Promise<Map<string, Set<string>>> {
  const rows = await sql<{ buyer_id: string; offer_ids: string[] }[]>`
    select d.buyer_id, d.offer_ids from newsletter_deliveries d
    where d.week = (select max(week) from newsletter_issues where week < ${week} and generated_at is not null)
      and d.state <> 'skipped' ${buyerId === undefined ? sql`` : sql`and d.buyer_id = ${buyerId}`}`;
  const shown = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = shown.get(r.buyer_id) ?? new Set<string>();
    for (const id of r.offer_ids) set.add(id);
    shown.set(r.buyer_id, set);
  }
  return shown;
}

/** Every contact with a delivery in the week, in a stable order (the batches' order). */
export async function deliveryContactIds(sql: Db, week: string): Promise<{ contact_id: string; done: boolean }[]> {
  return sql<{ contact_id: string; done: boolean }[]>`
    select contact_id, state in ('sent', 'failed', 'skipped') as done
    from newsletter_deliveries where week = ${week} order by contact_id`;
}

export async function issueCounts(sql: Db, week: string): Promise<IssueCounts> {
  const rows = await sql<{ state: DeliveryState; n: number; hard: number; soft: number }[]>`
    select state, count(*)::int as n, count(*) filter (where bounce = 'hard')::int as hard,
      count(*) filter (where bounce = 'soft')::int as soft
    from newsletter_deliveries where week = ${week} group by state`;
  const [distinct] = await sql<{ offers: number }[]>`
    select count(distinct o)::int as offers from newsletter_deliveries d, unnest(d.offer_ids) o where d.week = ${week}`;
  const byState: Record<DeliveryState, number> = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };
  for (const r of rows) byState[r.state] = r.n;
  return {
    total: rows.reduce((n, r) => n + r.n, 0),
    byState,
    bounces: { hard: rows.reduce((n, r) => n + r.hard, 0), soft: rows.reduce((n, r) => n + r.soft, 0) },
    offers: distinct?.offers ?? 0,
  };
}

/** buyer_follows as the newsletter reads them: every buyer's, or one buyer's. */
export async function followRows(sql: Db, buyerId?: string): Promise<FollowRow[]> {
  return sql<FollowRow[]>`
    select buyer_id, grade, gsm_min, gsm_max, width_min, width_max from buyer_follows
    ${buyerId === undefined ? sql`` : sql`where buyer_id = ${buyerId}`}`;
}

/** The buyer's delivery of the week (its first contact's), for a preview of what was generated. */
export async function buyerDelivery(sql: Db, week: string, buyerId: string): Promise<{ offer_ids: string[]; more_offers: number } | undefined> {
  const [row] = await sql<{ offer_ids: string[]; more_offers: number }[]>`
    select offer_ids, more_offers from newsletter_deliveries where week = ${week} and buyer_id = ${buyerId}
    order by contact_id limit 1`;
  return row;
}
