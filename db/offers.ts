import type { PendingQuery, Row } from 'postgres';
import { uuidv7 } from '../actors/common/ids.js';
import type { OfferLine } from '../actors/domain/offer-line.js';
import type { ApiKey } from './api-keys.js';
import { AppError } from '../actors/common/errors.js';
import { isPgError, type Db } from './client.js';
import { offerVisibleTo } from './visibility.js';

export type OfferStatus = 'open' | 'exclusive' | 'reserved' | 'sold' | 'withdrawn';
export type Viewer = Pick<ApiKey, 'role' | 'buyer_id' | 'mill_id'>;

export interface OfferRow {
  id: string;
  email_id: string | null;
  line_no: number | null;
  source: string | null;
  mill_id: string | null;
  created_by: string | null;
  grade: OfferLine['grade'];
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
  status: OfferStatus;
  created_at: Date;
  updated_at: Date;
}

export interface OfferFilters {
  grades?: string[];
  gsmMin?: number;
  gsmMax?: number;
  widthMin?: number;
  widthMax?: number;
  origin?: string;
  /** Only lines loadable before this date (YYYY-MM-DD); lines with no availability are left out. */
  availableBefore?: string;
  status?: OfferStatus;
  millId?: string;
  emailId?: string;
}

export interface Page { limit: number; cursor?: string }

/** SQLSTATE of a number too large for its column (numeric(12, 3) tonnes, numeric(12, 2) prices). */
const NUMERIC_OUT_OF_RANGE = '22003';

const COLUMNS = 'o.id, o.email_id, o.line_no, o.source, o.mill_id, o.created_by, o.grade, o.gsm, o.width_mm, o.sheet_mm, o.diameter_mm, o.core_mm, o.quantity_t, o.quantity_shared, o.reels, o.price_amount, o.price_currency, o.incoterm, o.incoterm_place, o.origin, o.available, o.status, o.created_at, o.updated_at';

/** The first day an offer can be loaded: its date, or the Monday of its ISO week. */
export function availableFrom(available: string | null): string | null {
  if (available === null) return null;
  const week = /^(\d{4})-W(\d{2})$/.exec(available);
  if (!week) return available;
  const jan4 = new Date(Date.UTC(Number(week[1]), 0, 4));
  const mondayOfWeek1 = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000;
  return new Date(mondayOfWeek1 + (Number(week[2]) - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
}

/** One offer line as its table row. */
function lineColumns(line: OfferLine) {
  return {
    grade: line.grade, gsm: line.gsm, width_mm: line.width_mm, sheet_mm: line.sheet_mm,
    diameter_mm: line.diameter_mm, core_mm: line.core_mm, quantity_t: line.quantity_t,
    quantity_shared: line.quantity_shared, reels: line.reels,
    price_amount: line.price?.amount ?? null, price_currency: line.price?.currency ?? null,
    incoterm: line.incoterm?.term ?? null, incoterm_place: line.incoterm?.place ?? null,
    origin: line.origin, available: line.available, available_from: availableFrom(line.available),
  };
}

/** A row back as DOMAIN.md's offer line. */
export function toOfferLine(row: OfferRow): OfferLine {
  return {
    grade: row.grade, gsm: row.gsm, width_mm: row.width_mm,
    sheet_mm: row.sheet_mm ? [row.sheet_mm[0] as number, row.sheet_mm[1] as number] : null,
    diameter_mm: row.diameter_mm, core_mm: row.core_mm,
    quantity_t: row.quantity_t === null ? null : Number(row.quantity_t),
    quantity_shared: row.quantity_shared, reels: row.reels,
    price: row.price_amount === null ? null : { amount: Number(row.price_amount), currency: row.price_currency as never, per: 't' },
    incoterm: row.incoterm === null ? null : { term: row.incoterm as never, place: row.incoterm_place },
    origin: row.origin, available: row.available,
  };
}

/**
 * Stores an e-mail's offer lines, numbered from 1 in the order read; a second run for the
 * same e-mail adds nothing (unique email_id, line_no). Returns every offer id of the e-mail.
 */
export async function insertEmailOffers(sql: Db, emailId: string, millId: string | null, lines: { offer: OfferLine; source: string }[]): Promise<string[]> {
  if (lines.length > 0) {
    const rows = lines.map((l, i) => ({ id: uuidv7(), email_id: emailId, line_no: i + 1, source: l.source, mill_id: millId, created_by: 'ingestion', ...lineColumns(l.offer) }));
    await sql`insert into offers ${sql(rows as never)} on conflict (email_id, line_no) do nothing`;
  }
  const ids = await sql<{ id: string }[]>`select id from offers where email_id = ${emailId} order by line_no`;
  return ids.map((r) => r.id);
}

/** Offer lines entered through the API by a mill or an operator. */
export async function createOffers(sql: Db, millId: string | null, createdBy: string, lines: OfferLine[]): Promise<OfferRow[]> {
  const rows = lines.map((l) => ({ id: uuidv7(), mill_id: millId, created_by: createdBy, source: 'api', ...lineColumns(l) }));
  try {
    return await sql<OfferRow[]>`insert into offers ${sql(rows as never)} returning ${sql.unsafe(COLUMNS.replaceAll('o.', ''))}`;
  } catch (err) {
    if (isPgError(err, NUMERIC_OUT_OF_RANGE)) throw new AppError('B2B_VALIDATION', 'a quantity, price or size is out of range');
    throw err;
  }
}

export async function getOffer(sql: Db, viewer: Viewer, id: string): Promise<OfferRow | undefined> {
  const [row] = await sql<OfferRow[]>`
    select ${sql.unsafe(COLUMNS)} from offers o where o.id = ${id} and ${offerVisibleTo(sql, viewer)}`;
  return row;
}

export async function listOffers(sql: Db, viewer: Viewer, f: OfferFilters, page: Page): Promise<OfferRow[]> {
  return sql<OfferRow[]>`
    select ${sql.unsafe(COLUMNS)} from offers o
    where ${offerVisibleTo(sql, viewer)} and ${filterSql(sql, f)}
      and ${page.cursor === undefined ? sql`true` : sql`o.id < ${page.cursor}`}
    order by o.id desc limit ${page.limit}`;
}

function filterSql(sql: Db, f: OfferFilters): PendingQuery<Row[]> {
  const when = <T>(v: T | undefined, cond: (v: T) => PendingQuery<Row[]>) => (v === undefined ? sql`true` : cond(v));
  return sql`${when(f.grades, (g) => sql`o.grade in ${sql(g)}`)}
    and ${when(f.gsmMin, (v) => sql`o.gsm >= ${v}`)} and ${when(f.gsmMax, (v) => sql`o.gsm <= ${v}`)}
    and ${when(f.widthMin, (v) => sql`o.width_mm >= ${v}`)} and ${when(f.widthMax, (v) => sql`o.width_mm <= ${v}`)}
    and ${when(f.origin, (v) => sql`o.origin = ${v}`)}
    and ${when(f.availableBefore, (v) => sql`o.available_from < ${v}::date`)}
    and ${when(f.status, (v) => sql`o.status = ${v}`)}
    and ${when(f.millId, (v) => sql`o.mill_id = ${v}`)}
    and ${when(f.emailId, (v) => sql`o.email_id = ${v}`)}`;
}

export async function offersOfEmail(sql: Db, emailId: string): Promise<OfferRow[]> {
  return sql<OfferRow[]>`select ${sql.unsafe(COLUMNS)} from offers o where o.email_id = ${emailId} order by o.line_no`;
}

/** Withdraws an offer that is still on offer; returns the row as it now stands. */
export async function withdrawOffer(sql: Db, id: string): Promise<OfferRow | undefined> {
  const [row] = await sql<OfferRow[]>`
    update offers o set status = 'withdrawn', updated_at = now()
    where o.id = ${id} and o.status in ('open', 'exclusive')
    returning ${sql.unsafe(COLUMNS)}`;
  return row;
}
