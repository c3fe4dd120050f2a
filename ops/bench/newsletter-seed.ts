import { randomUUID } from 'node:crypto';
import type { Sql } from '../../db/client.js';

/**
 * A market for the newsletter benchmark: buyers that follow one to three grades (half of
 * the follows with a gsm range, half with a width range), one contact each, and open
 * offers spread over the past week. Deterministic: the same figures every run.
 */

const GRADES = ['testliner-2', 'testliner-3', 'kraftliner', 'white-top-kraftliner', 'fluting', 'semichemical-fluting', 'gc1', 'gc2', 'gd2', 'sbs', 'sack-kraft', 'wfu'];
const CHUNK = 2_000;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

async function insertChunks(rows: object[], write: (chunk: object[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

export async function seedBuyers(sql: Sql, count: number, seed = 1): Promise<void> {
  const rnd = lcg(seed);
  const buyers = Array.from({ length: count }, (_, i) => ({ id: randomUUID(), name: `Bench buyer ${i}` }));
  const follows = buyers.flatMap((b) => Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => {
    const gsm = 80 + Math.floor(rnd() * 200);
    const width = 900 + Math.floor(rnd() * 1200);
    return {
      id: randomUUID(), buyer_id: b.id, grade: GRADES[Math.floor(rnd() * GRADES.length)],
      gsm_min: rnd() < 0.5 ? gsm : null, gsm_max: rnd() < 0.5 ? gsm + 60 : null,
      width_min: rnd() < 0.5 ? width : null, width_max: rnd() < 0.5 ? width + 900 : null,
    };
  }));
  const contacts = buyers.map((b, i) => ({ id: randomUUID(), buyer_id: b.id, name: `Contact ${i}`, email: `contact${i}@buyer${i}.example`, token: randomUUID() }));
  await insertChunks(buyers, (c) => sql`insert into buyers (id, name, country) select x.id, x.name, 'DE' from jsonb_to_recordset(${sql.json(c as never)}) as x(id uuid, name text)`);
  await insertChunks(follows, (c) => sql`insert into buyer_follows (id, buyer_id, grade, gsm_min, gsm_max, width_min, width_max)
    select * from jsonb_to_recordset(${sql.json(c as never)}) as x(id uuid, buyer_id uuid, grade text, gsm_min int, gsm_max int, width_min int, width_max int)`);
  await insertChunks(contacts, (c) => sql`insert into buyer_contacts (id, buyer_id, name, email, unsubscribe_token)
    select x.id, x.buyer_id, x.name, x.email, x.token from jsonb_to_recordset(${sql.json(c as never)}) as x(id uuid, buyer_id uuid, name text, email text, token text)`);
}

/** Open offers that went on the market in [from, from + 7 days). */
export async function seedOffers(sql: Sql, count: number, from: Date, seed = 2): Promise<void> {
  const rnd = lcg(seed);
  const offers = Array.from({ length: count }, () => ({
    id: randomUUID(), grade: GRADES[Math.floor(rnd() * GRADES.length)], gsm: 80 + Math.floor(rnd() * 260),
    width_mm: rnd() < 0.9 ? 800 + 50 * Math.floor(rnd() * 40) : null, quantity_t: 5 + Math.floor(rnd() * 120),
    price_amount: 350 + Math.floor(rnd() * 600), at: new Date(from.getTime() + Math.floor(rnd() * 7 * 86_400_000)).toISOString(),
  }));
  await insertChunks(offers, (c) => sql`insert into offers (id, grade, gsm, width_mm, quantity_t, price_amount, price_currency, incoterm, incoterm_place, origin, available, created_at, updated_at)
    select x.id, x.grade, x.gsm, x.width_mm, x.quantity_t, x.price_amount, 'EUR', 'FCA', 'mill', 'DE', '2026-12-14', x.at, x.at
    from jsonb_to_recordset(${sql.json(c as never)}) as x(id uuid, grade text, gsm int, width_mm int, quantity_t numeric, price_amount numeric, at timestamptz)`);
}
