import type { Candidate, ExclusivityState } from '../actors/matching/exclusivity-types.js';
import { expiryKey, type Effects, type LockedOffer } from '../actors/matching/exclusivity-effects.js';
import { buildMessage } from '../actors/mailbox/build.js';
import type { Db } from './client.js';
import { insertMessages } from './mailbox.js';

/**
 * The exclusivity machine's reads and writes, for use inside the one transaction that
 * holds the offers' row locks (actors/matching/exclusivity-shell.ts).
 */

/** Locks the offers, in id order so that two transactions never wait on each other in a circle. */
export async function lockOffers(tx: Db, ids: string[]): Promise<LockedOffer[]> {
  return tx<LockedOffer[]>`
    select id, status, exclusive_buyer_id, quantity_t::float8 as quantity_t,
      price_amount::float8 as price_amount, price_currency
    from offers where id = any(${ids}::uuid[]) order by id for update`;
}

export async function loadStates(tx: Db, ids: string[]): Promise<Map<string, ExclusivityState>> {
  const rows = await tx<{ offer_id: string; state: ExclusivityState }[]>`
    select offer_id, state from offer_exclusivity where offer_id = any(${ids}::uuid[])`;
  return new Map(rows.map((r) => [r.offer_id, r.state]));
}

/** The database's clock, read after the locks: every decision on a window uses one clock. */
export async function dbNow(tx: Db): Promise<Date> {
  const [row] = await tx<{ now: Date }[]>`select clock_timestamp() as now`;
  return (row as { now: Date }).now;
}

/**
 * Each offer's buyers in score order: a buyer's best request that is neither deleted nor
 * stale on `asOf`, with the buyer's tier.
 */
export async function rankedCandidates(tx: Db, ids: string[], asOf: string): Promise<Map<string, Candidate[]>> {
  // Correlated lookups by key on purpose: each offer has a handful of matches, and a plan
  // that hashes every request or buyer (as stale statistics after a bulk write suggest) is slow.
  const rows = await tx<(Candidate & { offer_id: string })[]>`
    select distinct on (m.offer_id, m.buyer_id) m.offer_id, m.buyer_id, m.request_id, m.score,
      (select b.tier from buyers b where b.id = m.buyer_id) as tier
    from matches m
    where m.offer_id = any(${ids}::uuid[])
      and (select r.deleted_at is null and r.stale_after >= ${asOf}::date from buyer_requests r where r.id = m.request_id)
    order by m.offer_id, m.buyer_id, m.score desc, m.request_id`;
  const byOffer = new Map<string, Candidate[]>(ids.map((id) => [id, []]));
  for (const { offer_id, ...c } of rows) byOffer.get(offer_id)?.push(c);
  for (const list of byOffer.values()) list.sort((a, b) => b.score - a.score || (a.request_id < b.request_id ? -1 : 1));
  return byOffer;
}

async function saveStates(tx: Db, states: Effects['states']): Promise<void> {
  if (states.length === 0) return;
  await tx`
    insert into offer_exclusivity (offer_id, state)
    select x.offer_id, x.state from jsonb_to_recordset(${tx.json(states as never)}) as x(offer_id uuid, state jsonb)
    on conflict (offer_id) do update set state = excluded.state, updated_at = now()`;
}

async function openWindows(tx: Db, opened: Effects['opened']): Promise<void> {
  if (opened.length === 0) return;
  await tx`insert into exclusivity_windows ${tx(opened as never)}`;
}

async function closeWindows(tx: Db, closed: Effects['closed']): Promise<void> {
  if (closed.length === 0) return;
  await tx`
    update exclusivity_windows w set closed_at = clock_timestamp(), outcome = x.outcome, decided_by = x.decided_by
    from jsonb_to_recordset(${tx.json(closed as never)}) as x(window_key text, outcome text, decided_by text)
    where w.window_key = x.window_key and w.closed_at is null`;
}

async function recordDeals(tx: Db, deals: Effects['deals']): Promise<void> {
  for (const d of deals) {
    await tx`
      insert into deals (id, offer_id, buyer_id, request_id, window_id, score, quantity_t, price_amount, price_currency, created_by)
      select ${d.id}, ${d.offer_id}, ${d.buyer_id}, ${d.request_id}, w.id, ${d.score}, ${d.quantity_t}, ${d.price_amount}, ${d.price_currency}, ${d.created_by}
      from exclusivity_windows w where w.window_key = ${d.window_key}`;
  }
}

async function setStatuses(tx: Db, statuses: Effects['statuses']): Promise<void> {
  if (statuses.length === 0) return;
  await tx`
    update offers o set status = x.status, exclusive_buyer_id = x.exclusive_buyer_id, updated_at = now()
    from jsonb_to_recordset(${tx.json(statuses as never)}) as x(offer_id uuid, status text, exclusive_buyer_id uuid)
    where o.id = x.offer_id`;
}

/** Each window's expiry, a matching message due at its end, one per window (dedupe key). */
async function scheduleExpiries(tx: Db, expiries: Effects['expiries']): Promise<void> {
  if (expiries.length === 0) return;
  const messages = expiries.map((x) => buildMessage('matching', 'expireWindow', { offerId: x.offer_id, windowId: x.window_key },
    { key: x.offer_id, dedupeKey: x.dedupe_key, notBefore: new Date(x.at), origin: 'matching' }));
  await insertMessages(tx, messages);
}

/** A window answered before its time needs no expiry: its queued message is cancelled, visibly. */
async function cancelExpiries(tx: Db, closed: Effects['closed']): Promise<void> {
  const keys = closed.filter((c) => c.outcome !== 'expired').map((c) => expiryKey(c.window_key));
  if (keys.length === 0) return;
  await tx`
    update mailbox set state = 'cancelled', finished_at = now(), result = ${tx.json({ cancelled: 'window closed before its time' })}
    where actor = 'matching' and dedupe_key = any(${keys}::text[]) and state = 'queued'`;
}

/** Writes everything a batch of transitions decided. */
export async function flushEffects(tx: Db, e: Effects, noticeChannel: string): Promise<void> {
  await saveStates(tx, e.states);
  await closeWindows(tx, e.closed);
  await openWindows(tx, e.opened);
  await recordDeals(tx, e.deals);
  await setStatuses(tx, e.statuses);
  await scheduleExpiries(tx, e.expiries);
  await cancelExpiries(tx, e.closed);
  if (e.expiries.length > 0) await tx`select pg_notify(${noticeChannel}, ${noticePayload(e.expiries)})`;
}

/** The scheduler's notice: the new expiries when they fit a notification, else "reload". */
function noticePayload(expiries: Effects['expiries']): string {
  const payload = JSON.stringify(expiries.map((x) => ({ offerId: x.offer_id, windowId: x.window_key, at: x.at, dedupeKey: x.dedupe_key })));
  return payload.length < 7_000 ? payload : 'reload';
}
