import { uuidv7 } from '../actors/common/ids.js';
import { AppError } from '../actors/common/errors.js';
import type { Db } from './client.js';

export interface MillRow {
  id: string;
  name: string;
  country: string | null;
  created_at: Date;
  senders: string[];
}

/** The mill an e-mail is attributed to, with what the extractor needs of it. */
export interface SenderMill {
  id: string;
  name: string;
  country: string | null;
}

export async function createMill(sql: Db, input: { name: string; country: string | null }): Promise<MillRow> {
  const [row] = await sql<MillRow[]>`
    insert into mills (id, name, country) values (${uuidv7()}, ${input.name}, ${input.country})
    returning id, name, country, created_at, '{}'::text[] as senders`;
  return row as MillRow;
}

export async function listMills(sql: Db): Promise<MillRow[]> {
  return sql<MillRow[]>`
    select m.id, m.name, m.country, m.created_at,
      coalesce(array_agg(s.pattern order by s.pattern) filter (where s.pattern is not null), '{}') as senders
    from mills m left join mill_senders s on s.mill_id = m.id
    group by m.id order by m.name, m.id`;
}

export async function getMill(sql: Db, id: string): Promise<MillRow | undefined> {
  const [row] = await sql<MillRow[]>`
    select m.id, m.name, m.country, m.created_at,
      coalesce(array_agg(s.pattern order by s.pattern) filter (where s.pattern is not null), '{}') as senders
    from mills m left join mill_senders s on s.mill_id = m.id
    where m.id = ${id} group by m.id`;
  return row;
}

/**
 * Adds a sender pattern (a full address or "@domain") to a mill. Adding it again to the
 * same mill is a no-op; a pattern that already belongs to another mill is a conflict, as
 * one address cannot speak for two mills.
 */
export async function addSender(sql: Db, millId: string, pattern: string): Promise<{ created: boolean }> {
  const [inserted] = await sql`
    insert into mill_senders (pattern, mill_id) values (${pattern}, ${millId})
    on conflict (pattern) do nothing returning pattern`;
  if (inserted) return { created: true };
  const [owner] = await sql<{ mill_id: string }[]>`select mill_id from mill_senders where pattern = ${pattern}`;
  if (owner?.mill_id === millId) return { created: false };
  throw new AppError('B2B_CONFLICT', `sender ${pattern} already belongs to another mill`, { details: { millId: owner?.mill_id } });
}

export async function removeSender(sql: Db, millId: string, pattern: string): Promise<boolean> {
  const result = await sql`delete from mill_senders where mill_id = ${millId} and pattern = ${pattern}`;
  return result.count === 1;
}

/**
 * The patterns that may attribute an address, most specific first: the address itself,
 * then its domain and each parent domain ("@sales.mill.example", "@mill.example").
 */
export function senderPatterns(address: string): string[] {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at <= 0 || at === lower.length - 1) return [];
  const labels = lower.slice(at + 1).split('.');
  const domains = labels.slice(0, -1).map((_, i) => `@${labels.slice(i).join('.')}`);
  return [lower, ...domains];
}

/** The mill a sender address belongs to: by full address first, then by the closest domain. */
export async function findMillBySender(sql: Db, address: string | null): Promise<SenderMill | null> {
  const patterns = address ? senderPatterns(address) : [];
  if (patterns.length === 0) return null;
  const rows = await sql<(SenderMill & { pattern: string })[]>`
    select s.pattern, m.id, m.name, m.country
    from mill_senders s join mills m on m.id = s.mill_id
    where s.pattern in ${sql(patterns)}`;
  const best = patterns.map((p) => rows.find((r) => r.pattern === p)).find((r) => r !== undefined);
  return best ? { id: best.id, name: best.name, country: best.country } : null;
}
