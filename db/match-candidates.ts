import { offerBox } from '../actors/matching/match-box.js';
import type { BuyerRequest } from '../actors/matching/request.js';
import type { CandidateFilter } from '../actors/matching/score.js';
import type { Db } from './client.js';
import type { Grade } from '../actors/domain/grades.js';
import { requestOfRow, type RequestFields } from './requests.js';

/** A request as matching scores it. */
export interface CandidateRequest {
  id: string;
  buyer_id: string;
  request: BuyerRequest;
}

type Row = Omit<RequestFields, 'grades'> & { id: string; buyer_id: string; grades: string };

/**
 * What scoring reads of a request. Matching reads thousands per offer, so the row is
 * lean: no timestamps, and the grades as one text the client splits (parsing a text[]
 * per row costs more than the query).
 */
const CANDIDATE_COLUMNS = `r.id, r.buyer_id, array_to_string(r.grades, ',') as grades, r.gsm_min, r.gsm_max, r.width_min,
  r.width_max, r.diameter_min, r.diameter_max, r.core_mm, r.quantity_min::float8 as quantity_min,
  r.quantity_max::float8 as quantity_max, r.max_price_amount::float8 as max_price_amount, r.max_price_currency,
  r.destination_country, r.destination_place, r.stale_after::text as stale_after`;

function candidateOfRow(row: Row): CandidateRequest {
  return { id: row.id, buyer_id: row.buyer_id, request: requestOfRow({ ...row, grades: row.grades.split(',') as Grade[] }) };
}

/**
 * The requests an offer's hard filters admit (score.ts, candidateFilter), found through
 * the GiST index on match_box; the exact conditions follow, so a request spanning grade
 * families is rechecked, never wrongly admitted.
 */
export async function candidateRequests(sql: Db, filter: CandidateFilter): Promise<CandidateRequest[]> {
  const rows = await sql<Row[]>`
    select ${sql.unsafe(CANDIDATE_COLUMNS)} from buyer_requests r
    where r.deleted_at is null and r.match_box && ${offerBox(filter)}::box
      and r.grades && ${filter.grades}::text[]
      and r.gsm_min <= ${filter.gsm_min_at_most} and r.gsm_max >= ${filter.gsm_max_at_least}
      and ${filter.width_min_at_most === null ? sql`true` : sql`r.width_min <= ${filter.width_min_at_most}`}
      and ${filter.max_price_eur_at_least === null ? sql`true`
        : sql`(r.max_price_eur is null or r.max_price_eur >= ${filter.max_price_eur_at_least - 1e-6})`}
      and r.stale_after >= ${filter.stale_after_at_least}::date
    order by r.id`;
  return rows.map(candidateOfRow);
}

export async function loadCandidates(sql: Db, ids: string[]): Promise<CandidateRequest[]> {
  const rows = await sql<Row[]>`
    select ${sql.unsafe(CANDIDATE_COLUMNS)} from buyer_requests r where r.id = any(${ids}::uuid[]) and r.deleted_at is null`;
  return rows.map(candidateOfRow);
}

/** Every request still open on `asOf`, streamed in slices, for a full rematch. */
export async function forEachOpenRequest(sql: Db, asOf: string, each: (batch: CandidateRequest[]) => void): Promise<void> {
  await sql<Row[]>`
    select ${sql.unsafe(CANDIDATE_COLUMNS)} from buyer_requests r
    where r.deleted_at is null and r.stale_after >= ${asOf}::date`
    .cursor(5_000, (rows) => { each(rows.map(candidateOfRow)); });
}

/** Requests past their stale_after date on `asOf` that still sit in a match list. */
export async function staleRequestsInLists(sql: Db, asOf: string, limit: number): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select r.id from buyer_requests r
    where r.deleted_at is null and r.stale_after < ${asOf}::date
      and exists (select 1 from matches m where m.request_id = r.id)
    order by r.stale_after desc, r.id limit ${limit}`;
  return rows.map((r) => r.id);
}

/** Refreshes the maximum prices in EUR after the rates changed. */
export async function refreshMaxPriceEur(sql: Db, ratesToEur: Record<string, number>): Promise<number> {
  const result = await sql`
    update buyer_requests r set max_price_eur = r.max_price_amount::float8 * (${sql.json(ratesToEur)}::jsonb ->> r.max_price_currency)::float8
    where r.max_price_amount is not null and r.deleted_at is null
      and r.max_price_eur is distinct from r.max_price_amount::float8 * (${sql.json(ratesToEur)}::jsonb ->> r.max_price_currency)::float8`;
  return result.count;
}
