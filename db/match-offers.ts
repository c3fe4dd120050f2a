import type { Grade } from '../actors/domain/grades.js';
import type { Currency, OfferLine } from '../actors/domain/offer-line.js';
import type { OfferBounds } from '../actors/matching/offer-bounds.js';
import type { Db } from './client.js';

/** Offer lines as matching reads them: the line itself, its status and its buyer, if any. */
export interface MatchOffer {
  id: string;
  status: 'open' | 'exclusive' | 'reserved' | 'sold' | 'withdrawn';
  exclusive_buyer_id: string | null;
  line: OfferLine;
}

interface OfferLineRow {
  id: string;
  status: MatchOffer['status'];
  exclusive_buyer_id: string | null;
  grade: Grade;
  gsm: number;
  width_mm: number | null;
  sheet_mm: number[] | null;
  diameter_mm: number | null;
  core_mm: number | null;
  quantity_t: number | null;
  quantity_shared: boolean;
  reels: number | null;
  price_amount: number | null;
  price_currency: Currency | null;
  incoterm: string | null;
  incoterm_place: string | null;
  origin: string | null;
  available: string | null;
}

/** Offer columns for `o`, numerics as doubles. */
export const OFFER_LINE_COLUMNS = `o.id, o.status, o.exclusive_buyer_id, o.grade, o.gsm, o.width_mm, o.sheet_mm,
  o.diameter_mm, o.core_mm, o.quantity_t::float8 as quantity_t, o.quantity_shared, o.reels,
  o.price_amount::float8 as price_amount, o.price_currency, o.incoterm, o.incoterm_place, o.origin, o.available`;

export function offerLineOfRow(row: OfferLineRow): OfferLine {
  return {
    grade: row.grade, gsm: row.gsm, width_mm: row.width_mm,
    sheet_mm: row.sheet_mm ? [row.sheet_mm[0] as number, row.sheet_mm[1] as number] : null,
    diameter_mm: row.diameter_mm, core_mm: row.core_mm, quantity_t: row.quantity_t,
    quantity_shared: row.quantity_shared, reels: row.reels,
    price: row.price_amount === null ? null : { amount: row.price_amount, currency: row.price_currency as Currency, per: 't' },
    incoterm: row.incoterm === null ? null : { term: row.incoterm as never, place: row.incoterm_place },
    origin: row.origin, available: row.available,
  };
}

function matchOfferOfRow(row: OfferLineRow): MatchOffer {
  return { id: row.id, status: row.status, exclusive_buyer_id: row.exclusive_buyer_id, line: offerLineOfRow(row) };
}

export async function loadOffers(sql: Db, ids: string[]): Promise<MatchOffer[]> {
  const rows = await sql<OfferLineRow[]>`
    select ${sql.unsafe(OFFER_LINE_COLUMNS)} from offers o where o.id = any(${ids}::uuid[]) order by o.id`;
  return rows.map(matchOfferOfRow);
}

/** Offers still on offer that a request's grades and gsm can reach (offers_matchable). */
export async function candidateOffers(sql: Db, bounds: OfferBounds): Promise<MatchOffer[]> {
  const rows = await sql<OfferLineRow[]>`
    select ${sql.unsafe(OFFER_LINE_COLUMNS)} from offers o
    where o.status in ('open', 'exclusive') and o.grade = any(${bounds.grades}::text[])
      and o.gsm between ${bounds.gsm_min} and ${bounds.gsm_max}`;
  return rows.map(matchOfferOfRow);
}

/** Every offer still on offer, for a full rematch. */
export async function matchableOfferIds(sql: Db): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`select id from offers where status in ('open', 'exclusive') order by id`;
  return rows.map((r) => r.id);
}
