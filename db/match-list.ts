import type { PendingQuery, Row } from 'postgres';
import type { OfferLine } from '../actors/domain/offer-line.js';
import type { BuyerRequest } from '../actors/matching/request.js';
import type { Db } from './client.js';
import { OFFER_LINE_COLUMNS, offerLineOfRow } from './match-offers.js';
import { requestOfRow, type Viewer } from './requests.js';
import { offerVisibleTo } from './visibility.js';

/** A stored match with its offer line and request, for the API to explain. */
export interface ListedMatch {
  offer_id: string;
  request_id: string;
  buyer_id: string;
  score: number;
  rank: number;
  offer_status: string;
  offer: OfferLine;
  request: BuyerRequest;
  created_at: Date;
  updated_at: Date;
}

export interface MatchFilters {
  offerId?: string;
  requestId?: string;
  buyerId?: string;
  grade?: string;
  minScore?: number;
  /** Requests past stale_after on this date match nothing and are left out. */
  asOf: string;
}

/** Keyset position: best score first, then offer and request ids. */
export interface MatchCursor {
  score: number;
  offerId: string;
  requestId: string;
}

function live(sql: Db, alias: string, asOf: string): PendingQuery<Row[]> {
  return sql`${sql.unsafe(alias)}.deleted_at is null and ${sql.unsafe(alias)}.stale_after >= ${asOf}::date`;
}

/**
 * Matches this caller may see: a buyer its own only, and never on an offer line under a
 * rival's window or reservation (db/visibility.ts); operators all. The rank counts the
 * offer's matches with live requests that score better.
 */
export async function listMatches(sql: Db, viewer: Viewer & { mill_id?: string | null }, f: MatchFilters, page: { limit: number; cursor?: MatchCursor }): Promise<ListedMatch[]> {
  const when = <T>(v: T | undefined, cond: (v: T) => PendingQuery<Row[]>) => (v === undefined ? sql`true` : cond(v));
  const c = page.cursor;
  const rows = await sql<Record<string, unknown>[]>`
    select m.offer_id, m.request_id, m.buyer_id, m.score, m.created_at as m_created_at, m.updated_at as m_updated_at,
      1 + (select count(*)::int from matches m2 join buyer_requests r2 on r2.id = m2.request_id
           where m2.offer_id = m.offer_id and ${live(sql, 'r2', f.asOf)}
             and (m2.score > m.score or (m2.score = m.score and m2.request_id < m.request_id))) as rank,
      ${sql.unsafe(OFFER_LINE_COLUMNS)}, to_jsonb(r) as request_row
    from matches m join offers o on o.id = m.offer_id join buyer_requests r on r.id = m.request_id
    where ${live(sql, 'r', f.asOf)} and o.status in ('open', 'exclusive', 'reserved')
      and ${offerVisibleTo(sql, { role: viewer.role, buyer_id: viewer.buyer_id, mill_id: viewer.mill_id ?? null })}
      and ${viewer.role === 'buyer' ? sql`m.buyer_id = ${viewer.buyer_id}` : sql`true`}
      and ${when(f.offerId, (v) => sql`m.offer_id = ${v}`)} and ${when(f.requestId, (v) => sql`m.request_id = ${v}`)}
      and ${when(f.buyerId, (v) => sql`m.buyer_id = ${v}`)} and ${when(f.grade, (v) => sql`o.grade = ${v}`)}
      and ${when(f.minScore, (v) => sql`m.score >= ${v}`)}
      and ${c === undefined ? sql`true`
        : sql`(m.score < ${c.score} or (m.score = ${c.score} and (m.offer_id, m.request_id) > (${c.offerId}::uuid, ${c.requestId}::uuid)))`}
    order by m.score desc, m.offer_id, m.request_id limit ${page.limit}`;
  return rows.map(listedOfRow);
}

function listedOfRow(row: Record<string, unknown>): ListedMatch {
  return {
    offer_id: row.offer_id as string, request_id: row.request_id as string, buyer_id: row.buyer_id as string,
    score: row.score as number, rank: row.rank as number, offer_status: row.status as string,
    offer: offerLineOfRow(row as never), request: requestOfRow(row.request_row as never),
    created_at: row.m_created_at as Date, updated_at: row.m_updated_at as Date,
  };
}
