import type { Db } from './client.js';

/** Claims one firing of a job; false when some scheduler already fired it. */
export async function claimFiring(sql: Db, job: string, fireKey: string): Promise<boolean> {
  const rows = await sql`
    insert into scheduler_firings (job, fire_key) values (${job}, ${fireKey})
    on conflict do nothing returning job`;
  return rows.length === 1;
}

export async function recordFiringMessage(sql: Db, job: string, fireKey: string, messageId: string): Promise<void> {
  await sql`update scheduler_firings set message_id = ${messageId} where job = ${job} and fire_key = ${fireKey}`;
}

export async function lastFiring(sql: Db, job: string): Promise<{ fire_key: string; fired_at: Date } | undefined> {
  const [row] = await sql<{ fire_key: string; fired_at: Date }[]>`
    select fire_key, fired_at from scheduler_firings where job = ${job} order by fired_at desc limit 1`;
  return row;
}
