import type { Db } from './client.js';

/** Records a webhook nonce; false when it was seen before (a replay). Safe inside a transaction. */
export async function useNonce(sql: Db, provider: string, nonce: string): Promise<boolean> {
  const rows = await sql`
    insert into webhook_nonces (provider, nonce) values (${provider}, ${nonce})
    on conflict do nothing returning nonce`;
  return rows.length === 1;
}

export async function purgeNonces(sql: Db, olderThanHours: number): Promise<number> {
  const result = await sql`delete from webhook_nonces where seen_at < now() - ${olderThanHours} * interval '1 hour'`;
  return result.count;
}
