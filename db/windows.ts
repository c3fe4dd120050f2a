import type { PendingQuery, Row } from 'postgres';
import type { Db } from './client.js';
import type { Viewer } from './requests.js';

/** An exclusivity window as the API shows it, with the offer line it is on. */
export interface WindowRow {
  id: string;
  window_key: string;
  offer_id: string;
  buyer_id: string;
  request_id: string;
  score: number;
  opened_at: Date;
  expires_at: Date;
  closed_at: Date | null;
  outcome: 'accepted' | 'declined' | 'expired' | 'withdrawn' | null;
  deal_id: string | null;
  offer_status: string;
  grade: string;
  gsm: number;
  width_mm: number | null;
  quantity_t: number | null;
  price_amount: number | null;
  price_currency: string | null;
  origin: string | null;
}

const WINDOW_COLUMNS = `w.id, w.window_key, w.offer_id, w.buyer_id, w.request_id, w.score, w.opened_at,
  w.expires_at, w.closed_at, w.outcome, d.id as deal_id, o.status as offer_status, o.grade, o.gsm, o.width_mm,
  o.quantity_t::float8 as quantity_t, o.price_amount::float8 as price_amount, o.price_currency, o.origin`;

/** A buyer sees its own windows only; operators see all. */
function windowVisibleTo(sql: Db, viewer: Viewer): PendingQuery<Row[]> {
  return viewer.role === 'buyer' ? sql`w.buyer_id = ${viewer.buyer_id}` : sql`true`;
}

export interface WindowFilters {
  state?: 'open' | 'closed';
  offerId?: string;
  buyerId?: string;
}

export async function listWindows(sql: Db, viewer: Viewer, f: WindowFilters, page: { limit: number; cursor?: string }): Promise<WindowRow[]> {
  const when = <T>(v: T | undefined, cond: (v: T) => PendingQuery<Row[]>) => (v === undefined ? sql`true` : cond(v));
  return sql<WindowRow[]>`
    select ${sql.unsafe(WINDOW_COLUMNS)} from exclusivity_windows w
    join offers o on o.id = w.offer_id left join deals d on d.window_id = w.id
    where ${windowVisibleTo(sql, viewer)}
      and ${when(f.state, (v) => (v === 'open' ? sql`w.closed_at is null` : sql`w.closed_at is not null`))}
      and ${when(f.offerId, (v) => sql`w.offer_id = ${v}`)}
      and ${when(f.buyerId, (v) => sql`w.buyer_id = ${v}`)}
      and ${when(page.cursor, (v) => sql`w.id < ${v}`)}
    order by w.id desc limit ${page.limit}`;
}

export async function getWindow(sql: Db, viewer: Viewer, id: string): Promise<WindowRow | undefined> {
  const [row] = await sql<WindowRow[]>`
    select ${sql.unsafe(WINDOW_COLUMNS)} from exclusivity_windows w
    join offers o on o.id = w.offer_id left join deals d on d.window_id = w.id
    where w.id = ${id} and ${windowVisibleTo(sql, viewer)}`;
  return row;
}

export interface DealRow {
  id: string;
  offer_id: string;
  buyer_id: string;
  request_id: string;
  window_id: string;
  score: number;
  quantity_t: number | null;
  price_amount: number | null;
  price_currency: string | null;
  created_at: Date;
}

export async function dealOfWindow(sql: Db, windowId: string): Promise<DealRow | undefined> {
  const [row] = await sql<DealRow[]>`
    select id, offer_id, buyer_id, request_id, window_id, score, quantity_t::float8 as quantity_t,
      price_amount::float8 as price_amount, price_currency, created_at
    from deals where window_id = ${windowId}`;
  return row;
}

/** An open window's expiry as the scheduler keeps a timer for it. */
export interface UpcomingExpiry {
  offerId: string;
  windowId: string;
  at: string;
}

export async function openWindowExpiries(sql: Db): Promise<UpcomingExpiry[]> {
  const rows = await sql<{ offer_id: string; window_key: string; expires_at: Date }[]>`
    select offer_id, window_key, expires_at from exclusivity_windows where closed_at is null order by expires_at`;
  return rows.map((r) => ({ offerId: r.offer_id, windowId: r.window_key, at: r.expires_at.toISOString() }));
}

/** Open windows whose time has come by the database's clock. */
export async function overdueWindows(sql: Db, limit = 1_000): Promise<UpcomingExpiry[]> {
  const rows = await sql<{ offer_id: string; window_key: string; expires_at: Date }[]>`
    select offer_id, window_key, expires_at from exclusivity_windows
    where closed_at is null and expires_at <= clock_timestamp() order by expires_at limit ${limit}`;
  return rows.map((r) => ({ offerId: r.offer_id, windowId: r.window_key, at: r.expires_at.toISOString() }));
}

export async function isWindowOpen(sql: Db, windowKey: string): Promise<boolean> {
  const rows = await sql`select 1 from exclusivity_windows where window_key = ${windowKey} and closed_at is null`;
  return rows.length === 1;
}
