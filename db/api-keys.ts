import { createHash, randomBytes } from 'node:crypto';
import { uuidv7 } from '../actors/common/ids.js';
import type { Db } from './client.js';

export const ROLES = ['buyer', 'mill', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  key_prefix: string;
  buyer_id: string | null;
  mill_id: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Mints a key; the plain key is returned once and only its hash is stored. */
export async function createApiKey(
  sql: Db, input: { name: string; role: Role; buyerId?: string | null; millId?: string | null },
): Promise<{ key: string; record: ApiKey }> {
  const key = `b2b_${randomBytes(24).toString('base64url')}`;
  const [record] = await sql<ApiKey[]>`
    insert into api_keys (id, name, role, key_hash, key_prefix, buyer_id, mill_id)
    values (${uuidv7()}, ${input.name}, ${input.role}, ${hashKey(key)}, ${key.slice(0, 10)},
      ${input.buyerId ?? null}, ${input.millId ?? null})
    returning id, name, role, key_prefix, buyer_id, mill_id, created_at, revoked_at`;
  return { key, record: record as ApiKey };
}

export async function findApiKey(sql: Db, key: string): Promise<ApiKey | undefined> {
  const [row] = await sql<ApiKey[]>`
    select id, name, role, key_prefix, buyer_id, mill_id, created_at, revoked_at
    from api_keys where key_hash = ${hashKey(key)} and revoked_at is null`;
  return row;
}

export async function revokeApiKey(sql: Db, id: string): Promise<boolean> {
  const result = await sql`update api_keys set revoked_at = now() where id = ${id} and revoked_at is null`;
  return result.count === 1;
}

export async function listApiKeys(sql: Db): Promise<ApiKey[]> {
  return sql<ApiKey[]>`
    select id, name, role, key_prefix, buyer_id, mill_id, created_at, revoked_at from api_keys order by created_at`;
}
