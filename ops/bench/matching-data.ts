import { randomUUID } from 'node:crypto';
import { GRADE_FAMILIES, gradeFamily, type Grade, type GradeFamily } from '../../actors/domain/grades.js';
import type { Currency, OfferLine } from '../../actors/domain/offer-line.js';
import type { MarketConfig } from '../../actors/matching/market-config.js';
import type { BuyerRequest } from '../../actors/matching/request.js';
import type { Sql } from '../../db/client.js';
import { requestColumns } from '../../db/requests.js';

/**
 * A seeded market for the matching benchmark, shaped like the paper trade: containerboard
 * most of it, each grade at the grammages it is made in, buyers asking for one grade or
 * substitutes within its family, a gsm to a band of up to 50 g/m², the widths their
 * machines run, and prices near the market with a minority in other currencies.
 * Deterministic: the same seed writes the same market.
 */
export function seeded(seed: number) {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const weighted = <T>(table: readonly (readonly [T, number])[]): T => {
    let r = next() * table.reduce((sum, [, w]) => sum + w, 0);
    for (const [v, w] of table) if ((r -= w) < 0) return v;
    return table[table.length - 1]![0];
  };
  return { next, int, pick, weighted };
}
export type Rng = ReturnType<typeof seeded>;

/** Share of the market by grade, in per cent of lines (requests and offers alike). */
const GRADE_SHARE: readonly (readonly [Grade, number])[] = [
  ['testliner-3', 10], ['testliner-2', 8], ['testliner', 4], ['white-top-testliner', 5], ['testliner-1', 2], ['testliner-4', 2],
  ['kraftliner', 10], ['white-top-kraftliner', 5], ['fluting', 14], ['semichemical-fluting', 4],
  ['gc1', 3], ['gc2', 5], ['gd2', 5], ['gt1', 2], ['gt2', 1], ['sbs', 3], ['sack-kraft', 4], ['mg-kraft', 3],
  ['newsprint', 3], ['wfu', 4], ['wfc', 2], ['greyboard', 2],
];

/** The grammages each family is made in, and its price level (EUR/t). */
const FAMILY: Record<GradeFamily, { gsm: number[]; eur: number }> = {
  'kraft-liner': { gsm: [115, 125, 135, 140, 150, 170, 175, 186, 200, 225, 250, 280, 300], eur: 720 },
  'recycled-liner': { gsm: [90, 100, 110, 115, 120, 125, 130, 135, 140, 150, 160, 170, 180, 186, 200], eur: 520 },
  medium: { gsm: [80, 90, 100, 105, 110, 112, 115, 120, 127, 130, 140, 150, 160, 175], eur: 470 },
  cartonboard: { gsm: [200, 215, 230, 240, 250, 270, 280, 300, 325, 350, 380, 400], eur: 1_100 },
  'kraft-paper': { gsm: [40, 50, 60, 70, 80, 90, 100, 120], eur: 1_050 },
  graphic: { gsm: [42, 45, 48, 52, 60, 70, 80, 90, 100, 115, 135, 150, 170], eur: 850 },
  greyboard: { gsm: [450, 600, 750, 900, 1_000, 1_250, 1_500], eur: 420 },
};

const CURRENCY_SHARE: readonly (readonly [Currency, number])[] = [['EUR', 70], ['USD', 15], ['PLN', 7], ['GBP', 5], ['SEK', 2], ['CHF', 1]];
const DESTINATIONS: readonly (readonly [[string, string], number])[] = [
  [['DE', 'Hannover'], 18], [['PL', 'Poznan'], 10], [['IT', 'Verona'], 9], [['FR', 'Lyon'], 8], [['ES', 'Zaragoza'], 7],
  [['NL', 'Utrecht'], 5], [['GB', 'Manchester'], 6], [['TR', 'Istanbul'], 7], [['EG', 'Alexandria'], 5], [['CZ', 'Brno'], 4],
  [['AT', 'Linz'], 4], [['BE', 'Gent'], 3], [['SE', 'Malmo'], 3], [['AE', 'Dubai'], 3], [['IN', 'Mumbai'], 3], [['MA', 'Casablanca'], 3],
];
const ORIGINS: readonly (readonly [string, number])[] = [['DE', 20], ['SE', 10], ['FI', 8], ['AT', 7], ['IT', 12], ['PL', 10], ['FR', 8], ['ES', 8], ['US', 7], ['BR', 4], ['PT', 6]];

function price(rng: Rng, family: GradeFamily, market: MarketConfig, spread: number): { amount: number; currency: Currency } {
  const currency = rng.weighted(CURRENCY_SHARE);
  const eur = FAMILY[family].eur * (1 + (rng.next() * 2 - 1) * spread);
  return { amount: Math.round(eur / market.rates_to_eur[currency] / 5) * 5, currency };
}

export function randomRequest(rng: Rng, market: MarketConfig, staleAfter: string): BuyerRequest {
  const grade = rng.weighted(GRADE_SHARE);
  const family = gradeFamily(grade);
  const more = rng.weighted([[0, 70], [1, 25], [2, 5]] as const);
  const grades = [...new Set([grade, ...Array.from({ length: more }, () => rng.pick(GRADE_FAMILIES[family]))])];
  const gsm = rng.pick(FAMILY[family].gsm);
  const span = rng.weighted([[0, 35], [10, 40], [20, 20], [50, 5]] as const);
  const width = 50 * rng.int(12, 50);
  const qty = rng.int(10, 60);
  const d = 100 * rng.int(10, 15);
  return {
    grades, gsm: { min: gsm, max: gsm + span }, width_mm: { min: width, max: width + 50 * rng.int(0, 16) },
    diameter_mm: rng.next() < 0.5 ? null : { max: d }, core_mm: rng.pick([null, null, 76, 100, 150] as const),
    quantity_t: { min: qty, max: qty + rng.int(0, 60) },
    max_price: rng.next() < 0.3 ? null : price(rng, family, market, 0.15),
    destination: (([country, place]) => ({ country, place }))(rng.weighted(DESTINATIONS)), stale_after: staleAfter,
  };
}

export function randomOffer(rng: Rng, market: MarketConfig): OfferLine {
  const grade = rng.weighted(GRADE_SHARE);
  const family = gradeFamily(grade);
  const shape = rng.next();
  return {
    grade, gsm: rng.pick(FAMILY[family].gsm),
    width_mm: shape < 0.85 ? 50 * rng.int(16, 56) : null,
    sheet_mm: shape >= 0.85 && shape < 0.9 ? [10 * rng.int(60, 100), 10 * rng.int(70, 140)] : null,
    diameter_mm: rng.next() < 0.4 ? null : 100 * rng.int(10, 15), core_mm: rng.pick([null, 76, 76, 100, 150]),
    quantity_t: rng.int(5, 120), quantity_shared: rng.next() < 0.15, reels: null,
    price: rng.next() < 0.2 ? null : { ...price(rng, family, market, 0.2), per: 't' },
    incoterm: rng.next() < 0.3 ? null : { term: rng.pick(['FCA', 'EXW', 'DAP', 'CPT'] as const), place: rng.pick(['mill', 'Hannover', 'Poznan', null]) },
    origin: rng.weighted(ORIGINS), available: null,
  };
}

const CHUNK = 5_000;

async function chunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

export async function seedBuyers(sql: Sql, count: number, rng: Rng): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) => ({ id: randomUUID(), name: `Bench buyer ${i}`, country: rng.weighted(DESTINATIONS)[0], tier: 'standard' }));
  await chunks(rows, (c) => sql`insert into buyers (id, name, country, tier)
    select x.id, x.name, x.country, x.tier from jsonb_to_recordset(${sql.json(c as never)}) as x(id uuid, name text, country text, tier text)`);
  return rows.map((r) => r.id);
}

export function requestRow(buyerId: string, r: BuyerRequest, market: MarketConfig) {
  const now = new Date().toISOString();
  return { id: randomUUID(), buyer_id: buyerId, ...requestColumns(r, market), created_by: 'bench', created_at: now, updated_at: now };
}

export async function seedRequests(sql: Sql, buyers: string[], count: number, rng: Rng, market: MarketConfig, staleAfter: string): Promise<void> {
  const rows = Array.from({ length: count }, () => requestRow(rng.pick(buyers), randomRequest(rng, market, staleAfter), market));
  await chunks(rows, (c) => sql`insert into buyer_requests select * from jsonb_populate_recordset(null::buyer_requests, ${sql.json(c as never)})`);
}

export function offerRow(o: OfferLine) {
  return {
    id: randomUUID(), grade: o.grade, gsm: o.gsm, width_mm: o.width_mm, sheet_mm: o.sheet_mm, diameter_mm: o.diameter_mm, core_mm: o.core_mm,
    quantity_t: o.quantity_t, quantity_shared: o.quantity_shared, price_amount: o.price?.amount ?? null, price_currency: o.price?.currency ?? null,
    incoterm: o.incoterm?.term ?? null, incoterm_place: o.incoterm?.place ?? null, origin: o.origin, source: 'bench', status: 'open',
  };
}

export async function seedOffers(sql: Sql, count: number, rng: Rng, market: MarketConfig): Promise<string[]> {
  const rows = Array.from({ length: count }, () => offerRow(randomOffer(rng, market)));
  await chunks(rows, (c) => sql`insert into offers (id, grade, gsm, width_mm, sheet_mm, diameter_mm, core_mm, quantity_t, quantity_shared,
      price_amount, price_currency, incoterm, incoterm_place, origin, source, status)
    select x.id, x.grade, x.gsm, x.width_mm, x.sheet_mm, x.diameter_mm, x.core_mm, x.quantity_t, x.quantity_shared,
      x.price_amount, x.price_currency, x.incoterm, x.incoterm_place, x.origin, x.source, x.status
    from jsonb_to_recordset(${sql.json(c as never)}) as x(id uuid, grade text, gsm int, width_mm int, sheet_mm int[], diameter_mm int, core_mm int,
      quantity_t numeric, quantity_shared boolean, price_amount numeric, price_currency text, incoterm text, incoterm_place text, origin text, source text, status text)`);
  return rows.map((r) => r.id);
}
