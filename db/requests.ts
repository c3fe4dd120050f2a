import type { PendingQuery, Row } from 'postgres';
import { uuidv7 } from '../actors/common/ids.js';
import type { Grade } from '../actors/domain/grades.js';
import type { Currency } from '../actors/domain/offer-line.js';
import { convert, type MarketConfig } from '../actors/matching/market-config.js';
import { requestBox } from '../actors/matching/match-box.js';
import type { BuyerRequest } from '../actors/matching/request.js';
import type { ApiKey } from './api-keys.js';
import type { Db } from './client.js';

export type Viewer = Pick<ApiKey, 'role' | 'buyer_id'>;

/** A buyer request as stored: the parsed request and who and when. */
export interface StoredRequest {
  id: string;
  buyer_id: string;
  request: BuyerRequest;
  created_at: Date;
  updated_at: Date;
}

interface RequestRow {
  id: string;
  buyer_id: string;
  grades: Grade[];
  gsm_min: number;
  gsm_max: number;
  width_min: number;
  width_max: number;
  diameter_min: number | null;
  diameter_max: number | null;
  core_mm: 76 | 100 | 150 | null;
  quantity_min: number;
  quantity_max: number;
  max_price_amount: number | null;
  max_price_currency: Currency | null;
  destination_country: string;
  destination_place: string;
  stale_after: string;
  created_at: Date;
  updated_at: Date;
}

/** The columns a request is read back from; numerics as doubles, the date as text. */
export const REQUEST_COLUMNS = `r.id, r.buyer_id, r.grades, r.gsm_min, r.gsm_max, r.width_min, r.width_max,
  r.diameter_min, r.diameter_max, r.core_mm, r.quantity_min::float8 as quantity_min,
  r.quantity_max::float8 as quantity_max, r.max_price_amount::float8 as max_price_amount,
  r.max_price_currency, r.destination_country, r.destination_place, r.stale_after::text as stale_after,
  r.created_at, r.updated_at`;

/** The columns a request is made of, without its bookkeeping. */
export type RequestFields = Omit<RequestRow, 'id' | 'buyer_id' | 'created_at' | 'updated_at'>;

export function requestOfRow(row: RequestFields): BuyerRequest {
  const diameter = row.diameter_max === null ? null
    : row.diameter_min === null ? { max: row.diameter_max } : { min: row.diameter_min, max: row.diameter_max };
  return {
    grades: row.grades,
    gsm: { min: row.gsm_min, max: row.gsm_max },
    width_mm: { min: row.width_min, max: row.width_max },
    diameter_mm: diameter,
    core_mm: row.core_mm,
    quantity_t: { min: row.quantity_min, max: row.quantity_max },
    max_price: row.max_price_amount === null ? null : { amount: row.max_price_amount, currency: row.max_price_currency as Currency },
    destination: { country: row.destination_country, place: row.destination_place },
    stale_after: row.stale_after,
  };
}

export function storedOfRow(row: RequestRow): StoredRequest {
  return { id: row.id, buyer_id: row.buyer_id, request: requestOfRow(row), created_at: row.created_at, updated_at: row.updated_at };
}

/** The request as its columns, with the index box and the maximum price in EUR. */
export function requestColumns(r: BuyerRequest, market: MarketConfig) {
  return {
    grades: r.grades, gsm_min: r.gsm.min, gsm_max: r.gsm.max, width_min: r.width_mm.min, width_max: r.width_mm.max,
    diameter_min: r.diameter_mm?.min ?? null, diameter_max: r.diameter_mm?.max ?? null, core_mm: r.core_mm,
    quantity_min: r.quantity_t.min, quantity_max: r.quantity_t.max,
    max_price_amount: r.max_price?.amount ?? null, max_price_currency: r.max_price?.currency ?? null,
    max_price_eur: r.max_price ? convert(r.max_price.amount, r.max_price.currency, 'EUR', market) : null,
    destination_country: r.destination.country, destination_place: r.destination.place,
    stale_after: r.stale_after, match_box: requestBox(r),
  };
}

/** A buyer sees its own requests only; operators see all. */
export function requestVisibleTo(sql: Db, viewer: Viewer): PendingQuery<Row[]> {
  return viewer.role === 'buyer' ? sql`r.buyer_id = ${viewer.buyer_id}` : sql`true`;
}

export async function insertRequest(sql: Db, buyerId: string, request: BuyerRequest, market: MarketConfig, createdBy: string): Promise<StoredRequest> {
  const row = { id: uuidv7(), buyer_id: buyerId, created_by: createdBy, ...requestColumns(request, market) };
  const [stored] = await sql<RequestRow[]>`
    insert into buyer_requests ${sql(row as never)} returning ${sql.unsafe(REQUEST_COLUMNS.replaceAll('r.', ''))}`;
  return storedOfRow(stored as RequestRow);
}

export async function getRequest(sql: Db, viewer: Viewer, id: string, lock = false): Promise<StoredRequest | undefined> {
  const [row] = await sql<RequestRow[]>`
    select ${sql.unsafe(REQUEST_COLUMNS)} from buyer_requests r
    where r.id = ${id} and r.deleted_at is null and ${requestVisibleTo(sql, viewer)}
    ${lock ? sql`for update` : sql``}`;
  return row && storedOfRow(row);
}

export async function updateRequest(sql: Db, id: string, request: BuyerRequest, market: MarketConfig): Promise<StoredRequest> {
  const columns = requestColumns(request, market);
  const [row] = await sql<RequestRow[]>`
    update buyer_requests r set ${sql(columns as never)}, updated_at = now()
    where r.id = ${id} and r.deleted_at is null returning ${sql.unsafe(REQUEST_COLUMNS)}`;
  return storedOfRow(row as RequestRow);
}

/** Soft delete: deals and windows keep pointing at the request; everything else forgets it. */
export async function deleteRequest(sql: Db, viewer: Viewer, id: string): Promise<boolean> {
  const rows = await sql`
    update buyer_requests r set deleted_at = now(), updated_at = now()
    where r.id = ${id} and r.deleted_at is null and ${requestVisibleTo(sql, viewer)} returning r.id`;
  return rows.length === 1;
}

export interface RequestFilters {
  buyerId?: string;
  grade?: Grade;
  /** open: not past stale_after on `asOf`; stale: past it. */
  status?: 'open' | 'stale';
  asOf: string;
}

export async function listRequests(sql: Db, viewer: Viewer, f: RequestFilters, page: { limit: number; cursor?: string }): Promise<StoredRequest[]> {
  const when = <T>(v: T | undefined, cond: (v: T) => PendingQuery<Row[]>) => (v === undefined ? sql`true` : cond(v));
  const rows = await sql<RequestRow[]>`
    select ${sql.unsafe(REQUEST_COLUMNS)} from buyer_requests r
    where r.deleted_at is null and ${requestVisibleTo(sql, viewer)}
      and ${when(f.buyerId, (v) => sql`r.buyer_id = ${v}`)}
      and ${when(f.grade, (v) => sql`r.grades @> ${[v]}::text[]`)}
      and ${when(f.status, (v) => (v === 'open' ? sql`r.stale_after >= ${f.asOf}::date` : sql`r.stale_after < ${f.asOf}::date`))}
      and ${when(page.cursor, (v) => sql`r.id < ${v}`)}
    order by r.id desc limit ${page.limit}`;
  return rows.map(storedOfRow);
}
