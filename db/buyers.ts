import { randomBytes } from 'node:crypto';
import type { PendingQuery, Row } from 'postgres';
import { uuidv7 } from '../actors/common/ids.js';
import { AppError } from '../actors/common/errors.js';
import { isPgError, PG, type Db } from './client.js';

/** Buyers with their contacts and newsletter follows, as operators manage them. */

export interface ContactInput {
  name: string;
  email: string;
  newsletter?: boolean;
}

export interface FollowInput {
  grade: string;
  gsm?: { min?: number; max?: number } | null;
  width_mm?: { min?: number; max?: number } | null;
}

export interface BuyerInput {
  name: string;
  country: string;
  tier?: string;
  contacts?: ContactInput[];
  follows?: FollowInput[];
}

export interface ContactRow {
  id: string;
  buyer_id: string;
  name: string;
  email: string;
  newsletter: boolean;
  unsubscribed_at: Date | null;
  bounced_at: Date | null;
  created_at: Date;
}

export interface FollowRow {
  id: string;
  buyer_id: string;
  grade: string;
  gsm_min: number | null;
  gsm_max: number | null;
  width_min: number | null;
  width_max: number | null;
}

export interface BuyerRecord {
  id: string;
  name: string;
  country: string;
  tier: string;
  created_at: Date;
  updated_at: Date;
  contacts: ContactRow[];
  follows: FollowRow[];
}

type BuyerRow = Omit<BuyerRecord, 'contacts' | 'follows'>;

/** A second contact with one e-mail address is a conflict the operator must resolve. */
async function uniqueEmail<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (isPgError(err, PG.uniqueViolation)) throw new AppError('B2B_CONFLICT', 'a contact with this e-mail address exists already');
    throw err;
  }
}

function contactRow(buyerId: string, c: ContactInput) {
  return {
    id: uuidv7(), buyer_id: buyerId, name: c.name, email: c.email.toLowerCase(), newsletter: c.newsletter ?? true,
    unsubscribe_token: randomBytes(24).toString('base64url'),
  };
}

function followRow(buyerId: string, f: FollowInput) {
  return {
    id: uuidv7(), buyer_id: buyerId, grade: f.grade, gsm_min: f.gsm?.min ?? null, gsm_max: f.gsm?.max ?? null,
    width_min: f.width_mm?.min ?? null, width_max: f.width_mm?.max ?? null,
  };
}

export async function createBuyer(sql: Db, input: BuyerInput): Promise<string> {
  const id = uuidv7();
  await sql`insert into buyers ${sql({ id, name: input.name, country: input.country, tier: input.tier ?? 'standard' })}`;
  if (input.contacts?.length) await uniqueEmail(sql`insert into buyer_contacts ${sql(input.contacts.map((c) => contactRow(id, c)))}`);
  if (input.follows?.length) await sql`insert into buyer_follows ${sql(input.follows.map((f) => followRow(id, f)))}`;
  return id;
}

export async function buyerExists(sql: Db, id: string): Promise<boolean> {
  return (await sql`select 1 from buyers where id = ${id}`).length === 1;
}

async function withDetails(sql: Db, buyers: BuyerRow[]): Promise<BuyerRecord[]> {
  const ids = buyers.map((b) => b.id);
  const contacts = await sql<ContactRow[]>`
    select id, buyer_id, name, email, newsletter, unsubscribed_at, bounced_at, created_at
    from buyer_contacts where buyer_id = any(${ids}::uuid[]) order by created_at, id`;
  const follows = await sql<FollowRow[]>`
    select id, buyer_id, grade, gsm_min, gsm_max, width_min, width_max
    from buyer_follows where buyer_id = any(${ids}::uuid[]) order by grade, id`;
  return buyers.map((b) => ({ ...b, contacts: contacts.filter((c) => c.buyer_id === b.id), follows: follows.filter((f) => f.buyer_id === b.id) }));
}

export async function getBuyer(sql: Db, id: string): Promise<BuyerRecord | undefined> {
  const rows = await sql<BuyerRow[]>`select id, name, country, tier, created_at, updated_at from buyers where id = ${id}`;
  return (await withDetails(sql, rows))[0];
}

export interface BuyerFilters {
  country?: string;
  tier?: string;
  /** Part of the name, any case. */
  q?: string;
}

export async function listBuyers(sql: Db, f: BuyerFilters, page: { limit: number; cursor?: string }): Promise<BuyerRecord[]> {
  const when = <T>(v: T | undefined, cond: (v: T) => PendingQuery<Row[]>) => (v === undefined ? sql`true` : cond(v));
  const rows = await sql<BuyerRow[]>`
    select id, name, country, tier, created_at, updated_at from buyers
    where ${when(f.country, (v) => sql`country = ${v}`)} and ${when(f.tier, (v) => sql`tier = ${v}`)}
      and ${when(f.q, (v) => sql`name ilike ${`%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`)}
      and ${when(page.cursor, (v) => sql`id < ${v}`)}
    order by id desc limit ${page.limit}`;
  return withDetails(sql, rows);
}

export async function updateBuyer(sql: Db, id: string, patch: { name?: string; country?: string; tier?: string }): Promise<boolean> {
  const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const rows = await sql`update buyers set ${sql({ ...set, updated_at: new Date() })} where id = ${id} returning id`;
  return rows.length === 1;
}

export async function addContact(sql: Db, buyerId: string, c: ContactInput): Promise<string> {
  const row = contactRow(buyerId, c);
  await uniqueEmail(sql`insert into buyer_contacts ${sql(row)}`);
  return row.id;
}

export async function updateContact(sql: Db, buyerId: string, id: string, patch: Partial<ContactInput>): Promise<boolean> {
  const set = Object.fromEntries(Object.entries({ ...patch, email: patch.email?.toLowerCase() }).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return (await sql`select 1 from buyer_contacts where id = ${id} and buyer_id = ${buyerId}`).length === 1;
  const rows = await uniqueEmail(sql`update buyer_contacts set ${sql(set)} where id = ${id} and buyer_id = ${buyerId} returning id`);
  return rows.length === 1;
}

export async function deleteContact(sql: Db, buyerId: string, id: string): Promise<boolean> {
  return (await sql`delete from buyer_contacts where id = ${id} and buyer_id = ${buyerId} returning id`).length === 1;
}

/** The buyer's follows become exactly these. */
export async function replaceFollows(sql: Db, buyerId: string, follows: FollowInput[]): Promise<void> {
  await sql`delete from buyer_follows where buyer_id = ${buyerId}`;
  if (follows.length > 0) await sql`insert into buyer_follows ${sql(follows.map((f) => followRow(buyerId, f)))}`;
}
