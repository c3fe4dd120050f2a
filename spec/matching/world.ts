import { randomUUID } from 'node:crypto';
import type { OfferLine } from '../../actors/domain/offer-line.js';
import type { BuyerRequest } from '../../actors/matching/request.js';
import { createApiKey } from '../../db/api-keys.js';
import type { Db } from '../../db/client.js';
import { insertRequest } from '../../db/requests.js';
import type { Harness } from '../support/harness.js';
import { offer as offerLine, request as requestSpec } from './fixtures.js';

/** Buyers, offers and requests for the matching tests, written straight to the tables. */

export async function addBuyer(sql: Db, name: string, tier = 'standard', country = 'DE'): Promise<string> {
  const id = randomUUID();
  await sql`insert into buyers (id, name, country, tier) values (${id}, ${name}, ${country}, ${tier})`;
  return id;
}

export async function buyerKey(h: Harness, buyerId: string): Promise<string> {
  return (await createApiKey(h.db.sql, { name: `buyer ${buyerId.slice(0, 8)}`, role: 'buyer', buyerId })).key;
}

export async function addOffer(sql: Db, overrides: Partial<OfferLine> = {}, status = 'open'): Promise<string> {
  const line = offerLine(overrides);
  const id = randomUUID();
  await sql`insert into offers ${sql({
    id, grade: line.grade, gsm: line.gsm, width_mm: line.width_mm, sheet_mm: line.sheet_mm, diameter_mm: line.diameter_mm,
    core_mm: line.core_mm, quantity_t: line.quantity_t, quantity_shared: line.quantity_shared, reels: line.reels,
    price_amount: line.price?.amount ?? null, price_currency: line.price?.currency ?? null,
    incoterm: line.incoterm?.term ?? null, incoterm_place: line.incoterm?.place ?? null,
    origin: line.origin, available: line.available, status, source: 'test',
  } as never)}`;
  return id;
}

export async function addRequest(h: Harness, buyerId: string, overrides: Partial<BuyerRequest> = {}): Promise<string> {
  return (await insertRequest(h.db.sql, buyerId, requestSpec(overrides), h.config.MARKET_CONFIG, 'test')).id;
}

/** A date far enough ahead that requests made with it stay open while the tests run. */
export const FUTURE = '2099-12-31';

export async function offerStatus(sql: Db, id: string): Promise<{ status: string; exclusive_buyer_id: string | null }> {
  const [row] = await sql<{ status: string; exclusive_buyer_id: string | null }[]>`select status, exclusive_buyer_id from offers where id = ${id}`;
  return row as { status: string; exclusive_buyer_id: string | null };
}

export async function matchesOf(sql: Db, offerId: string): Promise<{ request_id: string; buyer_id: string; score: number }[]> {
  return sql<{ request_id: string; buyer_id: string; score: number }[]>`
    select request_id, buyer_id, score from matches where offer_id = ${offerId} order by score desc, request_id`;
}

export async function windowsOf(sql: Db, offerId: string) {
  return sql<{ id: string; window_key: string; buyer_id: string; request_id: string; expires_at: Date; closed_at: Date | null; outcome: string | null }[]>`
    select id, window_key, buyer_id, request_id, expires_at, closed_at, outcome from exclusivity_windows where offer_id = ${offerId} order by opened_at, window_key`;
}
