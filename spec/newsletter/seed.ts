import { randomBytes, randomUUID } from 'node:crypto';
import type { Sql } from '../../db/client.js';

/** Buyers, contacts, follows and offers written straight to the tables the newsletter reads. */

export interface SeedFollow {
  grade: string;
  gsm?: [number, number];
  width?: [number, number];
}

export interface SeedContact {
  id: string;
  email: string;
  name: string;
  token: string;
}

export interface SeededBuyer {
  id: string;
  name: string;
  contacts: SeedContact[];
}

export async function seedBuyer(sql: Sql, opts: { name?: string; follows?: SeedFollow[]; contacts?: number } = {}): Promise<SeededBuyer> {
  const id = randomUUID();
  const name = opts.name ?? `Buyer ${id.slice(0, 8)}`;
  await sql`insert into buyers (id, name, country) values (${id}, ${name}, 'DE')`;
  for (const f of opts.follows ?? []) {
    await sql`insert into buyer_follows (id, buyer_id, grade, gsm_min, gsm_max, width_min, width_max)
      values (${randomUUID()}, ${id}, ${f.grade}, ${f.gsm?.[0] ?? null}, ${f.gsm?.[1] ?? null}, ${f.width?.[0] ?? null}, ${f.width?.[1] ?? null})`;
  }
  const contacts = Array.from({ length: opts.contacts ?? 1 }, (_, i) => ({
    id: randomUUID(), email: `c${i}.${id.slice(0, 8)}@buyer-${id.slice(0, 8)}.example`, name: `Contact ${i} of ${name}`,
    token: randomBytes(18).toString('base64url'),
  }));
  if (contacts.length > 0) {
    await sql`insert into buyer_contacts (id, buyer_id, name, email, unsubscribe_token)
      select x.id, ${id}, x.name, x.email, x.token from jsonb_to_recordset(${sql.json(contacts as never)}) as x(id uuid, name text, email text, token text)`;
  }
  return { id, name, contacts };
}

export interface SeedOffer {
  grade?: string;
  gsm?: number;
  width_mm?: number | null;
  status?: 'open' | 'exclusive' | 'reserved' | 'sold' | 'withdrawn';
  exclusiveBuyerId?: string | null;
  /** When it went on the market (offers.updated_at). */
  at?: Date;
  price?: number | null;
}

export async function seedOffer(sql: Sql, o: SeedOffer = {}): Promise<string> {
  const id = randomUUID();
  const at = o.at ?? new Date();
  await sql`insert into offers (id, grade, gsm, width_mm, quantity_t, price_amount, price_currency, incoterm, incoterm_place, origin,
      available, status, exclusive_buyer_id, created_at, updated_at)
    values (${id}, ${o.grade ?? 'testliner-3'}, ${o.gsm ?? 125}, ${o.width_mm === undefined ? 1250 : o.width_mm}, 24,
      ${o.price === undefined ? 410 : o.price}, 'EUR', 'FCA', 'Cittadella', 'IT', '2026-12-14', ${o.status ?? 'open'},
      ${o.exclusiveBuyerId ?? null}, ${at}, ${at})`;
  return id;
}

/** Many buyers with one follow and `contactsEach` contacts each, in a few statements. */
export async function seedManyBuyers(sql: Sql, buyers: number, contactsEach: number, grade = 'testliner-3'): Promise<SeedContact[]> {
  const rows = Array.from({ length: buyers }, () => ({ id: randomUUID() }));
  await sql`insert into buyers (id, name, country) select x.id, 'Buyer ' || left(x.id::text, 8), 'DE' from jsonb_to_recordset(${sql.json(rows as never)}) as x(id uuid)`;
  await sql`insert into buyer_follows (id, buyer_id, grade) select gen_random_uuid(), x.id, ${grade} from jsonb_to_recordset(${sql.json(rows as never)}) as x(id uuid)`;
  const contacts = rows.flatMap((b) => Array.from({ length: contactsEach }, (_, i) => ({
    id: randomUUID(), buyer_id: b.id, email: `c${i}.${b.id.slice(0, 13)}@bulk.example`, name: `Contact ${i}`, token: randomBytes(18).toString('base64url'),
  })));
  for (let i = 0; i < contacts.length; i += 2_000) {
    await sql`insert into buyer_contacts (id, buyer_id, name, email, unsubscribe_token)
      select x.id, x.buyer_id, x.name, x.email, x.token
      from jsonb_to_recordset(${sql.json(contacts.slice(i, i + 2_000) as never)}) as x(id uuid, buyer_id uuid, name text, email text, token text)`;
  }
  return contacts;
}

/** A live request of the buyer and matching's score of the offer for it. */
export async function seedMatch(sql: Sql, buyerId: string, offerId: string, score: number): Promise<void> {
  const requestId = randomUUID();
  await sql`insert into buyer_requests (id, buyer_id, grades, gsm_min, gsm_max, width_min, width_max, quantity_min, quantity_max,
      destination_country, destination_place, stale_after, match_box)
    values (${requestId}, ${buyerId}, '{testliner-3}', 100, 200, 1000, 2600, 10, 100, 'DE', 'Hannover', '2027-12-31', box(point(0, 0), point(1, 1)))`;
  await sql`insert into matches (offer_id, request_id, buyer_id, score) values (${offerId}, ${requestId}, ${buyerId}, ${score})`;
}
