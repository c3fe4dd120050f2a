import { GRADES, type Grade } from '../actors/domain/grades.js';
import type { Currency } from '../actors/domain/offer-line.js';
import type { NewsletterOffer } from '../actors/newsletter/types.js';
import type { Db } from './client.js';
import { offerOnOpenMarket } from './visibility.js';

/**
 * Offer lines as the newsletter shows them, always through the open-market rule
 * (db/visibility.ts): a line under anyone's exclusivity window, reserved, sold or
 * withdrawn is never read here.
 */

interface OfferRow {
  id: string;
  grade: string;
  gsm: number;
  width_mm: number | null;
  sheet_mm: number[] | null;
  diameter_mm: number | null;
  core_mm: number | null;
  quantity_t: string | null;
  quantity_shared: boolean;
  reels: number | null;
  price_amount: string | null;
  price_currency: string | null;
  incoterm: string | null;
  incoterm_place: string | null;
  origin: string | null;
  available: string | null;
  published_at: Date;
}

const KNOWN_GRADES = new Set<string>(GRADES);

function toOffer(r: OfferRow): NewsletterOffer {
  const amount = r.price_amount === null ? null : Number(r.price_amount);
  return {
    id: r.id,
    published_at: r.published_at.toISOString(),
    grade: r.grade as Grade,
    gsm: r.gsm,
    width_mm: r.width_mm,
    sheet_mm: r.sheet_mm && r.sheet_mm.length === 2 ? [r.sheet_mm[0] as number, r.sheet_mm[1] as number] : null,
    diameter_mm: r.diameter_mm,
    core_mm: r.core_mm,
    quantity_t: r.quantity_t === null ? null : Number(r.quantity_t),
    quantity_shared: r.quantity_shared,
    reels: r.reels,
    price: amount !== null && amount > 0 && r.price_currency ? { amount, currency: r.price_currency as Currency, per: 't' } : null,
    incoterm: r.incoterm ? { term: r.incoterm as never, place: r.incoterm_place } : null,
    origin: r.origin,
    available: r.available,
  };
}

const columns = (sql: Db) => sql`
  o.id, o.grade, o.gsm, o.width_mm, o.sheet_mm, o.diameter_mm, o.core_mm, o.quantity_t, o.quantity_shared,
  o.reels, o.price_amount, o.price_currency, o.incoterm, o.incoterm_place, o.origin, o.available,
  o.updated_at as published_at`;

/**
 * Open-market lines that went on the market in [start, end). `updated_at` is when a line
 * last changed, which for an open line is when it was offered or came back to the market
 * (an expired window, a cancelled reservation).
 */
export async function openOffersPublished(sql: Db, start: Date, end: Date): Promise<NewsletterOffer[]> {
  const rows = await sql<OfferRow[]>`
    select ${columns(sql)} from offers o
    where ${offerOnOpenMarket(sql)} and o.updated_at >= ${start} and o.updated_at < ${end}`;
  return rows.filter((r) => KNOWN_GRADES.has(r.grade)).map(toOffer);
}

/** The given lines that are on the open market now, by id. */
export async function openOffersByIds(sql: Db, ids: readonly string[]): Promise<Map<string, NewsletterOffer>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<OfferRow[]>`
    select ${columns(sql)} from unnest(${sql.array([...ids])}::uuid[]) as wanted(id)
    join offers o on o.id = wanted.id
    where ${offerOnOpenMarket(sql)}`;
  return new Map(rows.filter((r) => KNOWN_GRADES.has(r.grade)).map((r) => [r.id, toOffer(r)]));
}

/**
 * Per buyer, its best match score per offer line (matching's `matches`, live requests
 * only): "best-matching first" within a day of the newsletter.
 */
export async function matchScoresByBuyer(sql: Db, offerIds: readonly string[], buyerId?: string): Promise<Map<string, Map<string, number>>> {
  if (offerIds.length === 0) return new Map();
  const rows = await sql<{ buyer_id: string; offer_id: string; score: number }[]>`
    select m.buyer_id, m.offer_id, max(m.score) as score
    from unnest(${sql.array([...offerIds])}::uuid[]) as wanted(id)
    join matches m on m.offer_id = wanted.id
    join buyer_requests r on r.id = m.request_id and r.deleted_at is null
    ${buyerId === undefined ? sql`` : sql`where m.buyer_id = ${buyerId}`}
    group by m.buyer_id, m.offer_id`;
  const scores = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const byOffer = scores.get(r.buyer_id) ?? new Map<string, number>();
    byOffer.set(r.offer_id, r.score);
    scores.set(r.buyer_id, byOffer);
  }
  return scores;
}
